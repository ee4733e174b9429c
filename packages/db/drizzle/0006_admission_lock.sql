-- Custom SQL migration: admitting an instance (the concurrent-session quota and the per-domain cap,
-- apps/server/src/routes/instances/policy.ts) is serialized per organization by a transaction-level
-- advisory lock, taken here by the statement that inserts or activates the instance (status becomes
-- PENDING). The admission read is the next statement: it reads a snapshot taken after the lock was
-- granted, so it sees every activation committed before. A lock taken inside the read itself would
-- not: a statement reads the snapshot of when it began, before any wait for the lock.
CREATE OR REPLACE FUNCTION "lock_instance_admission"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(hashtextextended(NEW.organization_id::text, 7));
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER "instances_admission_lock"
  BEFORE INSERT OR UPDATE OF "status" ON "instances"
  FOR EACH ROW WHEN (NEW.status = 'PENDING')
  EXECUTE FUNCTION "lock_instance_admission"();

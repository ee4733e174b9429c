-- Custom SQL migration: a browser session is a "session" in every layer (it was an "instance").
-- Renames keep every row; constraint, index and sequence names follow, so the schema reads the same
-- as one created from scratch. Audit entries written before keep their meaning under the new names.
ALTER TABLE "instances" RENAME TO "sessions";--> statement-breakpoint
ALTER TABLE "instance_logs" RENAME TO "session_logs";--> statement-breakpoint
ALTER TABLE "instance_metrics" RENAME TO "session_metrics";--> statement-breakpoint
ALTER TABLE "session_logs" RENAME COLUMN "instance_id" TO "session_id";--> statement-breakpoint
ALTER TABLE "session_metrics" RENAME COLUMN "instance_id" TO "session_id";--> statement-breakpoint
ALTER TYPE "instance_status" RENAME TO "session_status";--> statement-breakpoint
ALTER TYPE "instance_isolation" RENAME TO "session_isolation";--> statement-breakpoint
ALTER SEQUENCE "instance_logs_id_seq" RENAME TO "session_logs_id_seq";--> statement-breakpoint
ALTER TABLE "sessions" RENAME CONSTRAINT "instances_pkey" TO "sessions_pkey";--> statement-breakpoint
ALTER TABLE "sessions" RENAME CONSTRAINT "instances_organization_id_organizations_id_fk" TO "sessions_organization_id_organizations_id_fk";--> statement-breakpoint
ALTER TABLE "sessions" RENAME CONSTRAINT "instances_worker_id_workers_id_fk" TO "sessions_worker_id_workers_id_fk";--> statement-breakpoint
ALTER TABLE "session_logs" RENAME CONSTRAINT "instance_logs_pkey" TO "session_logs_pkey";--> statement-breakpoint
ALTER TABLE "session_logs" RENAME CONSTRAINT "instance_logs_instance_id_instances_id_fk" TO "session_logs_session_id_sessions_id_fk";--> statement-breakpoint
ALTER TABLE "session_metrics" RENAME CONSTRAINT "instance_metrics_instance_id_resolution_at_pk" TO "session_metrics_session_id_resolution_at_pk";--> statement-breakpoint
ALTER TABLE "session_metrics" RENAME CONSTRAINT "instance_metrics_instance_id_instances_id_fk" TO "session_metrics_session_id_sessions_id_fk";--> statement-breakpoint
-- PostgreSQL 18 names NOT NULL constraints too (`<table>_<column>_not_null`); older servers have none.
DO $$
DECLARE c record;
BEGIN
  FOR c IN
    SELECT conrelid::regclass AS tbl, conname FROM pg_constraint
    WHERE conrelid IN ('sessions'::regclass, 'session_logs'::regclass, 'session_metrics'::regclass)
      AND conname LIKE 'instance%'
  LOOP
    EXECUTE format('ALTER TABLE %s RENAME CONSTRAINT %I TO %I', c.tbl, c.conname,
      replace(replace(c.conname, 'instances', 'sessions'), 'instance', 'session'));
  END LOOP;
END
$$;--> statement-breakpoint
ALTER INDEX "instances_org_created_idx" RENAME TO "sessions_org_created_idx";--> statement-breakpoint
ALTER INDEX "instances_tags_idx" RENAME TO "sessions_tags_idx";--> statement-breakpoint
ALTER INDEX "instances_worker_idx" RENAME TO "sessions_worker_idx";--> statement-breakpoint
ALTER INDEX "instance_logs_instance_at_idx" RENAME TO "session_logs_session_at_idx";--> statement-breakpoint
ALTER INDEX "instance_logs_at_idx" RENAME TO "session_logs_at_idx";--> statement-breakpoint
ALTER INDEX "instance_metrics_resolution_at_idx" RENAME TO "session_metrics_resolution_at_idx";--> statement-breakpoint
ALTER FUNCTION "lock_instance_admission"() RENAME TO "lock_session_admission";--> statement-breakpoint
ALTER TRIGGER "instances_admission_lock" ON "sessions" RENAME TO "sessions_admission_lock";--> statement-breakpoint
UPDATE "audit_logs" SET "action" = 'session.' || substr("action", length('instance.') + 1)
  WHERE "action" LIKE 'instance.%';--> statement-breakpoint
UPDATE "audit_logs" SET "target_type" = 'session' WHERE "target_type" = 'instance';

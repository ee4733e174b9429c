-- GET /sessions orders by created_at DESC, id DESC (NULLS FIRST, as Postgres reads a bare DESC).
-- The old index was (organization_id, created_at DESC NULLS LAST): it served no such ORDER BY, so
-- every list page sorted all of the organization's sessions (issue 9). Created before the old one
-- is dropped: the admission read (getSessionAdmission) keeps an index on organization_id throughout.
CREATE INDEX "sessions_org_created_id_idx" ON "sessions" USING btree ("organization_id","created_at" DESC NULLS FIRST,"id" DESC NULLS FIRST);--> statement-breakpoint
DROP INDEX "sessions_org_created_idx";

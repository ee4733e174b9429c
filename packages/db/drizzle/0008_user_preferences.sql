-- A user's dashboard language and theme, the same on every device (PATCH /api/v1/me/preferences).
-- Null means "not chosen": the browser's language and the device's light/dark setting decide.
ALTER TABLE "users" ADD COLUMN "locale" text;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "theme" text;

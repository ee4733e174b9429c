ALTER TABLE "sessions" ADD COLUMN "proxy_provider_id" uuid;--> statement-breakpoint
ALTER TABLE "sessions" ADD COLUMN "proxy_provider" jsonb;--> statement-breakpoint
ALTER TABLE "sessions" ADD COLUMN "proxy_sticky_key" text;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_proxy_provider_id_proxy_providers_id_fk" FOREIGN KEY ("proxy_provider_id") REFERENCES "public"."proxy_providers"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "sessions_proxy_provider_idx" ON "sessions" USING btree ("proxy_provider_id");
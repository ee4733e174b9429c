CREATE TABLE "proxy_cursors" (
	"organization_id" uuid PRIMARY KEY NOT NULL,
	"last_proxy_id" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "sessions" ADD COLUMN "proxy" jsonb;--> statement-breakpoint
ALTER TABLE "sessions" ADD COLUMN "proxy_id" uuid;--> statement-breakpoint
ALTER TABLE "sessions" ADD COLUMN "pool_proxy" jsonb;--> statement-breakpoint
ALTER TABLE "sessions" ADD COLUMN "proxy_country" text;--> statement-breakpoint
ALTER TABLE "sessions" ADD COLUMN "proxy_rotation" jsonb DEFAULT '{"onFailure":false,"everyMinutes":null}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "sessions" ADD COLUMN "geo_from_proxy" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "proxy_cursors" ADD CONSTRAINT "proxy_cursors_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_proxy_id_proxies_id_fk" FOREIGN KEY ("proxy_id") REFERENCES "public"."proxies"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "sessions_proxy_idx" ON "sessions" USING btree ("proxy_id");
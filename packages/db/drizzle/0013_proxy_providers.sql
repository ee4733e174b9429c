CREATE TYPE "public"."proxy_provider_kind" AS ENUM('brightdata', 'decodo', 'oxylabs', 'proxymesh');--> statement-breakpoint
CREATE TABLE "proxy_providers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"name" text NOT NULL,
	"kind" "proxy_provider_kind" NOT NULL,
	"username" text NOT NULL,
	"zone" text,
	"password" text NOT NULL,
	"host" text,
	"port" integer,
	"countries" text[] DEFAULT '{}'::text[] NOT NULL,
	"sticky_minutes" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "proxy_providers" ADD CONSTRAINT "proxy_providers_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "proxy_providers_org_name_idx" ON "proxy_providers" USING btree ("organization_id","name");
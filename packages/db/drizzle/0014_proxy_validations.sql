CREATE TYPE "public"."proxy_validation_status" AS ENUM('QUEUED', 'RUNNING', 'COMPLETED', 'FAILED', 'CANCELLED');--> statement-breakpoint
CREATE TABLE "proxy_validation_proxies" (
	"validation_id" uuid NOT NULL,
	"proxy_id" uuid NOT NULL,
	"ok" boolean,
	CONSTRAINT "proxy_validation_proxies_validation_id_proxy_id_pk" PRIMARY KEY("validation_id","proxy_id")
);
--> statement-breakpoint
CREATE TABLE "proxy_validations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"status" "proxy_validation_status" DEFAULT 'QUEUED' NOT NULL,
	"total" integer NOT NULL,
	"checked" integer DEFAULT 0 NOT NULL,
	"succeeded" integer DEFAULT 0 NOT NULL,
	"failed" integer DEFAULT 0 NOT NULL,
	"error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "proxy_validation_proxies" ADD CONSTRAINT "proxy_validation_proxies_validation_id_proxy_validations_id_fk" FOREIGN KEY ("validation_id") REFERENCES "public"."proxy_validations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proxy_validation_proxies" ADD CONSTRAINT "proxy_validation_proxies_proxy_id_proxies_id_fk" FOREIGN KEY ("proxy_id") REFERENCES "public"."proxies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proxy_validations" ADD CONSTRAINT "proxy_validations_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "proxy_validation_proxies_proxy_idx" ON "proxy_validation_proxies" USING btree ("proxy_id");--> statement-breakpoint
CREATE INDEX "proxy_validations_org_active_idx" ON "proxy_validations" USING btree ("organization_id") WHERE "proxy_validations"."status" IN ('QUEUED', 'RUNNING');
CREATE TYPE "public"."proxy_anonymity" AS ENUM('transparent', 'anonymous', 'elite');--> statement-breakpoint
CREATE TYPE "public"."proxy_protocol" AS ENUM('http', 'https', 'socks4', 'socks5');--> statement-breakpoint
CREATE TYPE "public"."proxy_status" AS ENUM('UNCHECKED', 'HEALTHY', 'DEGRADED', 'DOWN', 'BLACKLISTED');--> statement-breakpoint
CREATE TABLE "proxies" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"protocol" "proxy_protocol" DEFAULT 'http' NOT NULL,
	"host" text NOT NULL,
	"port" integer NOT NULL,
	"username" text,
	"password" text,
	"tags" text[] DEFAULT '{}'::text[] NOT NULL,
	"status" "proxy_status" DEFAULT 'UNCHECKED' NOT NULL,
	"country" text,
	"region" text,
	"city" text,
	"asn" integer,
	"exit_ip" text,
	"latency_ms" integer,
	"success_rate" real,
	"anonymity" "proxy_anonymity",
	"supports_connect" boolean,
	"consecutive_failures" integer DEFAULT 0 NOT NULL,
	"last_checked_at" timestamp with time zone,
	"last_used_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "proxy_checks" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "proxy_checks_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"proxy_id" uuid NOT NULL,
	"organization_id" uuid NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"ok" boolean NOT NULL,
	"latency_ms" integer,
	"error" text,
	"exit_ip" text
);
--> statement-breakpoint
ALTER TABLE "proxies" ADD CONSTRAINT "proxies_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proxy_checks" ADD CONSTRAINT "proxy_checks_proxy_id_proxies_id_fk" FOREIGN KEY ("proxy_id") REFERENCES "public"."proxies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proxy_checks" ADD CONSTRAINT "proxy_checks_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "proxies_identity_idx" ON "proxies" USING btree ("organization_id","protocol","host","port",coalesce("username", ''));--> statement-breakpoint
CREATE INDEX "proxies_org_created_id_idx" ON "proxies" USING btree ("organization_id","created_at" DESC NULLS FIRST,"id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "proxies_tags_idx" ON "proxies" USING gin ("tags");--> statement-breakpoint
CREATE INDEX "proxy_checks_proxy_at_idx" ON "proxy_checks" USING btree ("proxy_id","at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "proxy_checks_at_idx" ON "proxy_checks" USING btree ("at");
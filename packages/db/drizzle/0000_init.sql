CREATE TYPE "public"."instance_isolation" AS ENUM('context', 'browser');--> statement-breakpoint
CREATE TYPE "public"."instance_status" AS ENUM('PENDING', 'STARTING', 'RUNNING', 'STOPPING', 'STOPPED', 'ERROR');--> statement-breakpoint
CREATE TABLE "instance_logs" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"instance_id" uuid NOT NULL,
	"organization_id" uuid NOT NULL,
	"level" text NOT NULL,
	"source" text NOT NULL,
	"message" text NOT NULL,
	"data" jsonb,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "instance_metrics" (
	"instance_id" uuid NOT NULL,
	"resolution" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"cpu_percent" real NOT NULL,
	"rss_bytes" bigint NOT NULL,
	"js_heap_bytes" bigint NOT NULL,
	"net_in_bytes" bigint NOT NULL,
	"net_out_bytes" bigint NOT NULL,
	CONSTRAINT "instance_metrics_instance_id_resolution_at_pk" PRIMARY KEY("instance_id","resolution","at")
);
--> statement-breakpoint
CREATE TABLE "instances" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"name" text NOT NULL,
	"status" "instance_status" DEFAULT 'STOPPED' NOT NULL,
	"isolation" "instance_isolation" DEFAULT 'context' NOT NULL,
	"start_url" text NOT NULL,
	"current_url" text,
	"tags" text[] DEFAULT '{}'::text[] NOT NULL,
	"viewport" jsonb,
	"device" text,
	"locale" text,
	"timezone" text,
	"geolocation" jsonb,
	"user_agent" text,
	"headers" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"proxy_url" text,
	"script" jsonb,
	"worker_id" uuid,
	"browser_pid" integer,
	"restart_count" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	"last_activity_at" timestamp with time zone,
	"started_at" timestamp with time zone,
	"stopped_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "organizations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"slug" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "organizations_slug_unique" UNIQUE("slug")
);
--> statement-breakpoint
CREATE TABLE "workers" (
	"id" uuid PRIMARY KEY NOT NULL,
	"host" text NOT NULL,
	"address" text NOT NULL,
	"version" text NOT NULL,
	"capacity" integer NOT NULL,
	"active_instances" integer DEFAULT 0 NOT NULL,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"heartbeat_at" timestamp with time zone DEFAULT now() NOT NULL,
	"stopped_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "instance_logs" ADD CONSTRAINT "instance_logs_instance_id_instances_id_fk" FOREIGN KEY ("instance_id") REFERENCES "public"."instances"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "instance_metrics" ADD CONSTRAINT "instance_metrics_instance_id_instances_id_fk" FOREIGN KEY ("instance_id") REFERENCES "public"."instances"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "instances" ADD CONSTRAINT "instances_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "instances" ADD CONSTRAINT "instances_worker_id_workers_id_fk" FOREIGN KEY ("worker_id") REFERENCES "public"."workers"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "instance_logs_instance_at_idx" ON "instance_logs" USING btree ("instance_id","at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "instance_logs_at_idx" ON "instance_logs" USING btree ("at");--> statement-breakpoint
CREATE INDEX "instance_metrics_resolution_at_idx" ON "instance_metrics" USING btree ("resolution","at");--> statement-breakpoint
CREATE INDEX "instances_org_created_idx" ON "instances" USING btree ("organization_id","created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "instances_tags_idx" ON "instances" USING gin ("tags");--> statement-breakpoint
CREATE INDEX "instances_worker_idx" ON "instances" USING btree ("worker_id");
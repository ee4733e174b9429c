-- Each worker holds a session-level advisory lock (734641, lock_key) on a connection of its own while
-- it lives: when its process dies the lock goes at once, and the server fails its sessions over in
-- seconds instead of after the heartbeat timeout. Null for workers that take no lock (heartbeat only).
CREATE SEQUENCE "public"."workers_lock_key_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1 CYCLE;--> statement-breakpoint
ALTER TABLE "workers" ADD COLUMN "lock_key" integer;
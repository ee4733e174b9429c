ALTER TABLE "instances" ADD COLUMN "proxy_display" text;--> statement-breakpoint
-- Rows written before encryption: their display form, credentials masked. The server encrypts
-- their proxy_url at start (it has the key; SQL does not).
UPDATE "instances" SET "proxy_display" = regexp_replace("proxy_url", '^([a-z0-9+.-]+://[^:@/]*:)[^@]*@', '\1***@', 'i') WHERE "proxy_url" IS NOT NULL;

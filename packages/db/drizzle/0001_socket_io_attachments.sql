-- Custom SQL migration: the table @socket.io/postgres-adapter (server) and
-- @socket.io/postgres-emitter (worker) use for event payloads over NOTIFY's 8000-byte limit.
-- The adapter deletes rows older than its cleanup interval itself.
CREATE TABLE IF NOT EXISTS "socket_io_attachments" (
  "id" bigserial UNIQUE,
  "created_at" timestamptz DEFAULT now(),
  "payload" bytea
);

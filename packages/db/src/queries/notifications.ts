import type { TransitionNotify } from './sessions.ts';

/**
 * What runs one parameterized statement: a pg pool or client, or a stand-in for one (the worker's
 * event publisher wraps its pool to log failures once per burst).
 */
export interface Queryable {
  query(text: string, values?: unknown[]): Promise<unknown>;
}

/**
 * Sends each payload as a NOTIFY on `channel`, in order, in one statement: how workers publish
 * events to every server replica's Socket.IO Postgres adapter. Not per organization: the payloads
 * name their rooms. Postgres refuses a payload of 8000 bytes or more.
 */
export async function notifyChannel(db: Queryable, notify: TransitionNotify): Promise<void> {
  await db.query('SELECT pg_notify($1, payload) FROM unnest($2::text[]) AS payload', [
    notify.channel,
    notify.payloads,
  ]);
}

/** Subscribes a dedicated connection to `channel`; notifications arrive as its `notification` events. */
export async function listenToChannel(connection: Queryable, channel: string): Promise<void> {
  await connection.query(`LISTEN "${channel.replaceAll('"', '""')}"`);
}

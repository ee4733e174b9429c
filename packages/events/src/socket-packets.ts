import {
  type ServerEvent,
  type ServerEventName,
  type SessionStatusEvent,
  sessionRooms,
  statusEventNames,
} from '@fleetwright/contracts';
import type { SessionLogRow } from '@fleetwright/db';

/**
 * The Postgres NOTIFY channel of the main namespace, where @socket.io/postgres-emitter publishes
 * and the servers' adapter (postgres-adapter.ts) listens.
 */
export const SOCKET_IO_CHANNEL = 'socket.io#/';
/** Postgres refuses NOTIFY payloads of 8000 bytes or more; those go through the attachment table. */
export const NOTIFY_PAYLOAD_LIMIT = 8000;

/** The organization a packet concerns: every packet with one goes to its `org:<id>` room. */
export function organizationOfRooms(rooms: readonly string[]): string | undefined {
  for (const room of rooms) if (room.startsWith('org:')) return room.slice(4);
  return undefined;
}

/** One event for the Socket.IO clients in some rooms. */
export interface SocketPacket<N extends ServerEventName = ServerEventName> {
  name: N;
  to: string[];
  payload: ServerEvent<N>;
}

/**
 * What @socket.io/postgres-emitter publishes for `emitter.to(rooms).emit(name, payload)`: a
 * socket.io-adapter BROADCAST message (type 3) carrying an EVENT packet (type 2) for the main
 * namespace, from the emitter's fixed uid. session-events.test.ts holds this to the emitter's output.
 */
export function broadcastMessage(name: string, to: string[], payload: unknown): string {
  return JSON.stringify({
    type: 3,
    data: {
      packet: { type: 2, data: [name, payload], nsp: '/' },
      opts: { rooms: to, flags: {}, except: [] },
    },
    uid: 'emitter',
  });
}

/** Whether a message can go out as a NOTIFY payload of its own. */
export function fitsNotify(message: string): boolean {
  return Buffer.byteLength(message) < NOTIFY_PAYLOAD_LIMIT;
}

/** `session.status` for a transition, plus `session.started|stopped|error` where one applies. */
export function sessionStatusPackets(event: SessionStatusEvent): SocketPacket[] {
  const to = sessionRooms({ id: event.sessionId, organizationId: event.organizationId });
  return statusEventNames(event.status).map((name) => ({ name, to, payload: event }));
}

/** `session.log` for a stored log line (with its id). */
export function sessionLogPacket(row: SessionLogRow): SocketPacket<'session.log'> {
  return {
    name: 'session.log',
    to: sessionRooms({ id: row.sessionId, organizationId: row.organizationId }),
    payload: {
      id: row.id,
      sessionId: row.sessionId,
      organizationId: row.organizationId,
      level: row.level,
      source: row.source,
      message: row.message,
      data: row.data ?? null,
      at: row.at.toISOString(),
    },
  };
}

/** One metrics sample of a session, as stored. */
export type MetricSample = Omit<ServerEvent<'session.metrics'>, 'sessionId' | 'organizationId' | 'at'>;

export function sessionMetricsPacket(
  session: { id: string; organizationId: string },
  at: Date,
  sample: MetricSample,
): SocketPacket<'session.metrics'> {
  return {
    name: 'session.metrics',
    to: sessionRooms(session),
    payload: {
      sessionId: session.id,
      organizationId: session.organizationId,
      at: at.toISOString(),
      ...sample,
    },
  };
}

export function sessionUrlChangedPacket(
  session: { id: string; organizationId: string },
  url: string,
  at: Date,
): SocketPacket<'session.url_changed'> {
  return {
    name: 'session.url_changed',
    to: sessionRooms(session),
    payload: { sessionId: session.id, organizationId: session.organizationId, url, at: at.toISOString() },
  };
}

import {
  type ServerEvent,
  type ServerEventName,
  type SessionStatus,
  type SessionStatusEvent,
  sessionRooms,
  statusEventNames,
  toStatusEvent,
} from '@fleetwright/contracts';
import { notifyChannel, type SessionLogRow, type SessionRow, type TransitionNotify } from '@fleetwright/db';
import type { Logger } from '@fleetwright/logger';
import { Emitter } from '@socket.io/postgres-emitter';
import type pg from 'pg';
import type { MetricSample } from './session-metrics.ts';

/**
 * The emitter reports a failed publish by broadcasting an "error" event through itself; with the
 * database gone (shutdown) that publish fails too, and so on. This pool stand-in runs the emitter's
 * queries through `query` (which logs a failure once per burst and answers undefined) and answers a
 * failed one as if it had succeeded, which ends the loop.
 */
function quietPool(query: (text: string, values?: unknown[]) => Promise<pg.QueryResult | undefined>) {
  return {
    async query(text: string, values?: unknown[]) {
      return (await query(text, values)) ?? { rows: [{ id: 0 }], rowCount: 0 };
    },
  };
}

/** Where @socket.io/postgres-emitter publishes for the main namespace. */
const EMITTER_CHANNEL = 'socket.io#/';
/** Postgres refuses NOTIFY payloads of 8000 bytes or more; the emitter then uses its attachment table. */
const NOTIFY_PAYLOAD_LIMIT = 8000;

interface Outgoing {
  name: ServerEventName;
  to: string[];
  payload: unknown;
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

/**
 * Publishes session events to Socket.IO clients of every server replica, through Postgres
 * NOTIFY on the channel and in the format of @socket.io/postgres-emitter (the server runs the
 * matching adapter). Events published together go out in one query, in order; a payload too large
 * for NOTIFY goes through the emitter itself, which stores it in its attachment table.
 */
export class SessionEvents {
  readonly #pool: pg.Pool;
  readonly #logger: Logger;
  readonly #emitter: Emitter;
  /** The pool, with failures logged (see #query). */
  readonly #quiet: ReturnType<typeof quietPool>;
  #lastFailureLoggedAt = 0;

  constructor(pool: pg.Pool, logger: Logger) {
    this.#pool = pool;
    this.#logger = logger;
    this.#quiet = quietPool((text, values) => this.#query(text, values));
    this.#emitter = new Emitter(this.#quiet);
  }

  /** Failures are logged once per burst: with the database gone (shutdown) every publish fails. */
  async #query(text: string, values?: unknown[]): Promise<pg.QueryResult | undefined> {
    try {
      return await this.#pool.query(text, values);
    } catch (error) {
      if (Date.now() - this.#lastFailureLoggedAt > 10_000) {
        this.#lastFailureLoggedAt = Date.now();
        this.#logger.warn({ err: error }, 'could not publish an event');
      }
      return undefined;
    }
  }

  #publish(events: Outgoing[]): void {
    const payloads: string[] = [];
    for (const event of events) {
      const message = broadcastMessage(event.name, event.to, event.payload);
      if (Buffer.byteLength(message) < NOTIFY_PAYLOAD_LIMIT) payloads.push(message);
      else this.#emitter.to(event.to).emit(event.name, event.payload);
    }
    if (payloads.length === 0) return;
    void notifyChannel(this.#quiet, { channel: EMITTER_CHANNEL, payloads });
  }

  #statusEvents(event: SessionStatusEvent): Outgoing[] {
    const to = sessionRooms({ id: event.sessionId, organizationId: event.organizationId });
    return statusEventNames(event.status).map((name) => ({ name, to, payload: event }));
  }

  /** `session.status` for every transition, plus started / stopped / error. */
  status(row: SessionRow, previousStatus: SessionStatus | null, reason: string | null): void {
    this.#publish(this.#statusEvents(toStatusEvent(row, previousStatus, reason)));
  }

  /**
   * The same events as `status`, as NOTIFY payloads for a transition statement to send itself
   * (transitionSession `notify`): the event then leaves with the row, at commit, without a query of
   * its own. Undefined if a payload is too large for NOTIFY.
   */
  statusNotify(event: SessionStatusEvent): TransitionNotify | undefined {
    const payloads = this.#statusEvents(event).map((outgoing) =>
      broadcastMessage(outgoing.name, outgoing.to, outgoing.payload),
    );
    if (payloads.some((payload) => Buffer.byteLength(payload) >= NOTIFY_PAYLOAD_LIMIT)) return undefined;
    return { channel: EMITTER_CHANNEL, payloads };
  }

  /** `session.log` for each row, in order. */
  logs(rows: SessionLogRow[]): void {
    this.#publish(
      rows.map((row) => ({
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
        } satisfies ServerEvent<'session.log'>,
      })),
    );
  }

  metrics(session: { id: string; organizationId: string }, at: Date, sample: MetricSample): void {
    this.#publish([
      {
        name: 'session.metrics',
        to: sessionRooms(session),
        payload: {
          sessionId: session.id,
          organizationId: session.organizationId,
          at: at.toISOString(),
          ...sample,
        } satisfies ServerEvent<'session.metrics'>,
      },
    ]);
  }

  urlChanged(session: { id: string; organizationId: string }, url: string, at: Date): void {
    this.#publish([
      {
        name: 'session.url_changed',
        to: sessionRooms(session),
        payload: {
          sessionId: session.id,
          organizationId: session.organizationId,
          url,
          at: at.toISOString(),
        } satisfies ServerEvent<'session.url_changed'>,
      },
    ]);
  }
}

import { type SessionStatus, type SessionStatusEvent, toStatusEvent } from '@fleetwright/contracts';
import { notifyChannel, type SessionLogRow, type SessionRow, type TransitionNotify } from '@fleetwright/db';
import type { Logger } from '@fleetwright/logger';
import { Emitter } from '@socket.io/postgres-emitter';
import type pg from 'pg';
import {
  broadcastMessage,
  fitsNotify,
  type MetricSample,
  organizationOfRooms,
  SOCKET_IO_CHANNEL,
  type SocketPacket,
  sessionLogPacket,
  sessionMetricsPacket,
  sessionStatusPackets,
  sessionUrlChangedPacket,
} from './socket-packets.ts';

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

/**
 * Hears every event an organization publishes, as it leaves the process: the webhook outbox
 * (WebhookOutbox in @fleetwright/queue) turns those of the catalogue into deliveries.
 */
export interface EventSink {
  offer(organizationId: string, event: string, data: unknown): void;
}

/** Offers each packet that concerns an organization to the sink. */
export function offerPackets(sink: EventSink | undefined, packets: readonly SocketPacket[]): void {
  if (!sink) return;
  for (const packet of packets) {
    const organizationId = organizationOfRooms(packet.to);
    if (organizationId) sink.offer(organizationId, packet.name, packet.payload);
  }
}

/**
 * Publishes session events (the packets of socket-packets.ts) to Socket.IO clients of every server
 * replica, through Postgres NOTIFY on the channel and in the format of @socket.io/postgres-emitter
 * (the servers run the matching adapter, postgres-adapter.ts). Events published together go out in one query, in order; a payload too large
 * for NOTIFY goes through the emitter itself, which stores it in its attachment table.
 */
export class SessionEvents {
  readonly #pool: pg.Pool;
  readonly #logger: Logger;
  readonly #emitter: Emitter;
  /** The pool, with failures logged (see #query). */
  readonly #quiet: ReturnType<typeof quietPool>;
  readonly #sink: EventSink | undefined;
  #lastFailureLoggedAt = 0;

  constructor(pool: pg.Pool, logger: Logger, sink?: EventSink) {
    this.#pool = pool;
    this.#logger = logger;
    this.#sink = sink;
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

  /** Any packets (proxy events, …), in order, in as few queries as NOTIFY's payload limit allows. */
  publish(packets: SocketPacket[]): void {
    this.#publish(packets);
  }

  #publish(packets: SocketPacket[]): void {
    offerPackets(this.#sink, packets);
    const payloads: string[] = [];
    for (const packet of packets) {
      const message = broadcastMessage(packet.name, packet.to, packet.payload);
      if (fitsNotify(message)) payloads.push(message);
      else this.#emitter.to(packet.to).emit(packet.name, packet.payload);
    }
    if (payloads.length === 0) return;
    void notifyChannel(this.#quiet, { channel: SOCKET_IO_CHANNEL, payloads });
  }

  /** `session.status` for every transition, plus started / stopped / error. */
  status(row: SessionRow, previousStatus: SessionStatus | null, reason: string | null): void {
    this.#publish(sessionStatusPackets(toStatusEvent(row, previousStatus, reason)));
  }

  /**
   * The same events as `status`, as NOTIFY payloads for a transition statement to send itself
   * (transitionSession `notify`): the event then leaves with the row, at commit, without a query of
   * its own. Undefined if a payload is too large for NOTIFY.
   */
  statusNotify(event: SessionStatusEvent): TransitionNotify | undefined {
    const payloads = sessionStatusPackets(event).map((packet) =>
      broadcastMessage(packet.name, packet.to, packet.payload),
    );
    if (!payloads.every(fitsNotify)) return undefined;
    return { channel: SOCKET_IO_CHANNEL, payloads };
  }

  /**
   * A transition whose statement sent its own events (statusNotify) has left: tells the sink, which
   * hears nothing else of it. Call it once the statement has committed.
   */
  statusSent(event: SessionStatusEvent): void {
    offerPackets(this.#sink, sessionStatusPackets(event));
  }

  /** `session.log` for each row, in order. */
  logs(rows: SessionLogRow[]): void {
    this.#publish(rows.map(sessionLogPacket));
  }

  metrics(session: { id: string; organizationId: string }, at: Date, sample: MetricSample): void {
    this.#publish([sessionMetricsPacket(session, at, sample)]);
  }

  urlChanged(session: { id: string; organizationId: string }, url: string, at: Date): void {
    this.#publish([sessionUrlChangedPacket(session, url, at)]);
  }
}

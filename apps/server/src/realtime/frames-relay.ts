import { setTimeout as sleep } from 'node:timers/promises';
import {
  type AckResponse,
  type ClientToServerEvents,
  rooms,
  type ServerToClientEvents,
  type WorkerFrame,
} from '@fleetwright/contracts';
import { type Database, getSession, type SessionRow } from '@fleetwright/db';
import type { Logger } from '@fleetwright/logger';
import type { Server, Socket } from 'socket.io';
import { isAppError } from '../errors.ts';
import type { WorkerClient } from '../workers/worker-client.ts';

export type FleetServer = Server<
  ClientToServerEvents,
  ServerToClientEvents,
  Record<string, never>,
  SocketData
>;
export type FleetSocket = Socket<
  ClientToServerEvents,
  ServerToClientEvents,
  Record<string, never>,
  SocketData
>;
export interface SocketData {
  organizationId: string;
}

export interface FramesRelayOptions {
  io: FleetServer;
  db: Database;
  workers: WorkerClient;
  logger: Logger;
  /** First wait before re-opening a stream that ended while watched; doubles up to `maxRetryDelayMs`. @default 500 */
  retryDelayMs?: number;
  /** @default 5000 */
  maxRetryDelayMs?: number;
}

/** One live-view stream from a worker, shared by every local socket that watches the session. */
interface Relay {
  sessionId: string;
  organizationId: string;
  watchers: Set<string>;
  controller: AbortController;
  /** Settles when the first stream is open (or failed to open); later watchers wait for it too. */
  opened: Promise<AckResponse>;
}

/**
 * Relays screencast frames from workers to the sockets of this process. While at least one local
 * socket watches a session, one NDJSON stream (GET /rpc/sessions/:id/frames) is held open to its
 * owning worker, and each frame goes to `rooms.frames(id)` on this replica only: every replica
 * holds its own stream for its own watchers, so frames never cross the Postgres adapter. The
 * stream closes when the last watcher leaves; if it ends while watched (crash, restart on another
 * worker), it is re-opened to wherever the session runs next.
 */
export class FramesRelay {
  readonly #options: Required<FramesRelayOptions>;
  readonly #relays = new Map<string, Relay>();
  #closed = false;

  constructor(options: FramesRelayOptions) {
    this.#options = { retryDelayMs: 500, maxRetryDelayMs: 5000, ...options };
  }

  /** Starts (or joins) the live view of a session for `socket`; the ack says whether it runs. */
  async watch(socket: FleetSocket, sessionId: string): Promise<AckResponse> {
    const organizationId = socket.data.organizationId;
    // Access and state are checked for every watcher, not only the first.
    const row = await getSession(this.#options.db, { organizationId, id: sessionId });
    if (!row) return { ok: false, code: 'SESSION_NOT_FOUND', message: `No session ${sessionId}.` };
    if (row.status !== 'RUNNING') {
      return {
        ok: false,
        code: 'SESSION_NOT_RUNNING',
        message: `The session is ${row.status}; it must be RUNNING.`,
      };
    }
    if (this.#closed || socket.disconnected)
      return { ok: false, code: 'INTERNAL', message: 'Shutting down.' };

    let relay = this.#relays.get(sessionId);
    if (!relay) {
      const controller = new AbortController();
      const opening = this.#options.workers
        .openFrames({ sessionId, workerId: row.workerId }, controller.signal)
        .then(
          (frames) => ({ frames }),
          (error: unknown) => ({ error }),
        );
      const created: Relay = {
        sessionId,
        organizationId,
        watchers: new Set(),
        controller,
        opened: opening.then((result): AckResponse => {
          if ('frames' in result) return { ok: true };
          const error = result.error;
          return isAppError(error)
            ? { ok: false, code: error.code, message: error.message }
            : { ok: false, code: 'INTERNAL', message: 'The live view could not be opened.' };
        }),
      };
      relay = created;
      this.#relays.set(sessionId, created);
      void opening.then((result) => {
        if ('frames' in result) {
          void this.#pump(created, result.frames);
        } else {
          this.#options.logger.debug({ err: result.error, sessionId }, 'live view did not open');
          this.#drop(created);
        }
      });
    }
    relay.watchers.add(socket.id);
    const ack = await relay.opened;
    if (!ack.ok) {
      relay.watchers.delete(socket.id);
      return ack;
    }
    // The socket may have left (unwatch, disconnect) while the stream was opening.
    if (!relay.watchers.has(socket.id))
      return { ok: false, code: 'INTERNAL', message: 'Watch was cancelled.' };
    await socket.join(rooms.frames(sessionId));
    return { ok: true };
  }

  unwatch(socket: FleetSocket, sessionId: string): void {
    void socket.leave(rooms.frames(sessionId));
    this.#leave(socket.id, sessionId);
  }

  /** A socket disconnected: Socket.IO drops its rooms, we drop its streams. */
  forget(socketId: string): void {
    for (const sessionId of [...this.#relays.keys()]) this.#leave(socketId, sessionId);
  }

  /** Sessions with an open (or opening) stream in this process. */
  watchedSessions(): string[] {
    return [...this.#relays.keys()];
  }

  close(): void {
    this.#closed = true;
    for (const relay of [...this.#relays.values()]) this.#drop(relay);
  }

  #leave(socketId: string, sessionId: string): void {
    const relay = this.#relays.get(sessionId);
    if (!relay) return;
    relay.watchers.delete(socketId);
    if (relay.watchers.size === 0) this.#drop(relay);
  }

  #drop(relay: Relay): void {
    if (this.#relays.get(relay.sessionId) === relay) this.#relays.delete(relay.sessionId);
    relay.controller.abort();
  }

  async #pump(relay: Relay, first: AsyncIterable<WorkerFrame>): Promise<void> {
    const { io, db, workers, logger } = this.#options;
    const signal = relay.controller.signal;
    const room = rooms.frames(relay.sessionId);
    let frames: AsyncIterable<WorkerFrame> | undefined = first;
    let delay = this.#options.retryDelayMs;
    while (!signal.aborted) {
      if (frames) {
        try {
          for await (const frame of frames) {
            // Volatile: a client that cannot keep up skips frames instead of queueing them.
            io.local.to(room).volatile.emit('session.frame', {
              sessionId: relay.sessionId,
              data: frame.data,
              width: frame.width,
              height: frame.height,
              at: frame.at,
            });
            delay = this.#options.retryDelayMs;
          }
        } catch (error) {
          if (!signal.aborted)
            logger.debug({ err: error, sessionId: relay.sessionId }, 'live view stream broke');
        }
        frames = undefined;
      }
      if (signal.aborted) break;
      try {
        await sleep(delay, undefined, { signal });
      } catch {
        break;
      }
      delay = Math.min(delay * 2, this.#options.maxRetryDelayMs);
      // The session may run on another worker now (crash restart, failover), or not at all yet.
      let row: SessionRow | undefined;
      try {
        row = await getSession(db, { organizationId: relay.organizationId, id: relay.sessionId });
      } catch {
        continue; // The database is unwell: ask again after the next wait.
      }
      if (signal.aborted || row === undefined) break; // Unwatched meanwhile, or deleted.
      if (row.status !== 'RUNNING') continue;
      frames = await workers
        .openFrames({ sessionId: row.id, workerId: row.workerId }, signal)
        .catch(() => undefined);
    }
    this.#drop(relay);
  }
}

import type { Server as HttpServer } from 'node:http';
import { type AckResponse, rooms, subscribeMessageSchema, watchMessageSchema } from '@fleetwright/contracts';
import { type Database, type DatabaseClient, getSession } from '@fleetwright/db';
import { createPostgresAdapter } from '@fleetwright/events';
import type { Logger } from '@fleetwright/logger';
import { Server } from 'socket.io';
import type { z } from 'zod';
import type { PrincipalResolver } from '../auth/principal.ts';
import type { WorkerClient } from '../workers/worker-client.ts';
import { type FleetServer, type FleetSocket, FramesRelay } from './frames-relay.ts';

export interface SocketServerOptions {
  /** A pool for the Postgres adapter alone: it holds one connection for LISTEN all the time. */
  adapterPool: DatabaseClient['pool'];
  logger: Logger;
}

/**
 * The Socket.IO server, not yet attached: events of every replica and of the workers (through
 * @socket.io/postgres-emitter) reach its clients through the Postgres adapter.
 */
export function createSocketServer(options: SocketServerOptions): FleetServer {
  const io: FleetServer = new Server({ path: '/socket.io', serveClient: false });
  io.adapter(
    createPostgresAdapter(options.adapterPool, {
      errorHandler: (error) => options.logger.warn({ err: error }, 'Socket.IO Postgres adapter error'),
    }),
  );
  return io;
}

/** Closes sockets, the adapter (releasing its LISTEN connection) and, once attached, the engine and HTTP server. */
export async function closeSocketServer(io: FleetServer): Promise<void> {
  // `engine` exists only after attach(); Socket.IO's close() assumes it.
  if (io.engine) await io.close();
  else await io.of('/').adapter.close();
}

export interface SocketHandlersOptions {
  db: Database;
  principals: PrincipalResolver;
  /** Origins a cookie-authenticated connection may come from (against cross-site WebSocket hijacking). */
  trustedOrigins: ReadonlySet<string>;
  workers: WorkerClient;
  logger: Logger;
}

type Ack = ((response: AckResponse) => void) | undefined;

function reply(ack: Ack, response: AckResponse): void {
  if (typeof ack === 'function') ack(response);
}

function invalid(error: z.ZodError): AckResponse {
  const issue = error.issues[0];
  const field = issue?.path.join('.');
  return {
    ok: false,
    code: 'VALIDATION_ERROR',
    message: field ? `${field}: ${issue?.message}` : (issue?.message ?? 'invalid message'),
  };
}

/**
 * Attaches the server to `httpServer` and wires the client messages: `subscribe`/`unsubscribe`
 * (organization room, or one session's room after checking it belongs to the organization) and
 * `watch`/`unwatch` (live frames, see FramesRelay). Returns the relay for shutdown.
 */
export function attachSocketServer(
  io: FleetServer,
  httpServer: HttpServer,
  options: SocketHandlersOptions,
): FramesRelay {
  const { db, logger } = options;
  const relay = new FramesRelay({ io, db, workers: options.workers, logger });

  io.use(async (socket, next) => {
    try {
      // Browsers send the session cookie; other clients pass an API key as auth.token or the header.
      const headers = { ...socket.request.headers };
      const token = (socket.handshake.auth as { token?: unknown } | undefined)?.token;
      if (typeof token === 'string') headers.authorization = `Bearer ${token}`;
      const principal = await options.principals.resolve(headers);
      if (!principal) return next(new Error('UNAUTHENTICATED: sign in, or pass an API key as auth.token'));
      const origin = socket.request.headers.origin;
      if (principal.via === 'userSession' && origin !== undefined && !options.trustedOrigins.has(origin)) {
        return next(new Error('CSRF_REJECTED: this origin may not connect with the session cookie'));
      }
      if (!principal.organizationId)
        return next(new Error('NO_ORGANIZATION: you belong to no organization yet'));
      socket.data.organizationId = principal.organizationId;
      next();
    } catch (error) {
      next(error instanceof Error ? error : new Error(String(error)));
    }
  });

  io.on('connection', (socket: FleetSocket) => {
    const organizationId = socket.data.organizationId;

    socket.on('subscribe', async (message, ack) => {
      const parsed = subscribeMessageSchema.safeParse(message);
      if (!parsed.success) return reply(ack, invalid(parsed.error));
      if ('organization' in parsed.data) {
        await socket.join(rooms.organization(organizationId));
        return reply(ack, { ok: true });
      }
      const { sessionId } = parsed.data;
      try {
        const row = await getSession(db, { organizationId, id: sessionId });
        if (!row)
          return reply(ack, { ok: false, code: 'SESSION_NOT_FOUND', message: `No session ${sessionId}.` });
        await socket.join(rooms.session(sessionId));
        reply(ack, { ok: true });
      } catch (error) {
        logger.error({ err: error, sessionId }, 'subscribe failed');
        reply(ack, { ok: false, code: 'INTERNAL', message: 'Subscribing failed.' });
      }
    });

    socket.on('unsubscribe', async (message, ack) => {
      const parsed = subscribeMessageSchema.safeParse(message);
      if (!parsed.success) return reply(ack, invalid(parsed.error));
      const room =
        'organization' in parsed.data
          ? rooms.organization(organizationId)
          : rooms.session(parsed.data.sessionId);
      await socket.leave(room);
      reply(ack, { ok: true });
    });

    socket.on('watch', async (message, ack) => {
      const parsed = watchMessageSchema.safeParse(message);
      if (!parsed.success) return reply(ack, invalid(parsed.error));
      try {
        reply(ack, await relay.watch(socket, parsed.data.sessionId));
      } catch (error) {
        logger.error({ err: error, sessionId: parsed.data.sessionId }, 'watch failed');
        reply(ack, { ok: false, code: 'INTERNAL', message: 'Watching failed.' });
      }
    });

    socket.on('unwatch', (message, ack) => {
      const parsed = watchMessageSchema.safeParse(message);
      if (!parsed.success) return reply(ack, invalid(parsed.error));
      relay.unwatch(socket, parsed.data.sessionId);
      reply(ack, { ok: true });
    });

    socket.on('disconnect', () => relay.forget(socket.id));
  });

  io.attach(httpServer);
  return relay;
}

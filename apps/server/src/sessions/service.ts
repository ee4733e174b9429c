import { randomUUID } from 'node:crypto';
import {
  type createSessionBodySchema,
  isRotatableProxy,
  NO_PROXY_ROTATION,
  type ProxyRotation,
  type SessionFilter,
  type SessionProxy,
  type SessionStatus,
  sessionRooms,
  type updateSessionBodySchema,
} from '@fleetwright/contracts';
import {
  type Database,
  type DatabaseClient,
  type DatabaseOrTransaction,
  deleteSession as deleteSessionRow,
  getSession,
  insertSession,
  listSessions as listSessionRows,
  type SessionKey,
  type SessionRow,
  transitionSession,
  updateSession as updateSessionRow,
  withTransaction,
} from '@fleetwright/db';
import { cancelSessionStart, enqueueSessionStart, type PgBoss } from '@fleetwright/queue';
import type { Keyring } from '@fleetwright/secrets';
import type { z } from 'zod';
import { assertKnownDevice } from '../devices/service.ts';
import { AppError, isAppError } from '../errors.ts';
import type { TargetGuard } from '../plugins/targets.ts';
import { checkProfileReference } from '../profiles/service.ts';
import { type EventPublisher, publishSessionStatus } from '../realtime/events.ts';
import { checkScriptReference } from '../scripts/references.ts';
import { type WorkerClient, WorkerCommandError } from '../workers/worker-client.ts';
import { admitSession } from './policy.ts';
import { assignSessionProxy, NO_POOL_PROXY } from './pool-proxy.ts';
import { sealProxyUrl } from './proxy.ts';
import { toSession } from './serializers.ts';

/** What the session services need; built once per app from its decorators. */
export interface SessionDeps {
  db: Database;
  pool: DatabaseClient['pool'];
  boss: PgBoss;
  events: EventPublisher;
  workers: WorkerClient;
  targets: TargetGuard;
  keyring: Keyring;
}

export type CreateSessionInput = z.output<typeof createSessionBodySchema>;
export type UpdateSessionInput = z.output<typeof updateSessionBodySchema>;

const ACTIVE_ON_WORKER: SessionStatus[] = ['STARTING', 'RUNNING', 'STOPPING'];
/** How long restart and delete wait for a worker to finish stopping before giving up. */
const SETTLE_TIMEOUT_MS = 15_000;
const SETTLE_POLL_MS = 100;

export async function findSession(deps: Pick<SessionDeps, 'db'>, key: SessionKey): Promise<SessionRow> {
  const row = await getSession(deps.db, key);
  if (!row) throw new AppError('SESSION_NOT_FOUND', `No session ${key.id}.`);
  return row;
}

export async function listSessions(
  deps: Pick<SessionDeps, 'db'>,
  organizationId: string,
  query: SessionFilter & { page: number; pageSize: number },
): Promise<{ rows: SessionRow[]; total: number }> {
  const { page, pageSize, ...filter } = query;
  return listSessionRows(deps.db, { organizationId, filter, page, pageSize });
}

/**
 * Inserts the session and, unless `autoStart` is false, its start job in the same transaction:
 * the row is PENDING exactly when a job for it is queued. Bad input throws before anything is written.
 */
export async function createSession(
  deps: SessionDeps,
  organizationId: string,
  input: CreateSessionInput,
): Promise<SessionRow> {
  const { autoStart, ...settings } = input;
  if (settings.device) assertKnownDevice(settings.device);
  await deps.targets.check(settings.startUrl, 'startUrl', organizationId);
  if (settings.proxyUrl) await deps.targets.checkProxy(settings.proxyUrl, 'proxyUrl', organizationId);
  await checkScriptReference(deps.db, organizationId, settings.script);
  // The id is made here: the encrypted proxy URL is bound to it.
  const id = randomUUID();
  const row = await withTransaction(deps.pool, async (tx) => {
    await checkProfileReference(tx.db, organizationId, settings.profileId);
    // In the transaction: a refused session leaves no proxy marked used.
    const proxyColumns = await assignSessionProxy(tx.db, deps.targets, {
      organizationId,
      sessionId: id,
      proxy: settings.proxy,
    });
    const inserted = await insertSession(tx.db, {
      ...settings,
      id,
      ...sealProxyUrl(deps.keyring, id, settings.proxyUrl ?? null),
      ...proxyColumns,
      organizationId,
      status: autoStart ? 'PENDING' : 'STOPPED',
    });
    if (autoStart) {
      // After the insert, which took the organization's admission lock (see admitSession).
      await admitSession(tx.db, {
        organizationId,
        url: settings.startUrl,
        sessionId: id,
        field: 'startUrl',
      });
      await enqueueSessionStart(
        deps.boss,
        { sessionId: inserted.id, organizationId, attempt: 0, reason: 'start' },
        { db: tx.client },
      );
    }
    return inserted;
  });
  deps.events.publish(sessionRooms(row), 'session.created', { session: toSession(row) });
  return row;
}

/**
 * Settings apply from the next start; a running session keeps its current browser context, except
 * when its proxy changes (`proxy` or `proxyUrl`): then it restarts behind the new one. Setting one
 * of `proxy` / `proxyUrl` clears the other.
 */
export async function updateSession(
  deps: SessionDeps,
  key: SessionKey,
  input: UpdateSessionInput,
): Promise<SessionRow> {
  if (input.device) assertKnownDevice(input.device);
  if (input.startUrl) await deps.targets.check(input.startUrl, 'startUrl', key.organizationId);
  if (input.proxyUrl) await deps.targets.checkProxy(input.proxyUrl, 'proxyUrl', key.organizationId);
  const current = await findSession(deps, key);
  await checkScriptReference(deps.db, key.organizationId, input.script);
  if (input.proxyRotation && input.proxy === undefined) assertRotatable(current.proxy, input.proxyRotation);
  const { proxyUrl, proxy, ...rest } = input;
  const proxyChanges = proxy !== undefined || proxyUrl !== undefined;
  const row = await withTransaction(deps.pool, async (tx) => {
    await checkProfileReference(tx.db, key.organizationId, input.profileId);
    const proxyColumns = proxy
      ? await assignSessionProxy(tx.db, deps.targets, {
          organizationId: key.organizationId,
          sessionId: key.id,
          proxy,
        })
      : NO_POOL_PROXY;
    return updateSessionRow(tx.db, key, {
      ...rest,
      ...(proxyUrl === undefined ? {} : sealProxyUrl(deps.keyring, key.id, proxyUrl)),
      ...(proxyUrl ? NO_POOL_PROXY : {}),
      ...(proxy === undefined ? {} : { ...proxyColumns, proxy }),
      ...(proxy ? sealProxyUrl(deps.keyring, key.id, null) : {}),
      // A single proxy has no next one: its rotation goes with the strategy (or provider entry).
      ...(proxy !== undefined && !isRotatableProxy(proxy) && !input.proxyRotation
        ? { proxyRotation: NO_PROXY_ROTATION }
        : {}),
    });
  });
  if (!row) throw new AppError('SESSION_NOT_FOUND', `No session ${key.id}.`);
  deps.events.publish(sessionRooms(row), 'session.updated', { session: toSession(row) });
  if (proxyChanges && (row.status === 'RUNNING' || row.status === 'STARTING')) {
    return restartSession(deps, key);
  }
  return row;
}

function assertRotatable(proxy: SessionProxy | null, rotation: ProxyRotation): void {
  const rotates = rotation.onFailure || rotation.everyMinutes !== null;
  if (rotates && !isRotatableProxy(proxy)) {
    throw new AppError(
      'VALIDATION_ERROR',
      'proxyRotation: rotation needs a proxy strategy or a provider entry.',
      {
        field: 'proxyRotation',
      },
    );
  }
}

/**
 * An active session is stopped first, so nothing keeps running for a row that is gone. `audit`
 * writes the deletion's audit entry in the deleting transaction: without it the row stays.
 */
export async function deleteSession(
  deps: SessionDeps,
  key: SessionKey,
  audit: (db: DatabaseOrTransaction, deleted: SessionRow) => Promise<void>,
): Promise<SessionRow> {
  const row = await findSession(deps, key);
  if (row.status !== 'STOPPED' && row.status !== 'ERROR') await stopSession(deps, key, 'session deleted');
  const deleted = await withTransaction(deps.pool, async (tx) => {
    const deleted = await deleteSessionRow(tx.db, key);
    if (!deleted) throw new AppError('SESSION_NOT_FOUND', `No session ${key.id}.`);
    await audit(tx.db, deleted);
    return deleted;
  });
  // An ERROR session may still have a crash restart queued.
  await cancelSessionStart(deps.boss, key.id);
  deps.events.publish(sessionRooms(deleted), 'session.deleted', {
    sessionId: deleted.id,
    organizationId: deleted.organizationId,
  });
  return deleted;
}

/**
 * STOPPED|ERROR → PENDING and the start job, in one transaction; the restart budget and the last
 * error start afresh. Anything else is already active: 409.
 */
export async function startSession(
  deps: SessionDeps,
  key: SessionKey,
  reason: 'start' | 'restart' = 'start',
): Promise<SessionRow> {
  const moved = await withTransaction(deps.pool, async (tx) => {
    const result = await transitionSession(tx.db, {
      ...key,
      from: ['STOPPED', 'ERROR'],
      to: 'PENDING',
      set: { restartCount: 0, lastError: null, workerId: null, browserPid: null },
    });
    if (!result) return undefined;
    // After the transition, which took the organization's admission lock (see admitSession).
    await admitSession(tx.db, {
      organizationId: key.organizationId,
      url: result.row.startUrl,
      sessionId: key.id,
      field: 'startUrl',
    });
    await enqueueSessionStart(
      deps.boss,
      { sessionId: key.id, organizationId: key.organizationId, attempt: 0, reason },
      { db: tx.client },
    );
    return result;
  });
  if (!moved) {
    const row = await findSession(deps, key);
    throw new AppError(
      'SESSION_ALREADY_ACTIVE',
      `The session is ${row.status}; stop it before starting it again.`,
    );
  }
  publishSessionStatus(deps.events, moved.row, moved.previousStatus, `${reason} requested`);
  return moved.row;
}

/**
 * PENDING or ERROR: the server stops it itself (nothing runs anywhere) and cancels a queued start.
 * STARTING, RUNNING, STOPPING: the owning worker stops it; if that worker is gone, the server
 * marks it STOPPED. Answers the session as it is afterwards (STOPPED, or STOPPING if the worker
 * is still closing it).
 */
export async function stopSession(
  deps: SessionDeps,
  key: SessionKey,
  reason = 'stopped by user',
): Promise<SessionRow> {
  // Two rounds at most: a PENDING session a worker claims at this very moment goes the worker's way.
  for (let round = 0; round < 2; round++) {
    const row = await findSession(deps, key);
    if (row.status === 'STOPPED') return row;
    if (row.status === 'PENDING' || row.status === 'ERROR') {
      // The status moves first: once it is STOPPED no worker can claim the job any more.
      const moved = await transitionSession(deps.db, {
        ...key,
        from: ['PENDING', 'ERROR'],
        to: 'STOPPED',
        set: { stoppedAt: new Date(), workerId: null, browserPid: null },
      });
      if (!moved) continue;
      await cancelSessionStart(deps.boss, key.id);
      publishSessionStatus(deps.events, moved.row, moved.previousStatus, reason);
      return moved.row;
    }
    return stopOnWorker(deps, row, reason);
  }
  return findSession(deps, key);
}

async function stopOnWorker(deps: SessionDeps, row: SessionRow, reason: string): Promise<SessionRow> {
  const key = { organizationId: row.organizationId, id: row.id };
  try {
    await deps.workers.stop({ sessionId: row.id, workerId: row.workerId });
  } catch (error) {
    const gone = isAppError(error) && error.code === 'WORKER_UNAVAILABLE';
    const notThere = error instanceof WorkerCommandError && error.workerCode === 'SESSION_NOT_ON_WORKER';
    // Already on its way down, or stopped in between: the worker finishes the job.
    const alreadyStopping = error instanceof WorkerCommandError && error.workerCode === 'SESSION_NOT_RUNNING';
    if (!gone && !notThere && !alreadyStopping) throw error;
    if (gone || notThere) {
      const moved = await transitionSession(deps.db, {
        ...key,
        from: ACTIVE_ON_WORKER,
        to: 'STOPPED',
        set: { stoppedAt: new Date(), workerId: null, browserPid: null },
        ...(row.workerId ? { workerId: row.workerId } : {}),
      });
      if (moved) {
        const why = gone ? `${reason}; its worker was unavailable` : `${reason}; its worker no longer ran it`;
        publishSessionStatus(deps.events, moved.row, moved.previousStatus, why);
        return moved.row;
      }
    }
  }
  return findSession(deps, key);
}

/** Stop (if active), wait for the worker to finish stopping, then start again. */
export async function restartSession(deps: SessionDeps, key: SessionKey): Promise<SessionRow> {
  const row = await findSession(deps, key);
  if (row.status !== 'STOPPED' && row.status !== 'ERROR') {
    const stopped = await stopSession(deps, key, 'restart requested');
    if (stopped.status === 'STOPPING') await waitWhileStopping(deps, key);
  }
  return startSession(deps, key, 'restart');
}

async function waitWhileStopping(deps: SessionDeps, key: SessionKey): Promise<void> {
  const deadline = Date.now() + SETTLE_TIMEOUT_MS;
  while (Date.now() < deadline) {
    const row = await findSession(deps, key);
    if (row.status !== 'STOPPING') return;
    await new Promise((resolve) => setTimeout(resolve, SETTLE_POLL_MS));
  }
}

import { randomUUID } from 'node:crypto';
import {
  type createInstanceBodySchema,
  type InstanceFilter,
  type InstanceStatus,
  instanceRooms,
  type updateInstanceBodySchema,
} from '@fleetwright/contracts';
import {
  type Database,
  type DatabaseClient,
  deleteInstance as deleteInstanceRow,
  getInstance,
  type InstanceKey,
  type InstanceRow,
  insertInstance,
  listInstances as listInstanceRows,
  transitionInstance,
  updateInstance as updateInstanceRow,
  withTransaction,
} from '@fleetwright/db';
import { cancelInstanceStart, enqueueInstanceStart, type PgBoss } from '@fleetwright/queue';
import type { Keyring } from '@fleetwright/secrets';
import type { z } from 'zod';
import { AppError, isAppError } from '../../errors.ts';
import { type EventPublisher, publishInstanceStatus } from '../../events.ts';
import type { TargetGuard } from '../../plugins/targets.ts';
import { type WorkerClient, WorkerCommandError } from '../../worker-client.ts';
import { assertKnownDevice } from '../devices/service.ts';
import { admitInstance } from './policy.ts';
import { sealProxyUrl } from './proxy.ts';
import { toInstance } from './serialize.ts';

/** What the instance services need; built once per app from its decorators. */
export interface InstanceDeps {
  db: Database;
  pool: DatabaseClient['pool'];
  boss: PgBoss;
  events: EventPublisher;
  workers: WorkerClient;
  targets: TargetGuard;
  keyring: Keyring;
}

export type CreateInstanceInput = z.output<typeof createInstanceBodySchema>;
export type UpdateInstanceInput = z.output<typeof updateInstanceBodySchema>;

const ACTIVE_ON_WORKER: InstanceStatus[] = ['STARTING', 'RUNNING', 'STOPPING'];
/** How long restart and delete wait for a worker to finish stopping before giving up. */
const SETTLE_TIMEOUT_MS = 15_000;
const SETTLE_POLL_MS = 100;

export async function findInstance(deps: Pick<InstanceDeps, 'db'>, key: InstanceKey): Promise<InstanceRow> {
  const row = await getInstance(deps.db, key);
  if (!row) throw new AppError('INSTANCE_NOT_FOUND', `No instance ${key.id}.`);
  return row;
}

export async function listInstances(
  deps: Pick<InstanceDeps, 'db'>,
  organizationId: string,
  query: InstanceFilter & { page: number; pageSize: number },
): Promise<{ rows: InstanceRow[]; total: number }> {
  const { page, pageSize, ...filter } = query;
  return listInstanceRows(deps.db, { organizationId, filter, page, pageSize });
}

/**
 * Inserts the instance and, unless `autoStart` is false, its start job in the same transaction:
 * the row is PENDING exactly when a job for it is queued. Bad input throws before anything is written.
 */
export async function createInstance(
  deps: InstanceDeps,
  organizationId: string,
  input: CreateInstanceInput,
): Promise<InstanceRow> {
  const { autoStart, ...settings } = input;
  if (settings.device) assertKnownDevice(settings.device);
  await deps.targets.check(settings.startUrl, 'startUrl');
  // The id is made here: the encrypted proxy URL is bound to it.
  const id = randomUUID();
  const row = await withTransaction(deps.pool, async (tx) => {
    const inserted = await insertInstance(tx.db, {
      ...settings,
      id,
      ...sealProxyUrl(deps.keyring, id, settings.proxyUrl ?? null),
      organizationId,
      status: autoStart ? 'PENDING' : 'STOPPED',
    });
    if (autoStart) {
      // After the insert, which took the organization's admission lock (see admitInstance).
      await admitInstance(tx.db, {
        organizationId,
        url: settings.startUrl,
        instanceId: id,
        field: 'startUrl',
      });
      await enqueueInstanceStart(
        deps.boss,
        { instanceId: inserted.id, organizationId, attempt: 0, reason: 'start' },
        { db: tx.client },
      );
    }
    return inserted;
  });
  deps.events.publish(instanceRooms(row), 'instance.created', { instance: toInstance(row) });
  return row;
}

/** Settings apply from the next start; a running instance keeps its current browser context. */
export async function updateInstance(
  deps: InstanceDeps,
  key: InstanceKey,
  input: UpdateInstanceInput,
): Promise<InstanceRow> {
  if (input.device) assertKnownDevice(input.device);
  if (input.startUrl) await deps.targets.check(input.startUrl, 'startUrl');
  const { proxyUrl, ...rest } = input;
  const row = await updateInstanceRow(deps.db, key, {
    ...rest,
    ...(proxyUrl === undefined ? {} : sealProxyUrl(deps.keyring, key.id, proxyUrl)),
  });
  if (!row) throw new AppError('INSTANCE_NOT_FOUND', `No instance ${key.id}.`);
  deps.events.publish(instanceRooms(row), 'instance.updated', { instance: toInstance(row) });
  return row;
}

/** An active instance is stopped first, so nothing keeps running for a row that is gone. */
export async function deleteInstance(deps: InstanceDeps, key: InstanceKey): Promise<InstanceRow> {
  const row = await findInstance(deps, key);
  if (row.status !== 'STOPPED' && row.status !== 'ERROR') await stopInstance(deps, key, 'instance deleted');
  const deleted = await deleteInstanceRow(deps.db, key);
  if (!deleted) throw new AppError('INSTANCE_NOT_FOUND', `No instance ${key.id}.`);
  // An ERROR instance may still have a crash restart queued.
  await cancelInstanceStart(deps.boss, key.id);
  deps.events.publish(instanceRooms(deleted), 'instance.deleted', {
    instanceId: deleted.id,
    organizationId: deleted.organizationId,
  });
  return deleted;
}

/**
 * STOPPED|ERROR → PENDING and the start job, in one transaction; the restart budget and the last
 * error start afresh. Anything else is already active: 409.
 */
export async function startInstance(
  deps: InstanceDeps,
  key: InstanceKey,
  reason: 'start' | 'restart' = 'start',
): Promise<InstanceRow> {
  const moved = await withTransaction(deps.pool, async (tx) => {
    const result = await transitionInstance(tx.db, {
      ...key,
      from: ['STOPPED', 'ERROR'],
      to: 'PENDING',
      set: { restartCount: 0, lastError: null, workerId: null, browserPid: null },
    });
    if (!result) return undefined;
    // After the transition, which took the organization's admission lock (see admitInstance).
    await admitInstance(tx.db, {
      organizationId: key.organizationId,
      url: result.row.startUrl,
      instanceId: key.id,
      field: 'startUrl',
    });
    await enqueueInstanceStart(
      deps.boss,
      { instanceId: key.id, organizationId: key.organizationId, attempt: 0, reason },
      { db: tx.client },
    );
    return result;
  });
  if (!moved) {
    const row = await findInstance(deps, key);
    throw new AppError(
      'INSTANCE_ALREADY_ACTIVE',
      `The instance is ${row.status}; stop it before starting it again.`,
    );
  }
  publishInstanceStatus(deps.events, moved.row, moved.previousStatus, `${reason} requested`);
  return moved.row;
}

/**
 * PENDING or ERROR: the server stops it itself (nothing runs anywhere) and cancels a queued start.
 * STARTING, RUNNING, STOPPING: the owning worker stops it; if that worker is gone, the server
 * marks it STOPPED. Answers the instance as it is afterwards (STOPPED, or STOPPING if the worker
 * is still closing it).
 */
export async function stopInstance(
  deps: InstanceDeps,
  key: InstanceKey,
  reason = 'stopped by user',
): Promise<InstanceRow> {
  // Two rounds at most: a PENDING instance a worker claims at this very moment goes the worker's way.
  for (let round = 0; round < 2; round++) {
    const row = await findInstance(deps, key);
    if (row.status === 'STOPPED') return row;
    if (row.status === 'PENDING' || row.status === 'ERROR') {
      // The status moves first: once it is STOPPED no worker can claim the job any more.
      const moved = await transitionInstance(deps.db, {
        ...key,
        from: ['PENDING', 'ERROR'],
        to: 'STOPPED',
        set: { stoppedAt: new Date(), workerId: null, browserPid: null },
      });
      if (!moved) continue;
      await cancelInstanceStart(deps.boss, key.id);
      publishInstanceStatus(deps.events, moved.row, moved.previousStatus, reason);
      return moved.row;
    }
    return stopOnWorker(deps, row, reason);
  }
  return findInstance(deps, key);
}

async function stopOnWorker(deps: InstanceDeps, row: InstanceRow, reason: string): Promise<InstanceRow> {
  const key = { organizationId: row.organizationId, id: row.id };
  try {
    await deps.workers.stop({ instanceId: row.id, workerId: row.workerId });
  } catch (error) {
    const gone = isAppError(error) && error.code === 'WORKER_UNAVAILABLE';
    const notThere = error instanceof WorkerCommandError && error.workerCode === 'INSTANCE_NOT_ON_WORKER';
    // Already on its way down, or stopped in between: the worker finishes the job.
    const alreadyStopping =
      error instanceof WorkerCommandError && error.workerCode === 'INSTANCE_NOT_RUNNING';
    if (!gone && !notThere && !alreadyStopping) throw error;
    if (gone || notThere) {
      const moved = await transitionInstance(deps.db, {
        ...key,
        from: ACTIVE_ON_WORKER,
        to: 'STOPPED',
        set: { stoppedAt: new Date(), workerId: null, browserPid: null },
        ...(row.workerId ? { workerId: row.workerId } : {}),
      });
      if (moved) {
        const why = gone ? `${reason}; its worker was unavailable` : `${reason}; its worker no longer ran it`;
        publishInstanceStatus(deps.events, moved.row, moved.previousStatus, why);
        return moved.row;
      }
    }
  }
  return findInstance(deps, key);
}

/** Stop (if active), wait for the worker to finish stopping, then start again. */
export async function restartInstance(deps: InstanceDeps, key: InstanceKey): Promise<InstanceRow> {
  const row = await findInstance(deps, key);
  if (row.status !== 'STOPPED' && row.status !== 'ERROR') {
    const stopped = await stopInstance(deps, key, 'restart requested');
    if (stopped.status === 'STOPPING') await waitWhileStopping(deps, key);
  }
  return startInstance(deps, key, 'restart');
}

async function waitWhileStopping(deps: InstanceDeps, key: InstanceKey): Promise<void> {
  const deadline = Date.now() + SETTLE_TIMEOUT_MS;
  while (Date.now() < deadline) {
    const row = await findInstance(deps, key);
    if (row.status !== 'STOPPING') return;
    await new Promise((resolve) => setTimeout(resolve, SETTLE_POLL_MS));
  }
}

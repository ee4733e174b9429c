import os from 'node:os';
import { FLEETWRIGHT_VERSION } from '@fleetwright/config';
import {
  type Database,
  findSessionsOfWorkers,
  heartbeatWorker,
  markWorkerStopped,
  registerWorker,
} from '@fleetwright/db';
import type { Logger } from '@fleetwright/logger';
import type { SessionManager } from '../sessions/session-manager.ts';

export interface RegistrationOptions {
  db: Database;
  workerId: string;
  /** Base URL of the RPC listener, as the server should call it. */
  address: string;
  capacity: number;
  /** WORKER_HEARTBEAT_SECONDS. */
  heartbeatSeconds: number;
  manager: SessionManager;
  logger: Logger;
}

export interface Registration {
  /** Stops heartbeating and marks the worker stopped. */
  stop(): Promise<void>;
}

/**
 * Registers the worker row and heartbeats it with the number of active sessions. Each heartbeat
 * also reconciles: sessions whose rows this worker no longer holds (the server declared the worker
 * dead after a pause and failed them over) are closed here, so no session runs twice.
 */
export async function startRegistration(options: RegistrationOptions): Promise<Registration> {
  const { db, workerId, manager, logger } = options;
  await registerWorker(db, {
    id: workerId,
    host: os.hostname(),
    address: options.address,
    version: FLEETWRIGHT_VERSION,
    capacity: options.capacity,
  });

  let beating: Promise<void> | null = null;
  const beat = async () => {
    await heartbeatWorker(db, workerId);
    if (manager.size === 0) return;
    const held = await findSessionsOfWorkers(db, [workerId]);
    await manager.dropLost(new Set(held.map((row) => row.id)));
  };
  const timer = setInterval(() => {
    if (beating) return;
    beating = beat()
      .catch((error: unknown) => logger.warn({ err: error }, 'heartbeat failed'))
      .finally(() => {
        beating = null;
      });
  }, options.heartbeatSeconds * 1000);

  return {
    async stop() {
      clearInterval(timer);
      await beating;
      await markWorkerStopped(db, workerId).catch((error: unknown) =>
        logger.warn({ err: error }, 'could not mark the worker stopped'),
      );
    },
  };
}

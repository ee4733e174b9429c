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
import { LivenessLock } from './liveness-lock.ts';

export interface RegistrationOptions {
  db: Database;
  /** For the liveness lock's own connection (outside the pool). */
  connectionString: string;
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
 * Takes the worker's liveness lock, registers the worker row with its key and heartbeats it. Each
 * heartbeat also reconciles: sessions whose rows this worker no longer holds (the server declared
 * the worker lost after a pause, or while its lock connection was down, and failed them over) are
 * closed here, so no session runs twice. Getting the lock back after its connection broke
 * reconciles at once.
 */
export async function startRegistration(options: RegistrationOptions): Promise<Registration> {
  const { db, workerId, manager, logger } = options;
  let beating: Promise<void> | null = null;
  let stopped = false;
  const beat = async () => {
    await heartbeatWorker(db, workerId);
    if (manager.size === 0) return;
    const held = await findSessionsOfWorkers(db, [workerId]);
    await manager.dropLost(new Set(held.map((row) => row.id)));
  };
  const beatNow = () => {
    // A heartbeat brings a stopped row back: none once stop() began.
    if (beating || stopped) return;
    beating = beat()
      .catch((error: unknown) => logger.warn({ err: error }, 'heartbeat failed'))
      .finally(() => {
        beating = null;
      });
  };

  // The lock before the row: a row without its lock would look dead to the server.
  const lock = new LivenessLock({ connectionString: options.connectionString, logger, onRetaken: beatNow });
  const lockKey = await lock.take();
  try {
    await registerWorker(db, {
      id: workerId,
      host: os.hostname(),
      address: options.address,
      version: FLEETWRIGHT_VERSION,
      capacity: options.capacity,
      lockKey,
    });
  } catch (error) {
    await lock.release();
    throw error;
  }
  const timer = setInterval(beatNow, options.heartbeatSeconds * 1000);

  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await beating;
      await markWorkerStopped(db, workerId).catch((error: unknown) =>
        logger.warn({ err: error }, 'could not mark the worker stopped'),
      );
      // After the row says stopped: the server must not take the lock's release for a death.
      await lock.release();
    },
  };
}

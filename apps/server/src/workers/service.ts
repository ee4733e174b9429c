import { WORKER_DEAD_AFTER_SECONDS, type Worker } from '@fleetwright/contracts';
import { countActiveSessionsByWorker, type Database, listWorkers as listWorkerRows } from '@fleetwright/db';

/** Workers that have not said goodbye; ONLINE while their heartbeat is fresher than WORKER_DEAD_AFTER_SECONDS. */
export async function listWorkers(db: Database, now = new Date()): Promise<{ items: Worker[] }> {
  const [rows, active] = await Promise.all([listWorkerRows(db), countActiveSessionsByWorker(db)]);
  return {
    items: rows.map((row) => ({
      id: row.id,
      host: row.host,
      version: row.version,
      capacity: row.capacity,
      activeSessions: active.get(row.id) ?? 0,
      status:
        now.getTime() - row.heartbeatAt.getTime() <= WORKER_DEAD_AFTER_SECONDS * 1000 ? 'ONLINE' : 'OFFLINE',
      startedAt: row.startedAt.toISOString(),
      heartbeatAt: row.heartbeatAt.toISOString(),
    })),
  };
}

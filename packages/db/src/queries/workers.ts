import { and, asc, eq, isNull, lt, sql } from 'drizzle-orm';
import type { DatabaseOrTransaction } from '../client.ts';
import { type WorkerRow, workers } from '../schema/workers.ts';

export async function registerWorker(
  db: DatabaseOrTransaction,
  values: Pick<WorkerRow, 'id' | 'host' | 'address' | 'version' | 'capacity'>,
): Promise<WorkerRow> {
  const [row] = await db.insert(workers).values(values).returning();
  return row!;
}

export async function heartbeatWorker(db: DatabaseOrTransaction, id: string): Promise<void> {
  await db.update(workers).set({ heartbeatAt: new Date() }).where(eq(workers.id, id));
}

export async function markWorkerStopped(db: DatabaseOrTransaction, id: string): Promise<void> {
  await db.update(workers).set({ stoppedAt: new Date() }).where(eq(workers.id, id));
}

export async function getWorker(db: DatabaseOrTransaction, id: string): Promise<WorkerRow | undefined> {
  const [row] = await db.select().from(workers).where(eq(workers.id, id));
  return row;
}

/** Workers that have not stopped cleanly, oldest first. */
export async function listWorkers(db: DatabaseOrTransaction): Promise<WorkerRow[]> {
  return db.select().from(workers).where(isNull(workers.stoppedAt)).orderBy(asc(workers.startedAt));
}

/** Workers whose heartbeat is older than `seconds` and that never said goodbye. */
export async function findSilentWorkers(db: DatabaseOrTransaction, seconds: number): Promise<WorkerRow[]> {
  return db
    .select()
    .from(workers)
    .where(
      and(isNull(workers.stoppedAt), lt(workers.heartbeatAt, sql`now() - make_interval(secs => ${seconds})`)),
    );
}

/** Whether at least one worker heartbeated within `seconds` (readiness). */
export async function hasLiveWorker(db: DatabaseOrTransaction, seconds: number): Promise<boolean> {
  const rows = await db
    .select({ id: workers.id })
    .from(workers)
    .where(
      and(
        isNull(workers.stoppedAt),
        sql`${workers.heartbeatAt} >= now() - make_interval(secs => ${seconds})`,
      ),
    )
    .limit(1);
  return rows.length > 0;
}

import type { BatchResult, SessionFilter } from '@fleetwright/contracts';
import { findSessions, type SessionKey, type SessionRow } from '@fleetwright/db';
import { errorCatalogue, isAppError } from '../errors.ts';
import type { SessionDeps } from './service.ts';

/** Sessions handled at once by a batch: each start is a transaction, each stop a worker round trip. */
const BATCH_CONCURRENCY = 8;

export interface BatchSelection {
  ids?: string[];
  filter?: SessionFilter;
}

type BatchItem = BatchResult['results'][number];

/** Runs `action` on every selected session, a few at a time; one failure never stops the others. */
export async function runBatch(
  deps: SessionDeps,
  organizationId: string,
  selection: BatchSelection,
  action: (key: SessionKey, row: SessionRow) => Promise<{ status?: SessionRow['status'] } | undefined>,
  log?: { error(details: object, message: string): void },
): Promise<BatchResult> {
  const rows = await findSessions(deps.db, { organizationId, ids: selection.ids, filter: selection.filter });
  const byId = new Map(rows.map((row) => [row.id, row]));
  // Explicit ids keep their order, duplicates collapsed; ids that are not ours are reported, not skipped.
  const ids = selection.ids ? [...new Set(selection.ids)] : rows.map((row) => row.id);
  const results: BatchItem[] = new Array(ids.length);
  let next = 0;
  const lane = async () => {
    while (next < ids.length) {
      const index = next++;
      const id = ids[index]!;
      const row = byId.get(id);
      if (!row) {
        results[index] = { id, ok: false, code: 'SESSION_NOT_FOUND', message: `No session ${id}.` };
        continue;
      }
      try {
        const outcome = await action({ organizationId, id }, row);
        results[index] = { id, ok: true, ...(outcome?.status ? { status: outcome.status } : {}) };
      } catch (error) {
        if (isAppError(error)) {
          results[index] = { id, ok: false, code: error.code, message: error.message };
        } else {
          log?.error({ err: error, sessionId: id }, 'batch action failed');
          results[index] = { id, ok: false, code: 'INTERNAL', message: errorCatalogue.INTERNAL.message };
        }
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(BATCH_CONCURRENCY, ids.length) }, lane));
  return { results };
}

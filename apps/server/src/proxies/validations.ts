import type { ProxyFilter } from '@fleetwright/contracts';
import {
  type Database,
  type DatabaseClient,
  findActiveProxyValidation,
  getProxy,
  getProxyValidation,
  insertProxyValidation,
  listProxyChecks,
  lockProxyValidations,
  type ProxyCheckRow,
  type ProxyValidationRow,
  withTransaction,
} from '@fleetwright/db';
import { enqueueProxyValidation, type PgBoss } from '@fleetwright/queue';
import { AppError } from '../errors.ts';

export interface ProxyValidationDeps {
  db: Database;
  pool: DatabaseClient['pool'];
  boss: PgBoss;
}

/**
 * Starts a validation run over the organization's proxies among `ids`, matching `filter`, or `all`,
 * BLACKLISTED ones left out: the run's row, its proxies and its queue job in one transaction (a run
 * never waits without its job; a refusal or failure leaves nothing). Refused with 409
 * PROXY_VALIDATION_IN_PROGRESS while the organization has a run queued or running (a double click
 * starts one run; its id is in the error's details). Ids of another organization or unknown ones
 * match nothing, like deleted ones; a selection that leaves no proxy to check is 404 PROXY_NOT_FOUND,
 * whether its ids are unknown, another organization's, or BLACKLISTED — it never says which.
 */
export async function startProxyValidationRun(
  deps: ProxyValidationDeps,
  organizationId: string,
  selection: { ids?: string[]; filter?: ProxyFilter; all?: true },
): Promise<ProxyValidationRow> {
  return withTransaction(deps.pool, async ({ db, client }) => {
    await lockProxyValidations(db, organizationId);
    const active = await findActiveProxyValidation(db, organizationId);
    const run = await insertProxyValidation(db, {
      organizationId,
      selection: { ids: selection.ids, filter: selection.filter },
    });
    if (run.total === 0) {
      throw new AppError(
        'PROXY_NOT_FOUND',
        selection.ids
          ? 'None of these ids is a proxy of the organization that can be checked (BLACKLISTED ones never are).'
          : 'No proxy of the organization matches (BLACKLISTED ones are never checked).',
        { field: selection.ids ? 'ids' : selection.filter ? 'filter' : 'all' },
      );
    }
    // After the selection: ids that are not found answer 404 whether or not a run is in progress.
    if (active) {
      throw new AppError(
        'PROXY_VALIDATION_IN_PROGRESS',
        `Validation run ${active.id} is ${active.status.toLowerCase()}: follow it, or ask again once it ends.`,
        { details: { id: active.id } },
      );
    }
    await enqueueProxyValidation(deps.boss, { validationId: run.id, organizationId }, { db: client });
    return run;
  });
}

export async function findProxyValidation(
  deps: Pick<ProxyValidationDeps, 'db'>,
  key: { organizationId: string; id: string },
): Promise<ProxyValidationRow> {
  const row = await getProxyValidation(deps.db, key);
  if (!row) throw new AppError('PROXY_VALIDATION_NOT_FOUND', `No proxy validation run ${key.id}.`);
  return row;
}

export interface ProxyCheckHistory {
  checks: ProxyCheckRow[];
  successRate: number | null;
  meanLatencyMs: number | null;
}

/** A proxy's checks of the last `hours`, newest first, with their success rate and mean latency (of the successes). */
export async function findProxyChecks(
  deps: Pick<ProxyValidationDeps, 'db'>,
  key: { organizationId: string; id: string },
  hours: number,
  now = new Date(),
): Promise<ProxyCheckHistory> {
  if (!(await getProxy(deps.db, key))) throw new AppError('PROXY_NOT_FOUND', `No proxy ${key.id}.`);
  const checks = await listProxyChecks(deps.db, {
    organizationId: key.organizationId,
    proxyId: key.id,
    since: new Date(now.getTime() - hours * 3_600_000),
  });
  const latencies = checks.flatMap((check) =>
    check.ok && check.latencyMs !== null ? [check.latencyMs] : [],
  );
  return {
    checks,
    successRate: checks.length > 0 ? checks.filter((check) => check.ok).length / checks.length : null,
    meanLatencyMs:
      latencies.length > 0
        ? Math.round(latencies.reduce((sum, value) => sum + value, 0) / latencies.length)
        : null,
  };
}

import type { InstanceLog, InstanceMetric, LogLevel } from '@fleetwright/contracts';
import { type InstanceKey, type InstanceRow, listInstanceLogs, listInstanceMetrics } from '@fleetwright/db';
import { AppError } from '../../errors.ts';
import type { WorkerTarget } from '../../worker-client.ts';
import { admitInstance } from './policy.ts';
import { toInstanceLog, toInstanceMetric } from './serialize.ts';
import { findInstance, type InstanceDeps } from './service.ts';

/** Interactive commands need a page: only a RUNNING instance has one. */
async function findRunningInstance(deps: InstanceDeps, key: InstanceKey): Promise<InstanceRow> {
  const row = await findInstance(deps, key);
  if (row.status !== 'RUNNING') {
    throw new AppError('INSTANCE_NOT_RUNNING', `The instance is ${row.status}; it must be RUNNING.`);
  }
  return row;
}

function targetOf(row: InstanceRow): WorkerTarget {
  return { instanceId: row.id, workerId: row.workerId };
}

export async function navigateInstance(
  deps: InstanceDeps,
  key: InstanceKey,
  url: string,
  options: { targetChecked?: boolean } = {},
): Promise<{ url: string }> {
  const row = await findRunningInstance(deps, key);
  if (!options.targetChecked) await deps.targets.check(url, 'url');
  await admitInstance(deps.db, {
    organizationId: key.organizationId,
    url,
    instanceId: key.id,
    field: 'url',
    quota: false,
  });
  return deps.workers.navigate(targetOf(row), url);
}

export async function evaluateInstance(
  deps: InstanceDeps,
  key: InstanceKey,
  expression: string,
): Promise<{ value: unknown }> {
  const row = await findRunningInstance(deps, key);
  return deps.workers.evaluate(targetOf(row), expression);
}

/** The page as a JPEG. */
export async function screenshotInstance(
  deps: InstanceDeps,
  key: InstanceKey,
  options: { quality: number; fullPage: boolean },
): Promise<Buffer> {
  const row = await findRunningInstance(deps, key);
  return deps.workers.screenshot(targetOf(row), options);
}

export async function listLogs(
  deps: InstanceDeps,
  key: InstanceKey,
  query: { page: number; pageSize: number; since?: string; level?: LogLevel },
): Promise<{ items: InstanceLog[]; total: number; page: number; pageSize: number }> {
  await findInstance(deps, key);
  const { rows, total } = await listInstanceLogs(deps.db, {
    organizationId: key.organizationId,
    instanceId: key.id,
    since: query.since ? new Date(query.since) : undefined,
    level: query.level,
    page: query.page,
    pageSize: query.pageSize,
  });
  return { items: rows.map(toInstanceLog), total, page: query.page, pageSize: query.pageSize };
}

export async function listMetrics(
  deps: InstanceDeps,
  key: InstanceKey,
  query: { from?: string; to?: string },
): Promise<{ items: InstanceMetric[] }> {
  await findInstance(deps, key);
  const rows = await listInstanceMetrics(deps.db, {
    organizationId: key.organizationId,
    instanceId: key.id,
    from: query.from ? new Date(query.from) : undefined,
    to: query.to ? new Date(query.to) : undefined,
  });
  return { items: rows.map(toInstanceMetric) };
}

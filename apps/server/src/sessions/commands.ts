import type { LogLevel, ScreenshotFormat, SessionLog, SessionMetric } from '@fleetwright/contracts';
import { listSessionLogs, listSessionMetrics, type SessionKey, type SessionRow } from '@fleetwright/db';
import { AppError } from '../errors.ts';
import type { WorkerTarget } from '../workers/worker-client.ts';
import { admitSession } from './policy.ts';
import { toSessionLog, toSessionMetric } from './serializers.ts';
import { findSession, type SessionDeps } from './service.ts';

/** Interactive commands need a page: only a RUNNING session has one. */
async function findRunningSession(deps: SessionDeps, key: SessionKey): Promise<SessionRow> {
  const row = await findSession(deps, key);
  if (row.status !== 'RUNNING') {
    throw new AppError('SESSION_NOT_RUNNING', `The session is ${row.status}; it must be RUNNING.`);
  }
  return row;
}

function targetOf(row: SessionRow): WorkerTarget {
  return { sessionId: row.id, workerId: row.workerId };
}

export async function navigateSession(
  deps: SessionDeps,
  key: SessionKey,
  url: string,
  options: { targetChecked?: boolean } = {},
): Promise<{ url: string }> {
  const row = await findRunningSession(deps, key);
  if (!options.targetChecked) await deps.targets.check(url, 'url', key.organizationId);
  await admitSession(deps.db, {
    organizationId: key.organizationId,
    url,
    sessionId: key.id,
    field: 'url',
    quota: false,
  });
  return deps.workers.navigate(targetOf(row), url);
}

export async function evaluateSession(
  deps: SessionDeps,
  key: SessionKey,
  expression: string,
): Promise<{ value: unknown }> {
  const row = await findRunningSession(deps, key);
  return deps.workers.evaluate(targetOf(row), expression);
}

/** The page as a JPEG (a PNG with `format: 'png'`). */
export async function screenshotSession(
  deps: SessionDeps,
  key: SessionKey,
  options: { quality: number; fullPage: boolean; format?: ScreenshotFormat },
): Promise<Buffer> {
  const row = await findRunningSession(deps, key);
  return deps.workers.screenshot(targetOf(row), options);
}

/** The page's accessibility snapshot with element refs, for click and type (issue 12). */
export async function snapshotSession(
  deps: SessionDeps,
  key: SessionKey,
): Promise<{ url: string; snapshot: string }> {
  const row = await findRunningSession(deps, key);
  return deps.workers.snapshot(targetOf(row));
}

export async function clickSession(
  deps: SessionDeps,
  key: SessionKey,
  ref: string,
): Promise<{ url: string }> {
  const row = await findRunningSession(deps, key);
  return deps.workers.click(targetOf(row), ref);
}

export async function typeSession(
  deps: SessionDeps,
  key: SessionKey,
  input: { ref: string; text: string; submit: boolean },
): Promise<{ url: string }> {
  const row = await findRunningSession(deps, key);
  return deps.workers.type(targetOf(row), input);
}

export async function listLogs(
  deps: SessionDeps,
  key: SessionKey,
  query: { page: number; pageSize: number; since?: string; level?: LogLevel },
): Promise<{ items: SessionLog[]; total: number; page: number; pageSize: number }> {
  await findSession(deps, key);
  const { rows, total } = await listSessionLogs(deps.db, {
    organizationId: key.organizationId,
    sessionId: key.id,
    since: query.since ? new Date(query.since) : undefined,
    level: query.level,
    page: query.page,
    pageSize: query.pageSize,
  });
  return { items: rows.map(toSessionLog), total, page: query.page, pageSize: query.pageSize };
}

export async function listMetrics(
  deps: SessionDeps,
  key: SessionKey,
  query: { from?: string; to?: string },
): Promise<{ items: SessionMetric[] }> {
  await findSession(deps, key);
  const rows = await listSessionMetrics(deps.db, {
    organizationId: key.organizationId,
    sessionId: key.id,
    from: query.from ? new Date(query.from) : undefined,
    to: query.to ? new Date(query.to) : undefined,
  });
  return { items: rows.map(toSessionMetric) };
}

import type { Session, SessionLog, SessionStatus } from '@fleetwright/contracts';
import { waitFor } from '@fleetwright/testing';
import type { Platform } from './platform.ts';

export async function createSession(platform: Platform, body: Record<string, unknown>): Promise<Session> {
  const { status, body: created } = await platform.api<Session>('POST', '/sessions', body);
  if (status !== 201) throw new Error(`create answered ${status}: ${JSON.stringify(created)}`);
  return created;
}

export async function getSession(platform: Platform, id: string): Promise<Session> {
  const { status, body } = await platform.api<Session>('GET', `/sessions/${id}`);
  if (status !== 200) throw new Error(`get answered ${status}: ${JSON.stringify(body)}`);
  return body;
}

/** Waits until the session reaches `wanted`; fails early with its last error if it lands in ERROR instead. */
export async function waitForStatus(
  platform: Platform,
  id: string,
  wanted: SessionStatus,
  options: { timeoutMs?: number; allowError?: boolean } = {},
): Promise<Session> {
  let last: Session | undefined;
  await waitFor(
    `session ${id} to be ${wanted}`,
    async () => {
      last = await getSession(platform, id);
      if (last.status === 'ERROR' && wanted !== 'ERROR' && !options.allowError) {
        throw new Error(`session ${id} went to ERROR: ${last.lastError}`);
      }
      return last.status === wanted;
    },
    { timeoutMs: options.timeoutMs ?? 60_000, retryErrors: true },
  );
  return last!;
}

export async function listLogs(platform: Platform, id: string): Promise<SessionLog[]> {
  const { body } = await platform.api<{ items: SessionLog[] }>('GET', `/sessions/${id}/logs?pageSize=1000`);
  return body.items;
}

/**
 * Waits for a log line of the session matching `match`. Log lines are written in batches, apart
 * from the status change they explain, so a line may land a moment after the status does.
 */
export async function waitForLog(
  platform: Platform,
  id: string,
  match: (line: SessionLog) => boolean,
  what: string,
): Promise<SessionLog> {
  let found: SessionLog | undefined;
  await waitFor(
    what,
    async () => {
      found = (await listLogs(platform, id)).find(match);
      return found !== undefined;
    },
    { timeoutMs: 10_000, retryErrors: true },
  );
  return found!;
}

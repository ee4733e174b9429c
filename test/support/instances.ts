import type { Instance, InstanceLog, InstanceStatus } from '@fleetwright/contracts';
import { type Platform, waitFor } from './platform.ts';

export async function createInstance(platform: Platform, body: Record<string, unknown>): Promise<Instance> {
  const { status, body: created } = await platform.api<Instance>('POST', '/instances', body);
  if (status !== 201) throw new Error(`create answered ${status}: ${JSON.stringify(created)}`);
  return created;
}

export async function getInstance(platform: Platform, id: string): Promise<Instance> {
  const { status, body } = await platform.api<Instance>('GET', `/instances/${id}`);
  if (status !== 200) throw new Error(`get answered ${status}: ${JSON.stringify(body)}`);
  return body;
}

/** Waits until the instance reaches `wanted`; fails early with its last error if it lands in ERROR instead. */
export async function waitForStatus(
  platform: Platform,
  id: string,
  wanted: InstanceStatus,
  options: { timeoutMs?: number; allowError?: boolean } = {},
): Promise<Instance> {
  let last: Instance | undefined;
  await waitFor(
    async () => {
      last = await getInstance(platform, id);
      if (last.status === 'ERROR' && wanted !== 'ERROR' && !options.allowError) {
        throw new Error(`instance ${id} went to ERROR: ${last.lastError}`);
      }
      return last.status === wanted;
    },
    options.timeoutMs ?? 60_000,
    `instance ${id} to be ${wanted} (last: ${last?.status})`,
  );
  return last!;
}

export async function listLogs(platform: Platform, id: string): Promise<InstanceLog[]> {
  const { body } = await platform.api<{ items: InstanceLog[] }>('GET', `/instances/${id}/logs?pageSize=1000`);
  return body.items;
}

/**
 * Waits for a log line of the instance matching `match`. Log lines are written in batches, apart
 * from the status change they explain, so a line may land a moment after the status does.
 */
export async function waitForLog(
  platform: Platform,
  id: string,
  match: (line: InstanceLog) => boolean,
  what: string,
): Promise<InstanceLog> {
  let found: InstanceLog | undefined;
  await waitFor(
    async () => {
      found = (await listLogs(platform, id)).find(match);
      return found !== undefined;
    },
    10_000,
    what,
  );
  return found!;
}

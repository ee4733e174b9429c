'use client';

import { WORKER_HEARTBEAT_SECONDS, type Worker } from '@fleetwright/contracts';
import { useQuery } from '@tanstack/react-query';
import { useIsPlatformAdmin } from './accounts';
import { apiFetch } from './client';
import { workerKeys } from './query-keys';

/**
 * Workers emit no socket events: poll at the heartbeat interval instead. Only platform
 * administrators may list them (hosts and load are not tenant data); for everyone else the
 * query stays idle and session tables show worker ids instead of host names.
 */
export function useWorkers() {
  const allowed = useIsPlatformAdmin();
  return useQuery({
    queryKey: workerKeys.all,
    queryFn: async ({ signal }) => (await apiFetch<{ items: Worker[] }>('/workers', { signal })).items,
    refetchInterval: WORKER_HEARTBEAT_SECONDS * 1000,
    enabled: allowed,
  });
}

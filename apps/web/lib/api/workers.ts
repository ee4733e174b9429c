'use client';

import { WORKER_HEARTBEAT_SECONDS, type Worker } from '@fleetwright/contracts';
import { useQuery } from '@tanstack/react-query';
import { apiFetch } from './client';
import { workerKeys } from './query-keys';

/** Workers emit no socket events: poll at the heartbeat interval instead. */
export function useWorkers() {
  return useQuery({
    queryKey: workerKeys.all,
    queryFn: async ({ signal }) => (await apiFetch<{ items: Worker[] }>('/workers', { signal })).items,
    refetchInterval: WORKER_HEARTBEAT_SECONDS * 1000,
  });
}

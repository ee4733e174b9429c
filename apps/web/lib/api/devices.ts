'use client';

import type { deviceListSchema } from '@fleetwright/contracts';
import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import { apiFetch } from './client';
import { deviceKeys } from './query-keys';

export type Device = z.infer<typeof deviceListSchema>['items'][number];

/** Playwright's device presets; they only change with a worker upgrade. */
export function useDevices() {
  return useQuery({
    queryKey: deviceKeys.all,
    queryFn: async ({ signal }) => (await apiFetch<{ items: Device[] }>('/devices', { signal })).items,
    staleTime: Number.POSITIVE_INFINITY,
  });
}

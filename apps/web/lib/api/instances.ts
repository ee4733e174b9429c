'use client';

import type {
  BatchResult,
  CreateInstanceBody,
  Instance,
  InstanceLog,
  InstanceMetric,
  InstancePage,
  LogLevel,
} from '@fleetwright/contracts';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from './client';
import { forgetInstance, logMatchesLevel, MAX_LOG_LINES, storeInstance } from './instance-cache';
import { type InstanceListParams, instanceKeys } from './query-keys';

/** How far back the metrics chart starts when the detail page opens. */
export const METRICS_WINDOW_MS = 30 * 60 * 1000;

export function useInstances(params: InstanceListParams) {
  return useQuery({
    queryKey: instanceKeys.list(params),
    queryFn: ({ signal }) =>
      apiFetch<InstancePage>('/instances', {
        query: {
          page: params.page,
          pageSize: params.pageSize,
          status: params.status,
          tag: params.tag,
          search: params.search,
        },
        signal,
      }),
    // Keep the old page on screen while the next one loads, so the table does not flash.
    placeholderData: keepPreviousData,
  });
}

export function useInstance(id: string) {
  return useQuery({
    queryKey: instanceKeys.detail(id),
    queryFn: ({ signal }) => apiFetch<Instance>(`/instances/${encodeURIComponent(id)}`, { signal }),
  });
}

/** Newest first, like the API; live lines are prepended by the socket sync. */
export function useInstanceLogs(id: string, level: LogLevel | undefined) {
  return useQuery({
    queryKey: instanceKeys.logsAtLevel(id, level),
    queryFn: async ({ signal }) => {
      const page = await apiFetch<{ items: InstanceLog[] }>(`/instances/${encodeURIComponent(id)}/logs`, {
        query: { page: 1, pageSize: 200, level },
        signal,
      });
      // `level` is a minimum on the server too; filtering again keeps the panel honest either way.
      return page.items.filter((line) => logMatchesLevel(line, level)).slice(0, MAX_LOG_LINES);
    },
    // Live events keep it current for as long as the socket is connected.
    staleTime: Number.POSITIVE_INFINITY,
  });
}

/** Oldest first; live samples are appended by the socket sync. */
export function useInstanceMetrics(id: string) {
  return useQuery({
    queryKey: instanceKeys.metrics(id),
    queryFn: async ({ signal }) => {
      const from = new Date(Date.now() - METRICS_WINDOW_MS).toISOString();
      const list = await apiFetch<{ items: InstanceMetric[] }>(
        `/instances/${encodeURIComponent(id)}/metrics`,
        {
          query: { from },
          signal,
        },
      );
      return list.items;
    },
    staleTime: Number.POSITIVE_INFINITY,
  });
}

export function useCreateInstance() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateInstanceBody) => apiFetch<Instance>('/instances', { method: 'POST', body }),
    onSuccess: (instance) => {
      queryClient.setQueryData(instanceKeys.detail(instance.id), instance);
      void queryClient.invalidateQueries({ queryKey: instanceKeys.lists() });
    },
  });
}

export type InstanceAction = 'start' | 'stop' | 'restart';

export function useInstanceAction(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (action: InstanceAction) =>
      apiFetch<Instance>(`/instances/${encodeURIComponent(id)}/${action}`, { method: 'POST' }),
    onSuccess: (instance) => storeInstance(queryClient, instance),
  });
}

export function useNavigateInstance(id: string) {
  return useMutation({
    mutationFn: (url: string) =>
      apiFetch<{ url: string }>(`/instances/${encodeURIComponent(id)}/navigate`, {
        method: 'POST',
        body: { url },
      }),
  });
}

export function useDeleteInstance(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => apiFetch<void>(`/instances/${encodeURIComponent(id)}`, { method: 'DELETE' }),
    onSuccess: () => {
      forgetInstance(queryClient, id);
      void queryClient.invalidateQueries({ queryKey: instanceKeys.lists() });
    },
  });
}

export function useBatchInstanceAction() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ action, ids }: { action: 'start' | 'stop'; ids: string[] }) =>
      apiFetch<BatchResult>(`/instances/batch/${action}`, { method: 'POST', body: { ids } }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: instanceKeys.lists() }),
  });
}

/** The JPEG of the page as it is now. */
export function fetchInstanceScreenshot(id: string, quality = 80): Promise<Blob> {
  return apiFetch<Blob>(`/instances/${encodeURIComponent(id)}/screenshot`, {
    query: { quality },
    responseType: 'blob',
  });
}

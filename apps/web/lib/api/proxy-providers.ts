'use client';

import {
  type CreateProxyProvider,
  type ProxyProvider,
  type ProxyProviderKind,
  proxyProviderKinds,
  proxyProviderPresets,
  type UpdateProxyProvider,
} from '@fleetwright/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from './client';
import { proxyProviderKeys } from './query-keys';

/** A provider preset as GET /proxy-providers/presets answers it (the username syntax stays on the server). */
export interface ProviderPresetSummary {
  kind: ProxyProviderKind;
  label: string;
  host: string;
  port: number;
  needsZone: boolean;
  sticky: boolean;
  countries: 'any' | string[];
}

/** The presets compiled into the contracts. */
const BUILT_IN_PRESETS: ProviderPresetSummary[] = proxyProviderKinds.map((kind) => {
  const { label, host, port, needsZone, sticky, countries } = proxyProviderPresets[kind];
  return {
    kind,
    label,
    host,
    port,
    needsZone,
    sticky,
    countries: countries === 'any' ? 'any' : [...countries],
  };
});

export function useProxyProviders() {
  return useQuery({
    queryKey: proxyProviderKeys.all,
    queryFn: async ({ signal }) =>
      (await apiFetch<{ items: ProxyProvider[] }>('/proxy-providers', { signal })).items,
  });
}

/**
 * The presets the form offers: the server's answer, or until it comes (or if it fails) the ones
 * compiled into the contracts, which the server's are made from.
 */
export function useProviderPresets(): ProviderPresetSummary[] {
  const query = useQuery({
    queryKey: proxyProviderKeys.presets(),
    queryFn: async ({ signal }) =>
      (await apiFetch<{ items: ProviderPresetSummary[] }>('/proxy-providers/presets', { signal })).items,
    staleTime: Number.POSITIVE_INFINITY,
  });
  return query.data ?? BUILT_IN_PRESETS;
}

export function useSaveProxyProvider() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id?: string; body: CreateProxyProvider | UpdateProxyProvider }) =>
      id
        ? apiFetch<ProxyProvider>(`/proxy-providers/${encodeURIComponent(id)}`, { method: 'PATCH', body })
        : apiFetch<ProxyProvider>('/proxy-providers', { method: 'POST', body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: proxyProviderKeys.all }),
  });
}

export function useDeleteProxyProvider() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      apiFetch<void>(`/proxy-providers/${encodeURIComponent(id)}`, { method: 'DELETE' }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: proxyProviderKeys.all }),
  });
}

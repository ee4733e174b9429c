'use client';

import {
  type CreateProxyProvider,
  type ProxyProvider,
  type ProxyProviderPresetInfo,
  proxyProviderPresetInfos,
  type UpdateProxyProvider,
} from '@fleetwright/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from './client';
import { proxyProviderKeys } from './query-keys';

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
export function useProviderPresets(): ProxyProviderPresetInfo[] {
  const query = useQuery({
    queryKey: proxyProviderKeys.presets(),
    queryFn: async ({ signal }) =>
      (await apiFetch<{ items: ProxyProviderPresetInfo[] }>('/proxy-providers/presets', { signal })).items,
    staleTime: Number.POSITIVE_INFINITY,
  });
  return query.data ?? proxyProviderPresetInfos();
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

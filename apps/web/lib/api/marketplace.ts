'use client';

import type { MarketplaceScript, Script } from '@fleetwright/contracts';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from './client';
import { type MarketplaceListParams, marketplaceKeys, scriptKeys } from './query-keys';
import type { ScriptPage } from './scripts';

const marketplacePath = (id: string) => `/marketplace/scripts/${encodeURIComponent(id)}`;

/** Public scripts of every organization. */
export function useMarketplaceScripts(params: MarketplaceListParams) {
  return useQuery({
    queryKey: marketplaceKeys.list(params),
    queryFn: ({ signal }) => apiFetch<ScriptPage>('/marketplace/scripts', { query: { ...params }, signal }),
    placeholderData: keepPreviousData,
  });
}

/** A public script with its latest source and the caller's own rating. */
export function useMarketplaceScript(id: string) {
  return useQuery({
    queryKey: marketplaceKeys.detail(id),
    queryFn: ({ signal }) => apiFetch<MarketplaceScript>(marketplacePath(id), { signal }),
  });
}

/** Copies a public script into the caller's organization; answers the fork (a script of theirs). */
export function useForkScript() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiFetch<Script>(`${marketplacePath(id)}/fork`, { method: 'POST' }),
    onSuccess: (fork, id) => {
      queryClient.setQueryData(scriptKeys.detail(fork.id), fork);
      void queryClient.invalidateQueries({ queryKey: scriptKeys.lists() });
      // The original's download count went up.
      void queryClient.invalidateQueries({ queryKey: marketplaceKeys.detail(id) });
      void queryClient.invalidateQueries({ queryKey: marketplaceKeys.lists() });
    },
  });
}

/** The caller's 1–5 rating; a second one replaces the first. Answers the script with its new average and myRating. */
export function useRateScript(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (rating: number) =>
      apiFetch<MarketplaceScript>(`${marketplacePath(id)}/rating`, { method: 'PUT', body: { rating } }),
    onSuccess: (script) => {
      queryClient.setQueryData(marketplaceKeys.detail(id), script);
      void queryClient.invalidateQueries({ queryKey: marketplaceKeys.lists() });
    },
  });
}

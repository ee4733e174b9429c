'use client';

import type {
  CreateProxyBody,
  ImportProxiesResponse,
  PoolProxy,
  ProxyChecksResponse,
  ProxyCountriesResponse,
  ProxyFilter,
  ProxyImportFormat,
  ProxyPage,
  ProxyValidation,
  UpdateProxyBody,
  ValidateProxiesBody,
} from '@fleetwright/contracts';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from './client';
import { type ProxyListParams, proxyKeys } from './query-keys';

/** While a validation run is not finished and no socket event came, ask for its progress this often. */
export const VALIDATION_POLL_MS = 2000;

const proxyPath = (id: string) => `/proxies/${encodeURIComponent(id)}`;

export function useProxies(params: ProxyListParams) {
  return useQuery({
    queryKey: proxyKeys.list(params),
    queryFn: ({ signal }) => apiFetch<ProxyPage>('/proxies', { query: { ...params }, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useProxy(id: string | null) {
  return useQuery({
    queryKey: proxyKeys.detail(id ?? ''),
    queryFn: ({ signal }) => apiFetch<PoolProxy>(proxyPath(id ?? ''), { signal }),
    enabled: id !== null,
  });
}

export function useProxyChecks(id: string, hours: number) {
  return useQuery({
    queryKey: proxyKeys.checks(id, hours),
    queryFn: ({ signal }) =>
      apiFetch<ProxyChecksResponse>(`${proxyPath(id)}/checks`, { query: { hours }, signal }),
  });
}

export function useProxyCountries() {
  return useQuery({
    queryKey: proxyKeys.countries(),
    queryFn: async ({ signal }) =>
      (await apiFetch<ProxyCountriesResponse>('/proxies/countries', { signal })).items,
  });
}

/** After any change to the pool: lists, the map and open details refetch. */
function useInvalidatePool() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: proxyKeys.all });
}

export function useSaveProxy() {
  const invalidate = useInvalidatePool();
  return useMutation({
    mutationFn: ({ id, body }: { id?: string; body: CreateProxyBody | UpdateProxyBody }) =>
      id
        ? apiFetch<PoolProxy>(proxyPath(id), { method: 'PATCH', body })
        : apiFetch<PoolProxy>('/proxies', { method: 'POST', body }),
    onSuccess: invalidate,
  });
}

export function useDeleteProxies() {
  const invalidate = useInvalidatePool();
  return useMutation({
    mutationFn: (body: { ids: string[] } | { filter: ProxyFilter }) =>
      apiFetch<{ deleted: number }>('/proxies/delete', { method: 'POST', body }),
    onSuccess: invalidate,
  });
}

/** Blacklists (or takes off the blacklist) each proxy; answers how many calls failed. */
export function useSetBlacklisted() {
  const invalidate = useInvalidatePool();
  return useMutation({
    mutationFn: async ({ ids, blacklisted }: { ids: string[]; blacklisted: boolean }) => {
      const outcomes = await Promise.allSettled(
        ids.map((id) =>
          apiFetch<PoolProxy>(`${proxyPath(id)}/blacklist`, { method: blacklisted ? 'POST' : 'DELETE' }),
        ),
      );
      const failed = outcomes.filter((outcome) => outcome.status === 'rejected');
      return { done: outcomes.length - failed.length, failed: failed.length };
    },
    onSettled: invalidate,
  });
}

/** What the import dialog sends: text with its format, the entries of a JSON file, or a URL. */
export type ProxyImportSource =
  | { kind: 'text'; text: string; format: ProxyImportFormat }
  | { kind: 'entries'; entries: unknown[] }
  | { kind: 'url'; url: string };

export function useImportProxies() {
  const invalidate = useInvalidatePool();
  return useMutation({
    mutationFn: ({ source, tags, dryRun }: { source: ProxyImportSource; tags: string[]; dryRun: boolean }) =>
      apiFetch<ImportProxiesResponse>('/proxies/import', {
        method: 'POST',
        // A JSON string is read as a list in `format`; JSON entries and `{ url }` need none.
        body:
          source.kind === 'text'
            ? source.text
            : source.kind === 'entries'
              ? source.entries
              : { url: source.url },
        query: {
          dryRun,
          format: source.kind === 'text' ? source.format : undefined,
          tags: tags.length > 0 ? tags.join(',') : undefined,
        },
      }),
    onSuccess: (result) => {
      if (!result.dryRun) void invalidate();
    },
  });
}

export function useValidateProxies() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ValidateProxiesBody) =>
      apiFetch<ProxyValidation>('/proxies/validate', { method: 'POST', body }),
    onSuccess: (validation) => queryClient.setQueryData(proxyKeys.validation(validation.id), validation),
  });
}

export function isValidationFinished(validation: Pick<ProxyValidation, 'status'>): boolean {
  return (
    validation.status === 'COMPLETED' || validation.status === 'FAILED' || validation.status === 'CANCELLED'
  );
}

/**
 * A run's progress: `proxy.validated` events write it into this query as they come (live-sync);
 * polling covers a socket that is down or events that never come (another server replica).
 */
export function useProxyValidation(id: string | null) {
  return useQuery({
    queryKey: proxyKeys.validation(id ?? ''),
    queryFn: ({ signal }) =>
      apiFetch<ProxyValidation>(`/proxies/validations/${encodeURIComponent(id ?? '')}`, { signal }),
    enabled: id !== null,
    refetchInterval: (query) =>
      query.state.data && isValidationFinished(query.state.data) ? false : VALIDATION_POLL_MS,
  });
}

'use client';

import type {
  CreateScript,
  Script,
  ScriptDiff,
  ScriptTemplate,
  ScriptTestResult,
  ScriptVersion,
  scriptPageSchema,
  scriptVersionPageSchema,
  TestInlineScriptBody,
  UpdateScript,
} from '@fleetwright/contracts';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { apiFetch } from './client';
import { marketplaceKeys, type ScriptListParams, scriptKeys } from './query-keys';

export type ScriptPage = z.infer<typeof scriptPageSchema>;
export type ScriptVersionPage = z.infer<typeof scriptVersionPageSchema>;
export type ScriptVersionSummary = ScriptVersionPage['items'][number];

/** The history panel shows this many versions a page (the API allows up to 100). */
export const VERSIONS_PAGE_SIZE = 50;

const scriptPath = (id: string) => `/scripts/${encodeURIComponent(id)}`;

export function useScripts(params: ScriptListParams) {
  return useQuery({
    queryKey: scriptKeys.list(params),
    queryFn: ({ signal }) => apiFetch<ScriptPage>('/scripts', { query: { ...params }, signal }),
    placeholderData: keepPreviousData,
  });
}

/** `enabled: false` asks nothing (a picker with no script chosen yet). */
export function useScript(id: string, { enabled = true }: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: scriptKeys.detail(id),
    queryFn: ({ signal }) => apiFetch<Script>(scriptPath(id), { signal }),
    enabled,
  });
}

/** The day-one templates; they ship with the server, so they never change while the page is open. */
export function useScriptTemplates() {
  return useQuery({
    queryKey: scriptKeys.templates(),
    queryFn: async ({ signal }) =>
      (await apiFetch<{ items: ScriptTemplate[] }>('/scripts/templates', { signal })).items,
    staleTime: Number.POSITIVE_INFINITY,
  });
}

export function useScriptVersions(id: string) {
  return useQuery({
    queryKey: [...scriptKeys.versions(id), 'list'],
    queryFn: ({ signal }) =>
      apiFetch<ScriptVersionPage>(`${scriptPath(id)}/versions`, {
        query: { page: 1, pageSize: VERSIONS_PAGE_SIZE },
        signal,
      }),
  });
}

/** One version's source; `version` null asks nothing. Versions never change, so it is never stale. */
export function useScriptVersion(id: string, version: number | null) {
  return useQuery({
    queryKey: scriptKeys.version(id, version ?? 0),
    queryFn: ({ signal }) => apiFetch<ScriptVersion>(`${scriptPath(id)}/versions/${version}`, { signal }),
    enabled: version !== null,
    staleTime: Number.POSITIVE_INFINITY,
  });
}

export function useScriptDiff(id: string, pair: { from: number; to: number } | null) {
  return useQuery({
    queryKey: scriptKeys.diff(id, pair?.from ?? 0, pair?.to ?? 0),
    queryFn: ({ signal }) =>
      apiFetch<ScriptDiff>(`${scriptPath(id)}/diff`, { query: { from: pair?.from, to: pair?.to }, signal }),
    enabled: pair !== null,
    staleTime: Number.POSITIVE_INFINITY,
  });
}

/** After a change: the lists, and the script's own detail and history, refetch. */
function useRefreshScript() {
  const queryClient = useQueryClient();
  return (script: Script) => {
    queryClient.setQueryData(scriptKeys.detail(script.id), script);
    void queryClient.invalidateQueries({ queryKey: scriptKeys.lists() });
    void queryClient.invalidateQueries({ queryKey: scriptKeys.versions(script.id) });
  };
}

export function useCreateScript() {
  const refresh = useRefreshScript();
  return useMutation({
    mutationFn: (body: Partial<CreateScript> & Pick<CreateScript, 'name' | 'source'>) =>
      apiFetch<Script>('/scripts', { method: 'POST', body }),
    onSuccess: refresh,
  });
}

/** A new `source` or `libraries` saves a new version; name, description and tags edit the script. */
export function useUpdateScript(id: string) {
  const refresh = useRefreshScript();
  return useMutation({
    mutationFn: (body: UpdateScript) => apiFetch<Script>(scriptPath(id), { method: 'PATCH', body }),
    onSuccess: refresh,
  });
}

/** Publishes the script to the marketplace, or withdraws it (forks made stay). */
export function useSetPublished(id: string) {
  const refresh = useRefreshScript();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (published: boolean) =>
      apiFetch<Script>(`${scriptPath(id)}/${published ? 'publish' : 'unpublish'}`, { method: 'POST' }),
    onSuccess: (script) => {
      refresh(script);
      void queryClient.invalidateQueries({ queryKey: marketplaceKeys.all });
    },
  });
}

/** Roll back: the version's source becomes a new latest version. */
export function useRestoreVersion(id: string) {
  const refresh = useRefreshScript();
  return useMutation({
    mutationFn: (version: number) =>
      apiFetch<Script>(`${scriptPath(id)}/versions/${version}/restore`, { method: 'POST' }),
    onSuccess: refresh,
  });
}

export function useDeleteScript() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiFetch<void>(scriptPath(id), { method: 'DELETE' }),
    onSuccess: (_, id) => {
      queryClient.removeQueries({ queryKey: scriptKeys.detail(id) });
      void queryClient.invalidateQueries({ queryKey: scriptKeys.lists() });
    },
  });
}

/** The editor's run button: the source as it stands in the editor, saved or not. */
export function useTestScript() {
  return useMutation({
    mutationFn: (body: TestInlineScriptBody) =>
      apiFetch<ScriptTestResult>('/scripts/test', { method: 'POST', body }),
  });
}

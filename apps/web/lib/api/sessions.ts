'use client';

import type {
  BatchResult,
  CreateSessionBody,
  LogLevel,
  ProxyPage,
  Session,
  SessionLog,
  SessionMetric,
  SessionPage,
} from '@fleetwright/contracts';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from './client';
import { type SessionListParams, sessionKeys } from './query-keys';
import { forgetSession, logMatchesLevel, MAX_LOG_LINES, storeSession } from './session-cache';

/** How far back the metrics chart starts when the detail page opens. */
export const METRICS_WINDOW_MS = 30 * 60 * 1000;

export function useSessions(params: SessionListParams) {
  return useQuery({
    queryKey: sessionKeys.list(params),
    queryFn: ({ signal }) =>
      apiFetch<SessionPage>('/sessions', {
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

export function useSession(id: string) {
  return useQuery({
    queryKey: sessionKeys.detail(id),
    queryFn: ({ signal }) => apiFetch<Session>(`/sessions/${encodeURIComponent(id)}`, { signal }),
  });
}

/** Newest first, like the API; live lines are prepended by the socket sync. */
export function useSessionLogs(id: string, level: LogLevel | undefined) {
  return useQuery({
    queryKey: sessionKeys.logsAtLevel(id, level),
    queryFn: async ({ signal }) => {
      const page = await apiFetch<{ items: SessionLog[] }>(`/sessions/${encodeURIComponent(id)}/logs`, {
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
export function useSessionMetrics(id: string) {
  return useQuery({
    queryKey: sessionKeys.metrics(id),
    queryFn: async ({ signal }) => {
      const from = new Date(Date.now() - METRICS_WINDOW_MS).toISOString();
      const list = await apiFetch<{ items: SessionMetric[] }>(`/sessions/${encodeURIComponent(id)}/metrics`, {
        query: { from },
        signal,
      });
      return list.items;
    },
    staleTime: Number.POSITIVE_INFINITY,
  });
}

export function useCreateSession() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateSessionBody) => apiFetch<Session>('/sessions', { method: 'POST', body }),
    onSuccess: (session) => {
      queryClient.setQueryData(sessionKeys.detail(session.id), session);
      void queryClient.invalidateQueries({ queryKey: sessionKeys.lists() });
    },
  });
}

/** The pool's proxies to choose one from in the new-session form (the first 100, newest first). */
export function useProxyChoices(enabled: boolean) {
  return useQuery({
    queryKey: ['proxies', 'choices'],
    queryFn: ({ signal }) => apiFetch<ProxyPage>('/proxies', { query: { page: 1, pageSize: 100 }, signal }),
    enabled,
  });
}

export type SessionAction = 'start' | 'stop' | 'restart';

export function useSessionAction(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (action: SessionAction) =>
      apiFetch<Session>(`/sessions/${encodeURIComponent(id)}/${action}`, { method: 'POST' }),
    onSuccess: (session) => storeSession(queryClient, session),
  });
}

export function useNavigateSession(id: string) {
  return useMutation({
    mutationFn: (url: string) =>
      apiFetch<{ url: string }>(`/sessions/${encodeURIComponent(id)}/navigate`, {
        method: 'POST',
        body: { url },
      }),
  });
}

export function useDeleteSession(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => apiFetch<void>(`/sessions/${encodeURIComponent(id)}`, { method: 'DELETE' }),
    onSuccess: () => {
      forgetSession(queryClient, id);
      void queryClient.invalidateQueries({ queryKey: sessionKeys.lists() });
    },
  });
}

export function useBatchSessionAction() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ action, ids }: { action: 'start' | 'stop'; ids: string[] }) =>
      apiFetch<BatchResult>(`/sessions/batch/${action}`, { method: 'POST', body: { ids } }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: sessionKeys.lists() }),
  });
}

/** The JPEG of the page as it is now. */
export function fetchSessionScreenshot(id: string, quality = 80): Promise<Blob> {
  return apiFetch<Blob>(`/sessions/${encodeURIComponent(id)}/screenshot`, {
    query: { quality },
    responseType: 'blob',
  });
}

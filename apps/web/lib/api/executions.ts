'use client';

import type { Execution, ExecutionDetail, ExecutionPage, SessionLog } from '@fleetwright/contracts';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiFetch, apiUrl } from './client';
import { patchCachedExecution, patchCachedJobLastExecution } from './execution-cache';
import { type ExecutionListParams, executionKeys } from './query-keys';

/** The logs panel of an execution shows this many lines, newest first. */
export const EXECUTION_LOG_LINES = 500;

function executionPath(id: string, rest?: string): string {
  return `/executions/${encodeURIComponent(id)}${rest ? `/${rest}` : ''}`;
}

export function useExecutions(params: ExecutionListParams) {
  return useQuery({
    queryKey: executionKeys.list(params),
    queryFn: ({ signal }) =>
      apiFetch<ExecutionPage>('/executions', {
        query: {
          page: params.page,
          pageSize: params.pageSize,
          jobId: params.jobId,
          status: params.status,
          trigger: params.trigger,
          from: params.from,
          to: params.to,
        },
        signal,
      }),
    placeholderData: keepPreviousData,
  });
}

export function useExecution(id: string) {
  return useQuery({
    queryKey: executionKeys.detail(id),
    queryFn: ({ signal }) => apiFetch<ExecutionDetail>(executionPath(id), { signal }),
  });
}

/** The log lines of the execution's sessions, newest first (the API pages them like session logs). */
export function useExecutionLogs(id: string) {
  return useQuery({
    queryKey: executionKeys.logs(id),
    queryFn: async ({ signal }) => {
      const page = await apiFetch<{ items: SessionLog[] }>(executionPath(id, 'logs'), {
        query: { page: 1, pageSize: EXECUTION_LOG_LINES },
        signal,
      });
      return page.items;
    },
  });
}

export function useCancelExecution() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      apiFetch<Execution | undefined>(executionPath(id, 'cancel'), { method: 'POST' }),
    onSuccess: (execution, id) => {
      if (execution?.id) {
        patchCachedExecution(queryClient, execution);
        patchCachedJobLastExecution(queryClient, execution);
      }
      // Its sessions stop one by one: job.* events and this refetch bring the final state.
      void queryClient.invalidateQueries({ queryKey: executionKeys.detail(id) });
      void queryClient.invalidateQueries({ queryKey: executionKeys.lists() });
    },
  });
}

/** Every session's extracted data as a file (a link: the browser downloads it with the cookie). */
export function executionDataUrl(id: string, format: 'json' | 'csv'): string {
  return apiUrl(executionPath(id, 'data'), { format });
}

/** A screenshot (shown inline) or a trace zip (downloaded). */
export function executionArtifactUrl(id: string, artifactId: string): string {
  return apiUrl(executionPath(id, `artifacts/${encodeURIComponent(artifactId)}`));
}

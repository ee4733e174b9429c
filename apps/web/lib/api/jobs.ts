'use client';

import type { CreateJobBody, Execution, Job, JobPage, UpdateJobBody } from '@fleetwright/contracts';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from './client';
import { patchCachedJobLastExecution, storeJob } from './execution-cache';
import { executionKeys, type JobListParams, jobKeys } from './query-keys';

function jobPath(id: string, action?: string): string {
  return `/jobs/${encodeURIComponent(id)}${action ? `/${action}` : ''}`;
}

export function useJobs(params: JobListParams) {
  return useQuery({
    queryKey: jobKeys.list(params),
    queryFn: ({ signal }) =>
      apiFetch<JobPage>('/jobs', {
        query: {
          page: params.page,
          pageSize: params.pageSize,
          q: params.q,
          kind: params.kind,
          paused: params.paused,
          tag: params.tag,
        },
        signal,
      }),
    // Keep the old page on screen while the next one loads, so the table does not flash.
    placeholderData: keepPreviousData,
  });
}

export function useJob(id: string) {
  return useQuery({
    queryKey: jobKeys.detail(id),
    queryFn: ({ signal }) => apiFetch<Job>(jobPath(id), { signal }),
  });
}

export function useCreateJob() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateJobBody) => apiFetch<Job>('/jobs', { method: 'POST', body }),
    onSuccess: (job) => {
      queryClient.setQueryData(jobKeys.detail(job.id), job);
      void queryClient.invalidateQueries({ queryKey: jobKeys.lists() });
      // A job scheduled `now` has its first execution already.
      void queryClient.invalidateQueries({ queryKey: executionKeys.lists() });
    },
  });
}

export function useUpdateJob(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdateJobBody) => apiFetch<Job>(jobPath(id), { method: 'PATCH', body }),
    onSuccess: (job) => {
      storeJob(queryClient, job);
      void queryClient.invalidateQueries({ queryKey: jobKeys.lists() });
    },
  });
}

export function useDeleteJob() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiFetch<void>(jobPath(id), { method: 'DELETE' }),
    onSuccess: (_, id) => {
      queryClient.removeQueries({ queryKey: jobKeys.detail(id) });
      void queryClient.invalidateQueries({ queryKey: jobKeys.lists() });
    },
  });
}

/** Runs a job now: the API answers 202 with the queued execution. */
export function useRunJob() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiFetch<Execution>(jobPath(id, 'run'), { method: 'POST' }),
    onSuccess: (execution) => {
      patchCachedJobLastExecution(queryClient, execution);
      void queryClient.invalidateQueries({ queryKey: executionKeys.lists() });
    },
  });
}

/** Pause stops a job's schedule (no new runs); resume starts it again. Both answer the job. */
export function usePauseJob() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, paused }: { id: string; paused: boolean }) =>
      apiFetch<Job | undefined>(jobPath(id, paused ? 'pause' : 'resume'), { method: 'POST' }),
    onSuccess: (job, { id }) => {
      // The job as it is now when the API answers with it; its next run is the API's to compute.
      if (job?.id) storeJob(queryClient, job);
      void queryClient.invalidateQueries({ queryKey: jobKeys.detail(id) });
      void queryClient.invalidateQueries({ queryKey: jobKeys.lists() });
    },
  });
}

import {
  type Execution,
  type ExecutionDetail,
  type ExecutionPage,
  type ExecutionStatus,
  finishedExecutionStatuses,
  type Job,
  type JobPage,
} from '@fleetwright/contracts';
import type { QueryClient } from '@tanstack/react-query';
import { executionKeys, jobKeys } from './query-keys';

function isFinished(status: ExecutionStatus): boolean {
  return finishedExecutionStatuses.includes(status);
}

/**
 * Events can overtake each other (`job.progress` sent before `job.completed` may arrive after
 * it): never move an execution back from finished to running, nor its progress backwards.
 */
export function newerExecution<T extends Execution>(current: T, next: Execution): T {
  if (isFinished(current.status) && !isFinished(next.status)) return current;
  if (current.status === next.status && next.progress.done < current.progress.done) return current;
  // A detail keeps its per-session results; the event carries the execution row alone.
  return { ...current, ...next };
}

/**
 * Writes an execution an event (or the API) just gave us into its cached detail and every cached
 * list page that shows it. Answers whether any cached list showed it: a new execution is not in
 * any page yet, so the caller refetches the lists to place it.
 */
export function patchCachedExecution(queryClient: QueryClient, execution: Execution): boolean {
  queryClient.setQueryData<ExecutionDetail>(executionKeys.detail(execution.id), (current) =>
    current ? newerExecution(current, execution) : current,
  );
  let listed = false;
  queryClient.setQueriesData<ExecutionPage>({ queryKey: executionKeys.lists() }, (page) => {
    if (!page?.items.some((item) => item.id === execution.id)) return page;
    listed = true;
    return {
      ...page,
      items: page.items.map((item) => (item.id === execution.id ? newerExecution(item, execution) : item)),
    };
  });
  return listed;
}

/** The job's "last execution" badge follows its newest execution, in its detail and its list rows. */
export function patchCachedJobLastExecution(queryClient: QueryClient, execution: Execution): void {
  const lastExecution = { id: execution.id, status: execution.status, finishedAt: execution.finishedAt };
  const apply = (job: Job): Job => {
    const current = job.lastExecution;
    // A late `job.progress` of the same execution must not take a finished badge back.
    if (current?.id === execution.id && isFinished(current.status) && !isFinished(execution.status))
      return job;
    return { ...job, lastExecution };
  };
  queryClient.setQueryData<Job>(jobKeys.detail(execution.jobId), (job) => (job ? apply(job) : job));
  queryClient.setQueriesData<JobPage>({ queryKey: jobKeys.lists() }, (page) => {
    if (!page?.items.some((item) => item.id === execution.jobId)) return page;
    return { ...page, items: page.items.map((item) => (item.id === execution.jobId ? apply(item) : item)) };
  });
}

/** Stores a job the API just answered (after an edit, a pause, a resume) wherever it is cached. */
export function storeJob(queryClient: QueryClient, job: Job): void {
  queryClient.setQueryData(jobKeys.detail(job.id), job);
  queryClient.setQueriesData<JobPage>({ queryKey: jobKeys.lists() }, (page) => {
    if (!page?.items.some((item) => item.id === job.id)) return page;
    return { ...page, items: page.items.map((item) => (item.id === job.id ? job : item)) };
  });
}

import type { Execution, ExecutionDetail, ExecutionPage, Job, JobPage } from '@fleetwright/contracts';
import { QueryClient } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import { patchCachedExecution, patchCachedJobLastExecution } from './execution-cache';
import { executionKeys, jobKeys } from './query-keys';

const JOB_ID = '0b6f4f1e-5d0a-4c1e-9a43-6a4f1c2d3e4f';
const EXECUTION_ID = '6f1c2f7e-2a1b-4c3d-9e8f-0a1b2c3d4e5f';
const HISTORY = { page: 1, pageSize: 25, jobId: JOB_ID };

function execution(fields: Partial<Execution>): Execution {
  return {
    id: EXECUTION_ID,
    organizationId: '11111111-2222-4333-8444-555555555555',
    jobId: JOB_ID,
    jobName: 'prices',
    status: 'RUNNING',
    trigger: 'manual',
    attempt: 1,
    scheduledFor: '2026-12-07T10:00:00.000Z',
    startedAt: '2026-12-07T10:00:01.000Z',
    finishedAt: null,
    durationMs: null,
    progress: { total: 4, done: 1, failed: 0 },
    error: null,
    createdAt: '2026-12-07T10:00:00.000Z',
    ...fields,
  };
}

function job(fields: Partial<Job>): Job {
  return {
    id: JOB_ID,
    organizationId: '11111111-2222-4333-8444-555555555555',
    name: 'prices',
    description: '',
    tags: [],
    kind: 'flow',
    flow: { steps: [{ type: 'goto', url: '{{target}}', waitUntil: 'load' }] },
    scriptId: null,
    scriptVersion: null,
    targets: ['https://example.com/'],
    sessionTemplate: {},
    sessionsPerTarget: 1,
    inputs: {},
    schedule: { type: 'manual' },
    priority: 0,
    retries: { limit: 0, delaySeconds: 30, backoff: true },
    timeoutSeconds: 300,
    concurrency: 5,
    trace: false,
    notifications: [],
    paused: false,
    nextRunAt: null,
    lastExecution: null,
    createdAt: '2026-12-07T09:00:00.000Z',
    updatedAt: '2026-12-07T09:00:00.000Z',
    ...fields,
  };
}

function seed(): QueryClient {
  const queryClient = new QueryClient();
  const detail: ExecutionDetail = { ...execution({}), results: [] };
  queryClient.setQueryData(executionKeys.detail(EXECUTION_ID), detail);
  queryClient.setQueryData<ExecutionPage>(executionKeys.list(HISTORY), {
    items: [execution({})],
    total: 1,
    page: 1,
    pageSize: 25,
  });
  return queryClient;
}

describe('job.* events in the cache', () => {
  it('moves the progress of an open execution forward in its detail and its run history', () => {
    const queryClient = seed();
    const listed = patchCachedExecution(
      queryClient,
      execution({ progress: { total: 4, done: 3, failed: 1 } }),
    );
    expect(listed).toBe(true);
    const detail = queryClient.getQueryData<ExecutionDetail>(executionKeys.detail(EXECUTION_ID));
    expect(detail?.progress).toEqual({ total: 4, done: 3, failed: 1 });
    // The event carries the row alone: the detail keeps its per-session results.
    expect(detail?.results).toEqual([]);
    const page = queryClient.getQueryData<ExecutionPage>(executionKeys.list(HISTORY));
    expect(page?.items[0]?.progress.done).toBe(3);
  });

  it('never takes a finished execution back to running when a late progress event arrives', () => {
    const queryClient = seed();
    patchCachedExecution(
      queryClient,
      execution({ status: 'SUCCEEDED', progress: { total: 4, done: 4, failed: 0 }, durationMs: 5000 }),
    );
    patchCachedExecution(
      queryClient,
      execution({ status: 'RUNNING', progress: { total: 4, done: 3, failed: 0 } }),
    );
    const detail = queryClient.getQueryData<ExecutionDetail>(executionKeys.detail(EXECUTION_ID));
    expect(detail?.status).toBe('SUCCEEDED');
    expect(detail?.progress.done).toBe(4);
  });

  it('never moves progress backwards when events overtake each other', () => {
    const queryClient = seed();
    patchCachedExecution(queryClient, execution({ progress: { total: 4, done: 3, failed: 0 } }));
    patchCachedExecution(queryClient, execution({ progress: { total: 4, done: 2, failed: 0 } }));
    const page = queryClient.getQueryData<ExecutionPage>(executionKeys.list(HISTORY));
    expect(page?.items[0]?.progress.done).toBe(3);
  });

  it('tells the caller that a new execution is on no cached page, so the lists are fetched again', () => {
    const queryClient = seed();
    const other = execution({ id: '7a2d3e4f-5b6c-4d7e-8f90-1a2b3c4d5e6f', status: 'QUEUED' });
    expect(patchCachedExecution(queryClient, other)).toBe(false);
  });

  it("updates the job's last-execution badge in the jobs list and the job's page", () => {
    const queryClient = new QueryClient();
    queryClient.setQueryData(jobKeys.detail(JOB_ID), job({}));
    queryClient.setQueryData<JobPage>(jobKeys.list({ page: 1, pageSize: 50 }), {
      items: [job({})],
      total: 1,
      page: 1,
      pageSize: 50,
    });
    patchCachedJobLastExecution(
      queryClient,
      execution({ status: 'FAILED', finishedAt: '2026-12-07T10:01:00.000Z' }),
    );
    expect(queryClient.getQueryData<Job>(jobKeys.detail(JOB_ID))?.lastExecution).toEqual({
      id: EXECUTION_ID,
      status: 'FAILED',
      finishedAt: '2026-12-07T10:01:00.000Z',
    });
    const page = queryClient.getQueryData<JobPage>(jobKeys.list({ page: 1, pageSize: 50 }));
    expect(page?.items[0]?.lastExecution?.status).toBe('FAILED');
    // A late progress event of the same execution leaves the finished badge alone.
    patchCachedJobLastExecution(queryClient, execution({ status: 'RUNNING' }));
    expect(queryClient.getQueryData<Job>(jobKeys.detail(JOB_ID))?.lastExecution?.status).toBe('FAILED');
  });
});

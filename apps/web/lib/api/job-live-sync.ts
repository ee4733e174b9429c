'use client';

import type { ServerEvent } from '@fleetwright/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { getSocket, useSocketEvent } from '../socket';
import { patchCachedExecution, patchCachedJobLastExecution } from './execution-cache';
import { executionKeys, jobKeys } from './query-keys';

/** An execution of many sessions sends a progress event per finished session: refetch lists at most this often. */
const LIST_REFETCH_DELAY_MS = 1000;

/**
 * Keeps the jobs and executions pages in step with `job.started|progress|completed|failed`: the
 * execution is patched where it is cached (detail, run history, the job's last-execution badge);
 * a finished one's detail is fetched again for its per-session results, data and artifacts. The
 * organization room is joined by the session live sync.
 */
export function useJobLiveSync(): void {
  const queryClient = useQueryClient();
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );
  const refetchLists = () => {
    if (timer.current) return;
    timer.current = setTimeout(() => {
      timer.current = null;
      void queryClient.invalidateQueries({ queryKey: executionKeys.lists() });
      void queryClient.invalidateQueries({ queryKey: jobKeys.lists() });
    }, LIST_REFETCH_DELAY_MS);
  };

  // Events missed while disconnected are gone: refetch what is shown after a reconnect.
  useEffect(() => {
    const socket = getSocket();
    let connectedBefore = socket.connected;
    const onConnect = () => {
      if (connectedBefore) {
        void queryClient.invalidateQueries({ queryKey: executionKeys.all });
        void queryClient.invalidateQueries({ queryKey: jobKeys.all });
      }
      connectedBefore = true;
    };
    socket.on('connect', onConnect);
    return () => {
      socket.off('connect', onConnect);
    };
  }, [queryClient]);

  const onExecution = ({ execution }: ServerEvent<'job.progress'>, finished: boolean) => {
    const listed = patchCachedExecution(queryClient, execution);
    patchCachedJobLastExecution(queryClient, execution);
    if (finished) {
      void queryClient.invalidateQueries({ queryKey: executionKeys.detail(execution.id) });
      void queryClient.invalidateQueries({ queryKey: executionKeys.logs(execution.id) });
      // The next run of a recurring job moved on.
      void queryClient.invalidateQueries({ queryKey: jobKeys.detail(execution.jobId) });
    }
    if (!listed || finished) refetchLists();
  };
  useSocketEvent('job.started', (event) => onExecution(event, false));
  useSocketEvent('job.progress', (event) => {
    onExecution(event, false);
    // A session finished: its result (steps, data, screenshots) is on the detail page.
    void queryClient.invalidateQueries({ queryKey: executionKeys.detail(event.execution.id) });
  });
  useSocketEvent('job.completed', (event) => onExecution(event, true));
  useSocketEvent('job.failed', (event) => onExecution(event, true));
  useSocketEvent('job.cancelled', (event) => onExecution(event, true));
}

'use client';

import type { ServerEvent } from '@fleetwright/contracts';
import { type QueryClient, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { getSocket, useSocketEvent, useSocketSubscription } from '../socket';
import {
  appendCachedLog,
  appendCachedMetric,
  forgetInstance,
  patchCachedInstance,
  storeInstance,
} from './instance-cache';
import { instanceKeys, workerKeys } from './query-keys';

/**
 * After a burst of events, refetch list pages once: a status change can move a row out of a
 * filtered page, and created/deleted rows shift pagination. Cached rows are patched at once.
 */
const LIST_REFETCH_DELAY_MS = 750;

function useDebouncedListRefetch(queryClient: QueryClient): () => void {
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );
  return () => {
    if (timer.current) return;
    timer.current = setTimeout(() => {
      timer.current = null;
      void queryClient.invalidateQueries({ queryKey: instanceKeys.lists() });
    }, LIST_REFETCH_DELAY_MS);
  };
}

/**
 * Keeps the TanStack Query cache in step with the organization's instance events, so every
 * page (list, detail) updates without a reload. Mounted once, in the dashboard layout.
 */
export function useInstanceLiveSync(): void {
  const queryClient = useQueryClient();
  const refetchLists = useDebouncedListRefetch(queryClient);
  useSocketSubscription({ organization: true });

  // Events missed while disconnected are gone: refetch everything shown after a reconnect.
  useEffect(() => {
    const socket = getSocket();
    let connectedBefore = socket.connected;
    const onConnect = () => {
      if (connectedBefore) {
        void queryClient.invalidateQueries({ queryKey: instanceKeys.all });
        void queryClient.invalidateQueries({ queryKey: workerKeys.all });
      }
      connectedBefore = true;
    };
    socket.on('connect', onConnect);
    return () => {
      socket.off('connect', onConnect);
    };
  }, [queryClient]);

  const onStatus = (event: ServerEvent<'instance.status'>) => {
    patchCachedInstance(queryClient, event.instanceId, (instance) => ({
      ...instance,
      status: event.status,
      workerId: event.workerId ?? instance.workerId,
      lastError: event.status === 'ERROR' ? (event.reason ?? instance.lastError) : instance.lastError,
    }));
    // Timestamps, restart count, PID: fetch the authoritative row of an open detail page.
    void queryClient.invalidateQueries({ queryKey: instanceKeys.detail(event.instanceId) });
    refetchLists();
  };
  useSocketEvent('instance.status', onStatus);
  // Servers emit the named transition events as well as `instance.status`; handling both is
  // idempotent, and covers a server that only sends one of them.
  useSocketEvent('instance.started', onStatus);
  useSocketEvent('instance.stopped', onStatus);
  useSocketEvent('instance.error', onStatus);

  useSocketEvent('instance.created', () => refetchLists());
  useSocketEvent('instance.updated', ({ instance }) => storeInstance(queryClient, instance));
  useSocketEvent('instance.deleted', ({ instanceId }) => {
    forgetInstance(queryClient, instanceId);
    refetchLists();
  });
  useSocketEvent('instance.url_changed', ({ instanceId, url, at }) =>
    patchCachedInstance(queryClient, instanceId, { currentUrl: url, lastActivityAt: at }),
  );
  useSocketEvent('instance.log', ({ organizationId: _organizationId, ...log }) =>
    appendCachedLog(queryClient, log),
  );
  useSocketEvent('instance.metrics', ({ organizationId: _organizationId, ...metric }) =>
    appendCachedMetric(queryClient, metric),
  );
}

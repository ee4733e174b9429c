'use client';

import type { ServerEvent } from '@fleetwright/contracts';
import { type QueryClient, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { getSocket, useSocketEvent, useSocketSubscription } from '../socket';
import { sessionKeys, workerKeys } from './query-keys';
import {
  appendCachedLog,
  appendCachedMetric,
  forgetSession,
  patchCachedSession,
  storeSession,
} from './session-cache';

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
      void queryClient.invalidateQueries({ queryKey: sessionKeys.lists() });
    }, LIST_REFETCH_DELAY_MS);
  };
}

/**
 * Keeps the TanStack Query cache in step with the organization's session events, so every
 * page (list, detail) updates without a reload. Mounted once, in the dashboard layout.
 */
export function useSessionLiveSync(): void {
  const queryClient = useQueryClient();
  const refetchLists = useDebouncedListRefetch(queryClient);
  useSocketSubscription({ organization: true });

  // Events missed while disconnected are gone: refetch everything shown after a reconnect.
  useEffect(() => {
    const socket = getSocket();
    let connectedBefore = socket.connected;
    const onConnect = () => {
      if (connectedBefore) {
        void queryClient.invalidateQueries({ queryKey: sessionKeys.all });
        void queryClient.invalidateQueries({ queryKey: workerKeys.all });
      }
      connectedBefore = true;
    };
    socket.on('connect', onConnect);
    return () => {
      socket.off('connect', onConnect);
    };
  }, [queryClient]);

  const onStatus = (event: ServerEvent<'session.status'>) => {
    patchCachedSession(queryClient, event.sessionId, (session) => ({
      ...session,
      status: event.status,
      workerId: event.workerId ?? session.workerId,
      lastError: event.status === 'ERROR' ? (event.reason ?? session.lastError) : session.lastError,
    }));
    // Timestamps, restart count, PID: fetch the authoritative row of an open detail page.
    void queryClient.invalidateQueries({ queryKey: sessionKeys.detail(event.sessionId) });
    refetchLists();
  };
  useSocketEvent('session.status', onStatus);
  // Servers emit the named transition events as well as `session.status`; handling both is
  // idempotent, and covers a server that only sends one of them.
  useSocketEvent('session.started', onStatus);
  useSocketEvent('session.stopped', onStatus);
  useSocketEvent('session.error', onStatus);

  useSocketEvent('session.created', () => refetchLists());
  useSocketEvent('session.updated', ({ session }) => storeSession(queryClient, session));
  useSocketEvent('session.deleted', ({ sessionId }) => {
    forgetSession(queryClient, sessionId);
    refetchLists();
  });
  useSocketEvent('session.url_changed', ({ sessionId, url, at }) =>
    patchCachedSession(queryClient, sessionId, { currentUrl: url, lastActivityAt: at }),
  );
  useSocketEvent('session.log', ({ organizationId: _organizationId, ...log }) =>
    appendCachedLog(queryClient, log),
  );
  useSocketEvent('session.metrics', ({ organizationId: _organizationId, ...metric }) =>
    appendCachedMetric(queryClient, metric),
  );
}

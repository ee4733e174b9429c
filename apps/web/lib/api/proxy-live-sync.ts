'use client';

import type { ProxyValidation } from '@fleetwright/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { useSocketEvent } from '../socket';
import { patchCachedProxy } from './proxy-cache';
import { proxyKeys } from './query-keys';

/** A run checks hundreds of proxies a second: refetch the list and the map at most this often. */
const POOL_REFETCH_DELAY_MS = 1500;

/** Events can overtake each other: never move a run's progress backwards. */
function newerProgress(current: ProxyValidation | undefined, next: ProxyValidation): ProxyValidation {
  if (!current) return next;
  return next.checked >= current.checked || current.status === 'QUEUED' ? next : current;
}

/**
 * Keeps the proxies pages in step with `proxy.validated` (a run's progress and the checked proxy)
 * and `proxy.health_check` events. The organization room is joined by the session live sync.
 */
export function useProxyLiveSync(): void {
  const queryClient = useQueryClient();
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );
  // A status change can move a row out of a filtered page and a country into the map.
  const refetchPool = () => {
    if (timer.current) return;
    timer.current = setTimeout(() => {
      timer.current = null;
      void queryClient.invalidateQueries({ queryKey: proxyKeys.lists() });
      void queryClient.invalidateQueries({ queryKey: proxyKeys.countries() });
    }, POOL_REFETCH_DELAY_MS);
  };

  useSocketEvent('proxy.validated', ({ proxy, validation }) => {
    patchCachedProxy(queryClient, proxy);
    // The drawer's check history, when open on this proxy, gains the run's check.
    void queryClient.invalidateQueries({ queryKey: [...proxyKeys.all, 'checks', proxy.id] });
    queryClient.setQueryData<ProxyValidation>(proxyKeys.validation(validation.id), (current) =>
      newerProgress(current, validation),
    );
    refetchPool();
  });
  useSocketEvent('proxy.health_check', ({ proxyId }) => {
    void queryClient.invalidateQueries({ queryKey: proxyKeys.detail(proxyId) });
    void queryClient.invalidateQueries({ queryKey: [...proxyKeys.all, 'checks', proxyId] });
    refetchPool();
  });
}

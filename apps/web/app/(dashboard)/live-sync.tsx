'use client';

import { useJobLiveSync } from '@/lib/api/job-live-sync';
import { useSessionLiveSync } from '@/lib/api/live-sync';
import { useProxyLiveSync } from '@/lib/api/proxy-live-sync';

/** Subscribes to the organization's events for every dashboard page; renders nothing. */
export function LiveSync() {
  useSessionLiveSync();
  useProxyLiveSync();
  useJobLiveSync();
  return null;
}

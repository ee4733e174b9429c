'use client';

import { useSessionLiveSync } from '@/lib/api/live-sync';

/** Subscribes to the organization's events for every dashboard page; renders nothing. */
export function LiveSync() {
  useSessionLiveSync();
  return null;
}

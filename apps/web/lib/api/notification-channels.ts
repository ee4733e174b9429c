'use client';

import type {
  CreateNotificationChannel,
  NotificationChannel,
  NotificationTestResult,
  UpdateNotificationChannel,
} from '@fleetwright/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from './client';
import { notificationChannelKeys } from './query-keys';
import type { ListPage } from './webhooks';

/** An organization has a handful of channels: one page holds them all. */
const LIST_PAGE_SIZE = 200;

const channelPath = (id: string) => `/notification-channels/${encodeURIComponent(id)}`;

export function useNotificationChannels() {
  return useQuery({
    queryKey: notificationChannelKeys.all,
    queryFn: async ({ signal }) =>
      (
        await apiFetch<ListPage<NotificationChannel>>('/notification-channels', {
          query: { pageSize: LIST_PAGE_SIZE },
          signal,
        })
      ).items,
  });
}

/** Creates (no id) or changes a channel; secret parts left out of a change stay as they were. */
export function useSaveNotificationChannel() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (
      input:
        | { id?: undefined; body: CreateNotificationChannel }
        | { id: string; body: UpdateNotificationChannel },
    ) =>
      input.id === undefined
        ? apiFetch<NotificationChannel>('/notification-channels', { method: 'POST', body: input.body })
        : apiFetch<NotificationChannel>(channelPath(input.id), { method: 'PATCH', body: input.body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: notificationChannelKeys.all }),
  });
}

export function useDeleteNotificationChannel() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiFetch<void>(channelPath(id), { method: 'DELETE' }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: notificationChannelKeys.all }),
  });
}

/** Sends a test message now; the answer says whether it went through. */
export function useTestNotificationChannel() {
  return useMutation({
    mutationFn: (id: string) =>
      apiFetch<NotificationTestResult>(`${channelPath(id)}/test`, { method: 'POST' }),
  });
}

'use client';

import type {
  CreateWebhook,
  UpdateWebhook,
  Webhook,
  WebhookDelivery,
  WebhookDeliveryDetail,
  WebhookListItem,
  WebhookWithSecret,
} from '@fleetwright/contracts';
import {
  keepPreviousData,
  type QueryClient,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import { apiFetch } from './client';
import { type WebhookDeliveryListParams, webhookKeys } from './query-keys';

/** An organization has a handful of webhooks: one page holds them all. */
const LIST_PAGE_SIZE = 200;
/** While a delivery may still be retried, its rows are asked for again this often. */
const PENDING_REFRESH_MS = 3_000;

/** One page of a list, as every list route answers. */
export interface ListPage<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

const webhookPath = (id: string) => `/webhooks/${encodeURIComponent(id)}`;
const deliveryPath = (id: string, deliveryId: string) =>
  `${webhookPath(id)}/deliveries/${encodeURIComponent(deliveryId)}`;

/** The webhooks with their last delivery; refreshed while one of those may still be retried. */
export function useWebhooks() {
  return useQuery({
    queryKey: webhookKeys.lists(),
    queryFn: async ({ signal }) =>
      (
        await apiFetch<ListPage<WebhookListItem>>('/webhooks', {
          query: { pageSize: LIST_PAGE_SIZE },
          signal,
        })
      ).items,
    refetchInterval: (query) =>
      query.state.data?.some((webhook) => webhook.lastDelivery?.status === 'PENDING')
        ? PENDING_REFRESH_MS
        : false,
  });
}

export function useWebhook(id: string) {
  return useQuery({
    queryKey: webhookKeys.detail(id),
    queryFn: ({ signal }) => apiFetch<Webhook>(webhookPath(id), { signal }),
  });
}

/** A webhook's deliveries, newest first; refreshed while one of them is still PENDING. */
export function useWebhookDeliveries(id: string, params: WebhookDeliveryListParams) {
  return useQuery({
    queryKey: webhookKeys.deliveryList(id, params),
    queryFn: ({ signal }) =>
      apiFetch<ListPage<WebhookDelivery>>(`${webhookPath(id)}/deliveries`, { query: { ...params }, signal }),
    placeholderData: keepPreviousData,
    refetchInterval: (query) =>
      query.state.data?.items.some((delivery) => delivery.status === 'PENDING') ? PENDING_REFRESH_MS : false,
  });
}

export function useWebhookDelivery(id: string, deliveryId: string | null) {
  return useQuery({
    queryKey: webhookKeys.delivery(id, deliveryId ?? ''),
    queryFn: ({ signal }) => apiFetch<WebhookDeliveryDetail>(deliveryPath(id, deliveryId ?? ''), { signal }),
    enabled: deliveryId !== null,
    refetchInterval: (query) => (query.state.data?.status === 'PENDING' ? PENDING_REFRESH_MS : false),
  });
}

/** Creates (no id) or changes a webhook; a creation answers the signing secret, this once. */
export function useSaveWebhook() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { id?: undefined; body: CreateWebhook } | { id: string; body: UpdateWebhook }) =>
      input.id === undefined
        ? apiFetch<WebhookWithSecret>('/webhooks', { method: 'POST', body: input.body })
        : apiFetch<Webhook>(webhookPath(input.id), { method: 'PATCH', body: input.body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: webhookKeys.all }),
  });
}

export function useDeleteWebhook() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiFetch<void>(webhookPath(id), { method: 'DELETE' }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: webhookKeys.all }),
  });
}

/** A new signing secret, answered this once; the old one stops working at once. */
export function useRotateWebhookSecret() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      apiFetch<WebhookWithSecret>(`${webhookPath(id)}/rotate-secret`, { method: 'POST' }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: webhookKeys.all }),
  });
}

/** A webhook's deliveries, and the list whose last-delivery column may now change. */
function invalidateDeliveries(queryClient: QueryClient, id: string): Promise<unknown> {
  return Promise.all([
    queryClient.invalidateQueries({ queryKey: webhookKeys.deliveries(id) }),
    queryClient.invalidateQueries({ queryKey: webhookKeys.lists() }),
  ]);
}

/** Queues a `webhook.ping` delivery; it shows up in the deliveries at once, as PENDING. */
export function useSendWebhookPing() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiFetch<WebhookDelivery>(`${webhookPath(id)}/test`, { method: 'POST' }),
    onSuccess: (_delivery, id) => invalidateDeliveries(queryClient, id),
  });
}

/** Sends a delivery again, same id and body: receivers that deduplicate on the id see it once. */
export function useRedeliver() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, deliveryId }: { id: string; deliveryId: string }) =>
      apiFetch<WebhookDelivery>(`${deliveryPath(id, deliveryId)}/redeliver`, { method: 'POST' }),
    onSuccess: (_delivery, { id }) => invalidateDeliveries(queryClient, id),
  });
}

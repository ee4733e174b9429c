'use client';

import type { CreateSecret, Secret, UpdateSecret } from '@fleetwright/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from './client';
import { secretKeys } from './query-keys';
import type { ListPage } from './webhooks';

/** An organization keeps tens of secrets, not thousands: one page (the API's largest) holds them. */
const LIST_PAGE_SIZE = 200;

const secretPath = (id: string) => `/secrets/${encodeURIComponent(id)}`;

/** The organization's secrets by name; the API never answers a value. */
export function useSecrets() {
  return useQuery({
    queryKey: secretKeys.all,
    queryFn: async ({ signal }) =>
      (await apiFetch<ListPage<Secret>>('/secrets', { query: { pageSize: LIST_PAGE_SIZE }, signal })).items,
  });
}

/** Creates a secret (no id) or replaces its value; the value goes one way, to the server. */
export function useSaveSecret() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { id?: undefined; body: CreateSecret } | { id: string; body: UpdateSecret }) =>
      input.id === undefined
        ? apiFetch<Secret>('/secrets', { method: 'POST', body: input.body })
        : apiFetch<Secret>(secretPath(input.id), { method: 'PATCH', body: input.body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: secretKeys.all }),
  });
}

export function useDeleteSecret() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiFetch<void>(secretPath(id), { method: 'DELETE' }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: secretKeys.all }),
  });
}

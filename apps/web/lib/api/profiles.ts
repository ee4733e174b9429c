'use client';

import type { CreateProfile, Profile, UpdateProfile } from '@fleetwright/contracts';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from './client';
import { profileKeys, sessionKeys } from './query-keys';
import type { ListPage } from './webhooks';

/** An organization keeps tens of profiles, not thousands: one page (the API's largest) holds them. */
const LIST_PAGE_SIZE = 200;

const profilePath = (id: string) => `/profiles/${encodeURIComponent(id)}`;

/** One page of the organization's profiles by name: sizes, cookie counts, origins; never a value. */
export function useProfilePage(params: { page: number; pageSize: number }) {
  return useQuery({
    queryKey: profileKeys.page(params),
    queryFn: ({ signal }) => apiFetch<ListPage<Profile>>('/profiles', { query: params, signal }),
    placeholderData: keepPreviousData,
  });
}

/** Every profile of the organization (a picker's choices). */
export function useProfiles(options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: profileKeys.whole(),
    queryFn: async ({ signal }) =>
      (await apiFetch<ListPage<Profile>>('/profiles', { query: { pageSize: LIST_PAGE_SIZE }, signal })).items,
    enabled: options.enabled ?? true,
  });
}

/** Saves a running session's storage as a profile (the server asks the session's worker for it). */
export function useCreateProfile() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateProfile) => apiFetch<Profile>('/profiles', { method: 'POST', body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: profileKeys.all }),
  });
}

export function useRenameProfile() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { id: string; body: UpdateProfile }) =>
      apiFetch<Profile>(profilePath(input.id), { method: 'PATCH', body: input.body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: profileKeys.all }),
  });
}

/** Deletes a profile; sessions that named it no longer do, so their views are refreshed too. */
export function useDeleteProfile() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiFetch<void>(profilePath(id), { method: 'DELETE' }),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: profileKeys.all }),
        queryClient.invalidateQueries({ queryKey: sessionKeys.all }),
      ]),
  });
}

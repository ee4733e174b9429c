'use client';

import type { Me, UpdateUserPreferences, UserPreferences } from '@fleetwright/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from './client';
import { accountKeys } from './query-keys';

/**
 * Saves the signed-in user's language or theme. The cached /me changes at once, so the dashboard
 * does not switch back while the request is under way.
 */
export function useUpdatePreferences() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (changes: UpdateUserPreferences) =>
      apiFetch<UserPreferences>('/me/preferences', { method: 'PATCH', body: changes }),
    onMutate: (changes) => {
      const before = queryClient.getQueryData<Me>(accountKeys.me);
      if (before?.preferences) {
        queryClient.setQueryData<Me>(accountKeys.me, {
          ...before,
          preferences: { ...before.preferences, ...changes },
        });
      }
      return { before };
    },
    onError: (_error, _changes, context) => {
      if (context?.before) queryClient.setQueryData(accountKeys.me, context.before);
    },
    onSuccess: (preferences) => {
      const me = queryClient.getQueryData<Me>(accountKeys.me);
      if (me) queryClient.setQueryData<Me>(accountKeys.me, { ...me, preferences });
    },
  });
}

'use client';

import type { AuthOptions, Me, Permission } from '@fleetwright/contracts';
import { useQuery } from '@tanstack/react-query';
import { apiFetch, rememberCsrfToken } from './client';
import { accountKeys } from './query-keys';

/** Who is signed in, for which organization, with which permissions; also refreshes the CSRF token. */
export async function fetchMe(
  options: { signal?: AbortSignal; onUnauthenticated?: 'redirect' | 'throw' } = {},
) {
  const me = await apiFetch<Me>('/me', options);
  rememberCsrfToken(me.csrfToken);
  return me;
}

/** The signed-in caller; a 401 sends the browser to the sign-in page. */
export function useMe() {
  return useQuery({
    queryKey: accountKeys.me,
    queryFn: ({ signal }) => fetchMe({ signal }),
    staleTime: 60_000,
  });
}

/**
 * The caller inside the dashboard, where UserSessionGate has loaded it before rendering anything:
 * never undefined there.
 */
export function useUserSession(): Me {
  const { data } = useMe();
  if (!data) throw new Error('useUserSession is only for components inside the UserSessionGate.');
  return data;
}

/** Whether the caller's role allows `permission` (VIEWER: read; USER: write; ADMIN: admin). */
export function useCan(permission: Permission): boolean {
  const { data } = useMe();
  return data?.permissions.includes(permission) ?? false;
}

/**
 * Whether the signed-in user administers the platform (every organization's plan, the mail
 * outbox, the workers); unrelated to their role in the organization.
 */
export function useIsPlatformAdmin(): boolean {
  const { data } = useMe();
  return data?.user?.isAdmin ?? false;
}

/** Public, no session needed: providers, sign-up mode, whether the first account is still missing. */
export function useAuthOptions() {
  return useQuery({
    queryKey: accountKeys.options,
    queryFn: ({ signal }) => apiFetch<AuthOptions>('/auth/options', { signal }),
    staleTime: 60_000,
  });
}

import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { isApiError } from './client';
import { accountKeys } from './query-keys';

/** Client errors (4xx) will not fix themselves: retry only network failures and 5xx, twice. */
function shouldRetry(failureCount: number, error: unknown): boolean {
  if (isApiError(error) && error.status >= 400 && error.status < 500) return false;
  return failureCount < 2;
}

export function makeQueryClient(): QueryClient {
  // A 401 already sent the browser to the sign-in page (apiFetch). Losing the organization
  // (removed by an administrator) shows up on any call: reload /me, and the UserSessionGate shows
  // the no-organization page instead of a page of failures.
  const onError = (error: unknown) => {
    if (isApiError(error) && error.code === 'NO_ORGANIZATION') {
      void client.invalidateQueries({ queryKey: accountKeys.me });
    }
  };
  const client: QueryClient = new QueryClient({
    queryCache: new QueryCache({ onError }),
    mutationCache: new MutationCache({ onError }),
    defaultOptions: {
      queries: {
        // Live events keep cached data fresh; refetching on every mount would only add load.
        staleTime: 15_000,
        retry: shouldRetry,
        refetchOnWindowFocus: false,
      },
      mutations: { retry: false },
    },
  });
  return client;
}

let browserQueryClient: QueryClient | undefined;

/** One client per server render, one for the lifetime of the browser tab. */
export function getQueryClient(): QueryClient {
  if (typeof window === 'undefined') return makeQueryClient();
  browserQueryClient ??= makeQueryClient();
  return browserQueryClient;
}

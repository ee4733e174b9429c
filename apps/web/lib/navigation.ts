/** Where the dashboard starts after a sign-in without a `next`. */
export const HOME_PATH = '/instances';

/**
 * A `next` parameter that is safe to follow: a path on this origin (never `//host` or a full
 * URL, which would make the sign-in page an open redirect) and not an API address.
 */
export function safeNextPath(value: string | null | undefined, fallback = HOME_PATH): string {
  if (!value?.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return fallback;
  if (value === '/api' || value.startsWith('/api/')) return fallback;
  return value;
}

export function signInPath(next?: string): string {
  return next && next !== '/' ? `/sign-in?next=${encodeURIComponent(next)}` : '/sign-in';
}

/** Whether a redirect to the sign-in page is already under way (several queries fail at once). */
let redirecting = false;

/** Full navigation, so the query cache, the socket and the CSRF token start afresh after sign-in. */
export function redirectToSignIn(): void {
  if (typeof window === 'undefined' || redirecting) return;
  const { pathname, search } = window.location;
  if (pathname === '/sign-in') return;
  redirecting = true;
  window.location.assign(signInPath(`${pathname}${search}`));
}

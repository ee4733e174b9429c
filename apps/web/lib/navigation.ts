/** Where the dashboard starts after a sign-in without a `next`. */
export const HOME_PATH = '/sessions';

/** Any origin would do: it only has to be one no `next` can name (`.invalid` never resolves). */
const PARSE_ORIGIN = 'http://next.invalid';

/**
 * A `next` parameter that is safe to follow: a path on this origin (never `//host`, `/\host` or a
 * full URL, which would make the sign-in page an open redirect) and not an API address. Parsed the
 * way the browser will follow it, so what a browser drops or rewrites (tabs and newlines anywhere,
 * `/./`) cannot turn an accepted path into another origin: `/\t/evil.test` is `//evil.test`.
 */
export function safeNextPath(value: string | null | undefined, fallback = HOME_PATH): string {
  if (!value?.startsWith('/')) return fallback;
  let url: URL;
  try {
    url = new URL(value, PARSE_ORIGIN);
  } catch {
    return fallback;
  }
  if (url.origin !== PARSE_ORIGIN) return fallback;
  if (url.pathname === '/api' || url.pathname.startsWith('/api/')) return fallback;
  return `${url.pathname}${url.search}${url.hash}`;
}

export function signInPath(next?: string): string {
  return next && next !== '/' ? `/sign-in?next=${encodeURIComponent(next)}` : '/sign-in';
}

/**
 * Where the mailed confirmation link lands (through /api/auth/verify-email, which signs the person
 * in): the /verify-email page, which then continues to `next`. Sign-up, sign-in and the page itself
 * all ask for the mail with this `callbackURL`.
 */
export function verifyEmailPath(next: string): string {
  return next === HOME_PATH ? '/verify-email' : `/verify-email?next=${encodeURIComponent(next)}`;
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

/** Anything that carries `Set-Cookie` headers: a `fetch` response or just its headers. */
export type SetCookieSource =
  | { headers: { getSetCookie(): string[] } }
  | { getSetCookie(): string[] }
  /** Raw header values, as in `app.inject()`'s `response.headers['set-cookie']`. */
  | string
  | readonly string[]
  | undefined;

/**
 * The cookies one browser holds for one site, for tests that drive a server with `fetch` or `app.inject()`.
 *
 * Deliberately tiny: cookies are keyed by name only, so use one jar per origin (Domain, Path, Secure and
 * SameSite are ignored and every cookie is sent on every request). A cookie is removed when a response
 * sets it to an empty value, with `Max-Age` of 0 or less, or with an `Expires` date in the past; other
 * expiry dates are not tracked. Values are kept exactly as the server wrote them (no decoding).
 */
export class CookieJar {
  readonly #cookies = new Map<string, string>();

  /** Applies every `Set-Cookie` header of a response, in order. */
  store(source: SetCookieSource): void {
    for (const line of setCookieLines(source)) {
      const [pair = '', ...attributes] = line.split(';');
      const equals = pair.indexOf('=');
      if (equals <= 0) continue;
      const name = pair.slice(0, equals).trim();
      const value = pair.slice(equals + 1).trim();
      if (value === '' || value === '""' || isExpired(attributes)) {
        this.#cookies.delete(name);
      } else {
        this.#cookies.set(name, value);
      }
    }
  }

  /** The value of one cookie, as the server wrote it. */
  get(name: string): string | undefined {
    return this.#cookies.get(name);
  }

  /** Adds or replaces a cookie, as if a response had set it. */
  set(name: string, value: string): void {
    this.#cookies.set(name, value);
  }

  /** The names of the cookies held, in the order they were first set. */
  names(): string[] {
    return [...this.#cookies.keys()];
  }

  /** The value for a `cookie` request header; `''` when the jar is empty (send no header then). */
  header(): string {
    return [...this.#cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }
}

function setCookieLines(source: SetCookieSource): readonly string[] {
  if (source === undefined) return [];
  if (typeof source === 'string') return [source];
  if (isStringArray(source)) return source;
  if ('headers' in source) return source.headers.getSetCookie();
  return source.getSetCookie();
}

function isStringArray(source: SetCookieSource): source is readonly string[] {
  return Array.isArray(source);
}

function isExpired(attributes: string[]): boolean {
  for (const attribute of attributes) {
    const equals = attribute.indexOf('=');
    const key = (equals === -1 ? attribute : attribute.slice(0, equals)).trim().toLowerCase();
    const value = equals === -1 ? '' : attribute.slice(equals + 1).trim();
    // Max-Age wins over Expires when both are present (RFC 6265 §5.3 step 3).
    if (key === 'max-age') return Number(value) <= 0;
  }
  for (const attribute of attributes) {
    const equals = attribute.indexOf('=');
    if (equals === -1 || attribute.slice(0, equals).trim().toLowerCase() !== 'expires') continue;
    const expires = Date.parse(attribute.slice(equals + 1).trim());
    return !Number.isNaN(expires) && expires <= Date.now();
  }
  return false;
}

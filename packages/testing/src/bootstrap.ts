/**
 * Creates the first account (the administrator, through the setup token) and an API key for it,
 * through the real endpoints, for suites that test something else than accounts and need a caller.
 */
import { CookieJar } from './cookie-jar.ts';

/** One HTTP call, however the suite makes them (fetch to a listening server, or app.inject). */
export type HttpCall = (request: {
  method: string;
  url: string;
  headers?: Record<string, string>;
  body?: unknown;
}) => Promise<{ status: number; headers: Headers; body: unknown }>;

/** HttpCall through fetch to a listening server: JSON in, JSON (or text) out. */
export function fetchCall(baseUrl: string): HttpCall {
  return async (request) => {
    const response = await fetch(`${baseUrl}${request.url}`, {
      method: request.method,
      headers: {
        ...request.headers,
        ...(request.body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: request.body === undefined ? undefined : JSON.stringify(request.body),
    });
    const text = await response.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {}
    return { status: response.status, headers: response.headers, body };
  };
}

export interface Administrator {
  email: string;
  password: string;
  /** `name=value; …` for the session cookie(s). */
  cookie: string;
  csrfToken: string;
  /** An API key with every scope. */
  apiKey: string;
  organizationId: string;
}

export const TEST_ADMIN = {
  name: 'Ada Admin',
  email: 'admin@example.test',
  password: 'correct horse battery staple',
};

export async function bootstrapAdministrator(
  call: HttpCall,
  options: { setupToken: string; origin: string },
): Promise<Administrator> {
  const { origin } = options;
  const expect = (what: string, response: { status: number; body: unknown }, status: number) => {
    if (response.status !== status)
      throw new Error(`${what} answered ${response.status}: ${JSON.stringify(response.body)}`);
  };
  const signUp = await call({
    method: 'POST',
    url: '/api/auth/sign-up/email',
    headers: { origin },
    body: { ...TEST_ADMIN, acceptTerms: true, setupToken: options.setupToken },
  });
  expect('sign-up', signUp, 200);
  const signIn = await call({
    method: 'POST',
    url: '/api/auth/sign-in/email',
    headers: { origin },
    body: { email: TEST_ADMIN.email, password: TEST_ADMIN.password },
  });
  expect('sign-in', signIn, 200);
  const jar = new CookieJar();
  jar.store(signIn.headers);
  const cookie = jar.header();
  const me = await call({ method: 'GET', url: '/api/v1/me', headers: { cookie } });
  expect('GET /me', me, 200);
  const { csrfToken, organization } = me.body as { csrfToken: string; organization: { id: string } };
  const created = await call({
    method: 'POST',
    url: '/api/v1/api-keys',
    headers: { cookie, origin, 'x-csrf-token': csrfToken },
    body: { name: 'test suite', scopes: ['read', 'write', 'admin'] },
  });
  expect('POST /api-keys', created, 201);
  return {
    email: TEST_ADMIN.email,
    password: TEST_ADMIN.password,
    cookie,
    csrfToken,
    apiKey: (created.body as { key: string }).key,
    organizationId: organization.id,
  };
}

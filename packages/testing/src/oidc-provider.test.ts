import { createHash, createPublicKey, type JsonWebKey, randomBytes, verify } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CookieJar } from './cookie-jar.ts';
import { followOidcRedirects } from './follow-oidc-redirects.ts';
import { startTestOidcProvider, type TestOidcProvider } from './oidc-provider.ts';

interface Discovery {
  issuer: string;
  authorization_endpoint: string;
  token_endpoint: string;
  jwks_uri: string;
}

const client = { clientId: 'fleetwright', clientSecret: 'a-long-test-secret-of-32-characters!' };
const ada = { sub: 'ada-1', email: 'ada@example.test', emailVerified: true, name: 'Ada Lovelace' };
const grace = { sub: 'grace-2', email: 'grace@example.test', emailVerified: false, name: 'Grace Hopper' };

let provider: TestOidcProvider;
/** A relying party that only has to exist: tests read the callback URL before it is requested. */
let relyingParty: http.Server;
let appOrigin: string;
let redirectUri: string;
let discovery: Discovery;

beforeAll(async () => {
  // The provider starts before the app listens, as in the accounts tests: redirect URIs come later.
  provider = await startTestOidcProvider({ ...client, identities: [ada] });
  relyingParty = http.createServer((_req, res) => res.end('signed in'));
  await new Promise<void>((resolve) => relyingParty.listen(0, '127.0.0.1', resolve));
  appOrigin = `http://127.0.0.1:${(relyingParty.address() as AddressInfo).port}`;
  redirectUri = `${appOrigin}/api/auth/oauth2/callback/test`;
  await provider.setRedirectUris([redirectUri]);
  discovery = (await (await fetch(provider.discoveryUrl)).json()) as Discovery;
});

afterAll(async () => {
  await provider?.close();
  relyingParty?.closeAllConnections();
  await new Promise<void>((resolve) => relyingParty?.close(() => resolve()));
});

/** What a relying party puts in the authorization URL, and keeps to check the answer. */
function authorizationRequest(overrides: Record<string, string> = {}) {
  const state = randomBytes(8).toString('hex');
  const nonce = randomBytes(8).toString('hex');
  const verifier = randomBytes(32).toString('base64url');
  const url = new URL(discovery.authorization_endpoint);
  for (const [name, value] of Object.entries({
    response_type: 'code',
    client_id: client.clientId,
    redirect_uri: redirectUri,
    scope: 'openid email profile',
    state,
    nonce,
    code_challenge: createHash('sha256').update(verifier).digest('base64url'),
    code_challenge_method: 'S256',
    ...overrides,
  })) {
    url.searchParams.set(name, value);
  }
  return { url, state, nonce, verifier };
}

async function exchangeCode(code: string, verifier: string): Promise<Record<string, unknown>> {
  const basic = Buffer.from(
    `${encodeURIComponent(client.clientId)}:${encodeURIComponent(client.clientSecret)}`,
  ).toString('base64');
  const response = await fetch(discovery.token_endpoint, {
    method: 'POST',
    headers: { authorization: `Basic ${basic}`, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code,
      redirect_uri: redirectUri,
      code_verifier: verifier,
    }),
  });
  const body = (await response.json()) as { id_token?: string };
  expect(response.status, JSON.stringify(body)).toBe(200);
  return verifiedClaims(body.id_token ?? '');
}

/** The payload of an RS256 ID token whose signature checks out against the provider's JWKS. */
async function verifiedClaims(idToken: string): Promise<Record<string, unknown>> {
  const [header = '', payload = '', signature = ''] = idToken.split('.');
  const { kid, alg } = JSON.parse(Buffer.from(header, 'base64url').toString()) as {
    kid: string;
    alg: string;
  };
  expect(alg).toBe('RS256');
  const { keys } = (await (await fetch(discovery.jwks_uri)).json()) as {
    keys: (JsonWebKey & { kid: string })[];
  };
  const jwk = keys.find((key) => key.kid === kid);
  expect(jwk).toBeDefined();
  const key = createPublicKey({ key: jwk as JsonWebKey, format: 'jwk' });
  expect(
    verify('sha256', Buffer.from(`${header}.${payload}`), key, Buffer.from(signature, 'base64url')),
  ).toBe(true);
  return JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>;
}

describe('startTestOidcProvider', () => {
  it('publishes a discovery document for its loopback issuer', () => {
    expect(provider.issuer).toBe(`http://127.0.0.1:${provider.port}`);
    expect(discovery.issuer).toBe(provider.issuer);
    expect(discovery.token_endpoint.startsWith(provider.issuer)).toBe(true);
  });

  it('signs in the chosen identity through authorization code and PKCE, with its claims in the ID token', async () => {
    provider.loginAs(ada.sub);
    const request = authorizationRequest();

    const callback = await followOidcRedirects(request.url, { appOrigin });
    expect(callback.origin + callback.pathname).toBe(redirectUri);
    expect(callback.searchParams.get('state')).toBe(request.state);
    expect(callback.searchParams.get('iss')).toBe(provider.issuer);
    const code = callback.searchParams.get('code');
    expect(code).toBeTruthy();
    expect(await (await fetch(callback)).text()).toBe('signed in');

    const claims = await exchangeCode(code ?? '', request.verifier);
    expect(claims).toMatchObject({
      iss: provider.issuer,
      aud: client.clientId,
      nonce: request.nonce,
      sub: ada.sub,
      email: ada.email,
      email_verified: true,
      name: ada.name,
    });
  });

  it('signs in as the newly chosen identity although the browser kept its provider session', async () => {
    provider.addIdentity(grace);
    const providerCookies = new CookieJar();
    const subjects: unknown[] = [];
    for (const sub of [ada.sub, grace.sub]) {
      provider.loginAs(sub);
      const request = authorizationRequest();
      const callback = await followOidcRedirects(request.url, { appOrigin, providerCookies });
      const claims = await exchangeCode(callback.searchParams.get('code') ?? '', request.verifier);
      subjects.push([claims.sub, claims.email_verified]);
    }
    expect(providerCookies.names()).toContain('_session');
    expect(subjects).toEqual([
      [ada.sub, true],
      [grace.sub, false],
    ]);
  });

  it('ends with access_denied at the redirect URI for an identity it does not know', async () => {
    provider.loginAs('nobody');
    const request = authorizationRequest();
    const callback = await followOidcRedirects(request.url, { appOrigin });
    expect(callback.searchParams.get('error')).toBe('access_denied');
    expect(callback.searchParams.get('error_description')).toContain('nobody');
    expect(callback.searchParams.get('state')).toBe(request.state);
    expect(callback.searchParams.has('code')).toBe(false);
  });

  it('refuses a redirect URI that was not registered, on its own error page', async () => {
    provider.loginAs(ada.sub);
    const request = authorizationRequest({ redirect_uri: `${appOrigin}/elsewhere` });
    await expect(followOidcRedirects(request.url, { appOrigin })).rejects.toThrow(
      /got 400: test OIDC provider: invalid_redirect_uri/,
    );
  });

  it('refuses redirect URIs it cannot use and keeps the ones it had', async () => {
    await expect(provider.setRedirectUris(['not a url'])).rejects.toThrow(
      /refused the redirect URIs \["not a url"\]/,
    );
    provider.loginAs(ada.sub);
    const callback = await followOidcRedirects(authorizationRequest().url, { appOrigin });
    expect(callback.searchParams.has('code')).toBe(true);
  });
});

import { generateKeyPairSync, randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider, {
  type Account,
  type AllClientMetadata,
  type Configuration,
  errors,
  interactionPolicy,
} from 'oidc-provider';
import { TestOidcStore } from './oidc-store.ts';

/** Someone who can sign in at the test provider. */
export interface TestOidcIdentity {
  /** Subject: the provider's stable id for the person, the `sub` claim. */
  sub: string;
  email: string;
  /** The `email_verified` claim. */
  emailVerified: boolean;
  /** The `name` claim (scope `profile`). */
  name: string;
}

export interface TestOidcProviderOptions {
  /** The one client's `client_id`. */
  clientId: string;
  /** The one client's secret: the client is confidential. */
  clientSecret: string;
  /**
   * Redirect URIs the client may use, compared exactly (port and path included). May be left out when the
   * app's port is not known yet and given later with `setRedirectUris`; until then every authorization
   * request fails with `invalid_client`.
   * @default []
   */
  redirectUris?: string[];
  /**
   * How the client authenticates at the token endpoint. better-auth's genericOAuth plugin sends the secret
   * in the body unless configured with `authentication: 'basic'`, so pass `'client_secret_post'` for it.
   * @default 'client_secret_basic'
   */
  tokenEndpointAuthMethod?: 'client_secret_basic' | 'client_secret_post';
  /** Identities known from the start; more can be added with `addIdentity`. @default [] */
  identities?: TestOidcIdentity[];
}

/**
 * A real OpenID Connect provider on 127.0.0.1 with one confidential client (authorization code flow, PKCE
 * optional) and no login page: every authorization request logs in afresh, approved automatically as the
 * identity chosen with `loginAs`, and consents to whatever scopes were asked for.
 */
export interface TestOidcProvider {
  /** `http://127.0.0.1:<port>`, no trailing slash: the `iss` of every token. */
  issuer: string;
  /** `<issuer>/.well-known/openid-configuration`. */
  discoveryUrl: string;
  port: number;
  /** Adds or replaces (same `sub`) an identity. */
  addIdentity(identity: TestOidcIdentity): void;
  /**
   * Chooses who the following authorizations log in as, until the next call. A `sub` that was never added
   * (or no call at all) makes the authorization end with `error=access_denied` at the redirect URI.
   * When the browser still has a provider session for someone else, oidc-provider first ends it through a
   * self-submitting form (a browser, or `followOidcRedirects`, goes through it); `prompt=none` requests
   * always fail with `login_required`, since every authorization logs in.
   */
  loginAs(sub: string): void;
  /**
   * Replaces the client's redirect URIs, for when the app listens only after the provider started.
   * Authorizations already under way keep the URI they were checked against.
   */
  setRedirectUris(uris: string[]): Promise<void>;
  /** Stops the server, dropping open connections. */
  close(): Promise<void>;
}

/**
 * Starts the provider on a free port. Everything lives in memory and dies with `close()`; its signing key
 * is generated at start, so ID tokens can be verified through the published JWKS like any provider's.
 */
export async function startTestOidcProvider(options: TestOidcProviderOptions): Promise<TestOidcProvider> {
  const identities = new Map<string, TestOidcIdentity>();
  for (const identity of options.identities ?? []) identities.set(identity.sub, identity);
  const chosen: { sub: string | undefined } = { sub: undefined };

  const server = http.createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const issuer = `http://127.0.0.1:${port}`;

  const store = new TestOidcStore();
  const provider = new Provider(issuer, {
    ...quietDefaults(store),
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
    // Put the scope's claims in the ID token even though an access token for userinfo is issued too:
    // relying parties such as better-auth read the ID token first.
    conformIdTokenClaims: false,
    features: { devInteractions: { enabled: false } },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}`, policy: alwaysLogIn() },
    async findAccount(_ctx, sub): Promise<Account | undefined> {
      const identity = identities.get(sub);
      if (!identity) return undefined;
      return {
        accountId: sub,
        claims: () => ({
          sub,
          email: identity.email,
          email_verified: identity.emailVerified,
          name: identity.name,
        }),
      };
    },
  });

  async function setRedirectUris(uris: string[]): Promise<void> {
    const metadata: AllClientMetadata = {
      client_id: options.clientId,
      client_secret: options.clientSecret,
      redirect_uris: uris,
      grant_types: ['authorization_code'],
      response_types: ['code'],
      token_endpoint_auth_method: options.tokenEndpointAuthMethod ?? 'client_secret_basic',
    };
    const previous = store.setClient(options.clientId, metadata);
    try {
      // Builds the client now, so a malformed URI fails here rather than in the middle of a sign-in.
      await provider.Client.find(options.clientId);
    } catch (error) {
      store.setClient(options.clientId, previous);
      const detail = error instanceof errors.OIDCProviderError ? error.error_description : undefined;
      throw new Error(
        `oidc-provider refused the redirect URIs ${JSON.stringify(uris)}: ${detail ?? String(error)}`,
      );
    }
  }
  if (options.redirectUris?.length) await setRedirectUris(options.redirectUris);

  async function finishInteraction(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const details = await provider.interactionDetails(req, res);
    const accountId = chosen.sub;
    if (accountId === undefined || !identities.has(accountId)) {
      const why =
        accountId === undefined
          ? 'the test chose no identity (call loginAs)'
          : `the test provider knows no identity "${accountId}"`;
      await provider.interactionFinished(
        req,
        res,
        { error: 'access_denied', error_description: why },
        { mergeWithLastSubmission: false },
      );
      return;
    }
    // Grant everything asked for now, so login and consent are settled in this one interaction; an earlier
    // grant is reused only if it belongs to the same identity.
    const existing = details.grantId ? await provider.Grant.find(details.grantId) : undefined;
    const grant =
      existing?.accountId === accountId
        ? existing
        : new provider.Grant({ accountId, clientId: String(details.params.client_id) });
    grant.addOIDCScope(typeof details.params.scope === 'string' ? details.params.scope : 'openid');
    const claims = requestedClaims(details.params.claims);
    if (claims.length > 0) grant.addOIDCClaims(claims);
    const grantId = await grant.save();
    await provider.interactionFinished(
      req,
      res,
      { login: { accountId }, consent: { grantId } },
      { mergeWithLastSubmission: false },
    );
  }

  const callback = provider.callback();
  server.on('request', (req: http.IncomingMessage, res: http.ServerResponse) => {
    if (!req.url?.startsWith('/interaction/')) {
      void callback(req, res);
      return;
    }
    finishInteraction(req, res).catch((error: unknown) => {
      // An expired or foreign interaction cookie lands here; answer instead of crashing the test process.
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(
        `test OIDC provider: interaction failed: ${error instanceof Error ? error.message : String(error)}`,
      );
    });
  });

  return {
    issuer,
    discoveryUrl: `${issuer}/.well-known/openid-configuration`,
    port,
    addIdentity(identity) {
      identities.set(identity.sub, identity);
    },
    loginAs(sub) {
      chosen.sub = sub;
    },
    setRedirectUris,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

/** The claim names of an OIDC `claims` request parameter (JSON), for both the ID token and userinfo. */
function requestedClaims(parameter: unknown): string[] {
  if (typeof parameter !== 'string') return [];
  try {
    const parsed = JSON.parse(parameter) as { id_token?: object | null; userinfo?: object | null };
    return [...new Set([...Object.keys(parsed.id_token ?? {}), ...Object.keys(parsed.userinfo ?? {})])];
  } catch {
    return []; // oidc-provider has already refused a malformed one before any interaction
  }
}

/**
 * The settings whose defaults make oidc-provider warn that it is not production-ready (in-memory adapter,
 * bundled signing keys, default TTLs and pages). Here that is the point, so they are set explicitly to keep
 * test output clean.
 */
function quietDefaults(store: TestOidcStore): Configuration {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const { kty, n, e, d, p, q, dp, dq, qi } = privateKey.export({ format: 'jwk' });
  return {
    adapter: (model: string) => store.adapterFor(model),
    jwks: { keys: [{ kty, n, e, d, p, q, dp, dq, qi, kid: 'test-signing-key', alg: 'RS256', use: 'sig' }] },
    cookies: { keys: [randomBytes(32).toString('base64url')] },
    // Seconds.
    ttl: {
      AccessToken: 3600,
      AuthorizationCode: 600,
      IdToken: 3600,
      Interaction: 600,
      Session: 3600,
      Grant: 3600,
    },
    // Loopback only: any origin may call the endpoints that allow CORS.
    clientBasedCORS: () => true,
    renderError(ctx, out) {
      ctx.type = 'text/plain';
      ctx.body = `test OIDC provider: ${out.error}${out.error_description ? `: ${out.error_description}` : ''}`;
    },
  };
}

/**
 * The default policy plus one check that asks for login on every authorization request, so `loginAs`
 * decides who signs in even when the browser still holds a session cookie from an earlier sign-in.
 * The check passes during the resume that follows the login (the interaction result then has `login`).
 */
function alwaysLogIn(): interactionPolicy.DefaultPolicy {
  const policy = interactionPolicy.base();
  const { Check } = interactionPolicy;
  policy
    .get('login')
    ?.checks.add(
      new Check('test_login', 'the test provider logs in on every authorization', (ctx) =>
        ctx.oidc.result?.login ? Check.NO_NEED_TO_PROMPT : Check.REQUEST_PROMPT,
      ),
    );
  return policy;
}

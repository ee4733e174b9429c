import type { Permission } from '@fleetwright/contracts';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { AuditLog } from '../audit-logs/service.ts';
import type { Auth } from '../auth/auth.ts';
import type { Principal, PrincipalResolver } from '../auth/principal.ts';
import { AppError } from '../errors.ts';

declare module 'fastify' {
  interface FastifyInstance {
    auth: Auth;
    audit: AuditLog;
    principals: PrincipalResolver;
    /** Origins allowed to send cookie-authenticated changes (PUBLIC_URL's, CORS_ORIGINS). */
    trustedOrigins: ReadonlySet<string>;
    /** onRequest hook for routes that need a signed-in caller (every /api/v1 route). */
    authenticate: (request: FastifyRequest, reply: FastifyReply) => Promise<void>;
  }
  interface FastifyRequest {
    principal: Principal | null;
    /** The organization this request acts for; every query is scoped by it. */
    organizationId: string;
  }
  interface FastifyContextConfig {
    /** What the caller needs. @default 'read' for GET and HEAD, 'write' otherwise */
    permission?: Permission;
    /** The route works for a signed-in user without an organization (GET /me). @default false */
    organizationOptional?: boolean;
    /** No authentication at all (GET /auth/options). @default false */
    public?: boolean;
    /** Only platform administrators (plans, the mail outbox). @default false */
    platformAdmin?: boolean;
    /**
     * Set by requireAuthentication, never by hand: the route asks for an API key or the session
     * cookie. The OpenAPI document derives each operation's `security` from it.
     */
    authenticated?: boolean;
  }
}

export const SAFE_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD', 'OPTIONS']);
export const CSRF_HEADER = 'x-csrf-token';

/**
 * Every route registered in `scope` from now on (its child plugins too) needs a signed-in caller,
 * but those with `config.public`. The same hook marks them `config.authenticated`, so the OpenAPI
 * document states what the server enforces instead of a list kept by hand.
 */
export function requireAuthentication(scope: FastifyInstance): void {
  scope.addHook('onRoute', (route) => {
    route.config = { ...route.config, authenticated: route.config?.public !== true };
  });
  scope.addHook('onRequest', scope.authenticate);
}

/**
 * Authentication and authorization for the API: resolves the Principal (API key or session
 * cookie), refuses cookie-authenticated changes without the CSRF token or from another origin,
 * and checks the route's permission against the role (or the key's scopes).
 */
export const authPlugin = fp<{ auth: Auth; principals: PrincipalResolver; trustedOrigins: string[] }>(
  async (app, options) => {
    app.decorate('auth', options.auth);
    app.decorate('principals', options.principals);
    app.decorate('trustedOrigins', new Set(options.trustedOrigins));
    app.decorateRequest('principal', null);
    app.decorateRequest('organizationId', null as unknown as string);

    app.decorate('authenticate', async (request: FastifyRequest) => {
      if (request.routeOptions.config.public) return;
      const principal = await options.principals.resolve(request.headers);
      if (!principal) throw new AppError('UNAUTHENTICATED');
      request.principal = principal;
      const config = request.routeOptions.config;
      if (config.platformAdmin && !principal.platformAdmin) {
        throw new AppError('FORBIDDEN', 'Only a platform administrator may do this.');
      }
      if (principal.via === 'userSession' && !SAFE_METHODS.has(request.method)) {
        const origin = request.headers.origin;
        const token = request.headers[CSRF_HEADER];
        if (
          (origin !== undefined && !app.trustedOrigins.has(origin)) ||
          !options.principals.verifyCsrfToken(
            principal.userSessionId!,
            typeof token === 'string' ? token : undefined,
          )
        ) {
          throw new AppError('CSRF_REJECTED');
        }
      }
      if (!principal.organizationId) {
        if (config.organizationOptional) return;
        throw new AppError('NO_ORGANIZATION');
      }
      request.organizationId = principal.organizationId;
      const needed = config.permission ?? (SAFE_METHODS.has(request.method) ? 'read' : 'write');
      if (!principal.permissions.has(needed)) {
        throw new AppError(
          'FORBIDDEN',
          principal.via === 'apiKey'
            ? `This API key lacks the ${needed} scope (or its creator's role no longer allows it).`
            : `Your role (${principal.role}) does not allow this: it needs ${needed} permission.`,
        );
      }
    });
  },
  { name: 'auth', dependencies: ['db'] },
);

import cors from '@fastify/cors';
import type { BlobStore } from '@fleetwright/blobs';
import { type Config, publicUrl, readOrCreateSecret } from '@fleetwright/config';
import { type Database, type DatabaseClient, getOrganizationPrivateTargets } from '@fleetwright/db';
import { createLogger, type Logger } from '@fleetwright/logger';
import type { ResolveHost } from '@fleetwright/net-guard';
import { type PgBoss, WebhookOutbox } from '@fleetwright/queue';
import Fastify, {
  type FastifyBaseLogger,
  type FastifyInstance,
  LogController,
  type RawReplyDefaultExpression,
  type RawRequestDefaultExpression,
  type RawServerDefault,
} from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { accountRoutes } from './accounts/routes.ts';
import { adminRoutes } from './admin/routes.ts';
import { apiKeyRoutes } from './api-keys/routes.ts';
import { auditLogRoutes } from './audit-logs/routes.ts';
import { AuditLog } from './audit-logs/service.ts';
import { createAuth } from './auth/auth.ts';
import { createMailer } from './auth/mailer.ts';
import { PrincipalResolver } from './auth/principal.ts';
import { authRoutes } from './auth/routes.ts';
import type { DashboardHandler } from './dashboard/handler.ts';
import { dashboardRoutes } from './dashboard/routes.ts';
import { deviceRoutes } from './devices/routes.ts';
import { AppError } from './errors.ts';
import { executionRoutes } from './executions/routes.ts';
import { flowRoutes } from './flows/routes.ts';
import { healthRoutes } from './health/routes.ts';
import { jobRoutes } from './jobs/routes.ts';
import { type ScriptExists, savedScriptExists } from './jobs/scripts.ts';
import { mcpRoutes } from './mcp/routes.ts';
import { notificationChannelRoutes } from './notification-channels/routes.ts';
import { organizationRoutes } from './organizations/routes.ts';
import { authPlugin, requireAuthentication } from './plugins/auth.ts';
import { blobsPlugin } from './plugins/blobs.ts';
import { dbPlugin } from './plugins/db.ts';
import { answerClientError, answerFrameworkError, errorHandlerPlugin } from './plugins/error-handler.ts';
import { eventsPlugin } from './plugins/events.ts';
import { keyringPlugin } from './plugins/keyring.ts';
import { openapiPlugin } from './plugins/openapi.ts';
import { queuePlugin } from './plugins/queue.ts';
import { registerApiRateLimit, registerAuthRateLimit } from './plugins/rate-limit.ts';
import { securityHeadersPlugin } from './plugins/security-headers.ts';
import { targetsPlugin } from './plugins/targets.ts';
import { wellFormedTextPlugin } from './plugins/well-formed-text.ts';
import { workerClientPlugin } from './plugins/worker-client.ts';
import { profileRoutes } from './profiles/routes.ts';
import { proxyCheckEchoRoutes } from './proxies/check-echo-routes.ts';
import { proxyRoutes } from './proxies/routes.ts';
import { proxyProviderRoutes } from './proxy-providers/routes.ts';
import { type EventPublisher, noopPublisher, withEventSink } from './realtime/events.ts';
import { marketplaceRoutes } from './scripts/marketplace-routes.ts';
import { scriptRoutes, scriptTestRoutes } from './scripts/routes.ts';
import { secretRoutes } from './secrets/routes.ts';
import { sessionRoutes } from './sessions/routes.ts';
import { HttpPoster } from './webhooks/http-post.ts';
import { webhookRoutes } from './webhooks/routes.ts';
import { workerRoutes } from './workers/routes.ts';

export type App = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>;

declare module 'fastify' {
  interface FastifyInstance {
    /** Turns published events into webhook deliveries; closed with the app. */
    webhookOutbox: WebhookOutbox;
  }
}

export interface BuildAppOptions {
  /** Drizzle on `pool`; owned by the caller (not closed with the app). */
  db: Database;
  pool: DatabaseClient['pool'];
  /** Started pg-boss; owned by the caller. */
  boss: PgBoss;
  config: Config;
  /** @default a pino logger at config.LOG_LEVEL */
  logger?: Logger;
  /** Bearer token for worker RPC. @default config.INTERNAL_TOKEN */
  internalToken?: string;
  /** Signs session cookies. @default config.AUTH_SECRET, else generated under DATA_DIR */
  authSecret?: string;
  /** DNS for the SSRF guard. @default the system resolver */
  resolveHost?: ResolveHost;
  /** Lets the first account be created. @default generated under DATA_DIR (printed by `fleetwright start`) */
  setupToken?: string;
  /** Where the server's events go. @default nowhere (startServer passes Socket.IO) */
  events?: EventPublisher;
  /** Next.js handler for the dashboard; without one, `/` answers a hint. */
  dashboard?: DashboardHandler;
  /** Where executions' artifacts are. @default a LocalDiskBlobStore under BLOB_DIR (`<DATA_DIR>/blobs`) */
  blobs?: BlobStore;
  /** Whether a job's `scriptId` names a script of the organization (the scripts feature answers). @default none does */
  scriptExists?: ScriptExists;
}

/** Largest request body: a script of MAX_SCRIPT_LENGTH characters plus settings fits with room to spare. */
const BODY_LIMIT_BYTES = 1024 * 1024;

/**
 * The configured Fastify instance, not listening: tests use `app.inject()`, `startServer` listens.
 */
export async function buildApp(options: BuildAppOptions): Promise<App> {
  const { config } = options;
  const internalToken = options.internalToken ?? config.INTERNAL_TOKEN;
  if (!internalToken)
    throw new Error('buildApp needs an internal token (INTERNAL_TOKEN) to talk to workers.');
  const logger = options.logger ?? createLogger({ name: 'fleetwright-server', level: config.LOG_LEVEL });

  const app = Fastify({
    loggerInstance: logger as FastifyBaseLogger,
    bodyLimit: BODY_LIMIT_BYTES,
    trustProxy: config.TRUST_PROXY,
    // Request lines are logged below, at a level that depends on the path (dashboard assets are noise).
    logController: new LogController({ disableRequestLogging: true }),
    routerOptions: { ignoreTrailingSlash: true },
    frameworkErrors: answerFrameworkError,
    clientErrorHandler: answerClientError,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerJsonParser(app);

  app.addHook('onResponse', async (request, reply) => {
    const details = {
      method: request.method,
      url: request.url,
      statusCode: reply.statusCode,
      responseTimeMs: Math.round(reply.elapsedTime * 10) / 10,
    };
    if (request.url.startsWith('/api/')) request.log.info(details, 'request completed');
    else request.log.debug(details, 'request completed');
  });

  await app.register(securityHeadersPlugin, { hsts: publicUrl(config).startsWith('https:') });
  await app.register(errorHandlerPlugin);
  await app.register(wellFormedTextPlugin);
  await app.register(dbPlugin, { db: options.db, pool: options.pool });
  await app.register(queuePlugin, { boss: options.boss });
  // Every event the server publishes passes the webhook outbox on its way out (issue 11).
  const webhookOutbox = new WebhookOutbox({
    db: options.db,
    pool: options.pool,
    boss: options.boss,
    retry: webhookRetry(config),
    onError: (error) => logger.error({ err: error }, 'could not queue webhook deliveries'),
  });
  app.decorate('webhookOutbox', webhookOutbox);
  app.addHook('onClose', async () => webhookOutbox.close());
  await app.register(eventsPlugin, { events: withEventSink(options.events ?? noopPublisher, webhookOutbox) });
  await app.register(blobsPlugin, { blobs: options.blobs, config });
  const baseUrl = publicUrl(config);
  const trustedOrigins = [
    new URL(baseUrl).origin,
    ...(config.CORS_ORIGINS ?? '')
      .split(',')
      .map((origin) => origin.trim())
      .filter(Boolean),
  ];
  const authSecret =
    options.authSecret ?? config.AUTH_SECRET ?? readOrCreateSecret(config.DATA_DIR, 'auth-secret');
  const mailer = createMailer({ config, db: options.db, logger });
  app.addHook('onClose', async () => mailer.close());
  // Notification channel tests POST from the API process: through the guarded agents.
  const poster = new HttpPoster({
    allowPrivate: config.ALLOW_PRIVATE_TARGETS,
    timeoutMs: config.WEBHOOK_TIMEOUT_MS,
  });
  app.addHook('onClose', async () => poster.close());
  const audit = new AuditLog({ db: options.db, pool: options.pool, logger });
  app.decorate('audit', audit);
  const auth = createAuth({
    audit,
    config,
    db: options.db,
    logger,
    mailer,
    baseUrl,
    secret: authSecret,
    setupToken: options.setupToken ?? readOrCreateSecret(config.DATA_DIR, 'setup-token'),
    trustedOrigins: trustedOrigins.slice(1),
  });
  // Closed unless CORS_ORIGINS lists origins: then those may call the API with credentials.
  await app.register(cors, {
    origin: trustedOrigins.length > 1 ? trustedOrigins.slice(1) : false,
    credentials: true,
    methods: ['GET', 'HEAD', 'POST', 'PATCH', 'PUT', 'DELETE'],
    allowedHeaders: ['content-type', 'authorization', 'x-csrf-token'],
    maxAge: 600,
  });
  await app.register(authPlugin, {
    auth,
    principals: new PrincipalResolver({ auth, db: options.db, secret: authSecret }),
    trustedOrigins,
  });
  await app.register(workerClientPlugin, {
    token: internalToken,
    commandTimeoutMs: config.COMMAND_TIMEOUT_MS,
    navigationTimeoutMs: config.NAVIGATION_TIMEOUT_MS,
    scriptTestTimeoutMs: config.SCRIPT_TEST_TIMEOUT_MS,
  });
  await app.register(keyringPlugin, { config });
  await app.register(targetsPlugin, {
    allowPrivate: config.ALLOW_PRIVATE_TARGETS,
    resolve: options.resolveHost,
    privateTargetsOf: (organizationId) => getOrganizationPrivateTargets(options.db, organizationId),
  });
  await app.register(openapiPlugin, { config });

  await app.register(healthRoutes);
  await app.register(proxyCheckEchoRoutes, { prefix: '/api/v1/proxies' });
  await app.register(async (scope) => {
    await registerAuthRateLimit(scope, { db: options.db, perMinute: config.RATE_LIMIT_AUTH_PER_MINUTE });
    await scope.register(authRoutes);
  });
  await app.register(
    async (api) => {
      requireAuthentication(api);
      await registerApiRateLimit(api, { perMinute: config.RATE_LIMIT_API_PER_MINUTE });
      await api.register(accountRoutes, { config });
      await api.register(apiKeyRoutes, { prefix: '/api-keys' });
      await api.register(auditLogRoutes, { prefix: '/audit-logs' });
      await api.register(organizationRoutes, { prefix: '/organization' });
      await api.register(adminRoutes, { prefix: '/admin' });
      await api.register(sessionRoutes, { prefix: '/sessions' });
      await api.register(proxyRoutes, { prefix: '/proxies', config, resolveHost: options.resolveHost });
      await api.register(proxyProviderRoutes, { prefix: '/proxy-providers' });
      await api.register(flowRoutes, { prefix: '/flows' });
      await api.register(secretRoutes, { prefix: '/secrets' });
      await api.register(profileRoutes, { prefix: '/profiles' });
      await api.register(scriptRoutes, { prefix: '/scripts' });
      await api.register(scriptTestRoutes, { prefix: '/scripts' });
      await api.register(marketplaceRoutes, { prefix: '/marketplace/scripts' });
      await api.register(workerRoutes, { prefix: '/workers' });
      await api.register(deviceRoutes, { prefix: '/devices' });
      await api.register(jobRoutes, {
        prefix: '/jobs',
        scriptExists: options.scriptExists ?? savedScriptExists(options.db),
      });
      await api.register(executionRoutes, { prefix: '/executions' });
      await api.register(webhookRoutes, {
        prefix: '/webhooks',
        outbox: webhookOutbox,
        retry: webhookRetry(config),
      });
      await api.register(notificationChannelRoutes, {
        prefix: '/notification-channels',
        config,
        mailer,
        poster,
      });
    },
    { prefix: '/api/v1' },
  );
  // The MCP server for AI agents (issue 12): the same API keys, scopes and rate limit as /api/v1.
  await app.register(async (agents) => {
    requireAuthentication(agents);
    await registerApiRateLimit(agents, { perMinute: config.RATE_LIMIT_API_PER_MINUTE });
    await agents.register(mcpRoutes);
  });
  await app.register(dashboardRoutes, { handler: options.dashboard });
  return app;
}

/** How webhook deliveries are retried, from the configuration. */
export function webhookRetry(config: Config): { limit: number; delaySeconds: number } {
  return { limit: config.WEBHOOK_RETRY_LIMIT, delaySeconds: config.WEBHOOK_RETRY_DELAY_SECONDS };
}

/**
 * JSON bodies: an empty body counts as none (clients often send `content-type: application/json`
 * on a bodyless POST /start), anything unparsable is INVALID_JSON.
 */
function registerJsonParser(app: App): void {
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
    const text = body as string;
    if (text.trim() === '') {
      done(null, undefined);
      return;
    }
    try {
      done(null, JSON.parse(text));
    } catch (error) {
      const reason = error instanceof SyntaxError ? `: ${error.message}` : '';
      done(new AppError('INVALID_JSON', `The request body is not valid JSON${reason}.`), undefined);
    }
  });
}

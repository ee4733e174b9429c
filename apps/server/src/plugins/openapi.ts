import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { type Config, FLEETWRIGHT_VERSION } from '@fleetwright/config';
import { errorResponseSchema } from '@fleetwright/contracts';
import fp from 'fastify-plugin';
import { createJsonSchemaTransform, createJsonSchemaTransformObject } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CSRF_HEADER } from './auth.ts';
import {
  type DocumentedRoute,
  ERROR_RESPONSES,
  type ErrorStatus,
  errorStatusesOf,
  operationIdOf,
  SECURITY_SCHEMES,
  securityOf,
} from './openapi-operations.ts';

const DOCS_PREFIX = '/api/docs';
const ERROR_SCHEMA_ID = 'ErrorResponse';
/** better-auth's reference for the endpoints it serves under /api/auth. */
const SIGN_IN_DOCS_URL = 'https://better-auth.com/docs/authentication/email-password';

// Every route's error answers then point at one schema component instead of repeating it inline.
z.globalRegistry.add(errorResponseSchema, { id: ERROR_SCHEMA_ID });

type OpenApiDocument = {
  components?: { schemas?: Record<string, unknown> };
  paths?: Record<string, Record<string, { operationId?: string; responses?: Record<string, unknown> }>>;
};

/**
 * The OpenAPI document is generated from the routes' zod schemas (the contracts), so it cannot
 * drift from validation; what the schemas do not say (operationId, security, error answers) is
 * derived from each route in openapi-operations.ts. Must be registered after the auth plugin and
 * before the routes: it collects them as they are added.
 */
export const openapiPlugin = fp<{ config: Pick<Config, 'PUBLIC_URL'> }>(
  async (app, { config }) => {
    const zodTransform = createJsonSchemaTransform({
      skipList: [`${DOCS_PREFIX}/`, `${DOCS_PREFIX}/json`, `${DOCS_PREFIX}/yaml`, `${DOCS_PREFIX}/*`],
    });
    const zodTransformObject = createJsonSchemaTransformObject({});
    /** By operationId: filled while routes are transformed, read when the document is finished. */
    const errorStatuses = new Map<string, ErrorStatus[]>();
    const sessionCookie = (await app.auth.$context).authCookies.sessionToken.name;

    await app.register(swagger, {
      openapi: {
        openapi: '3.1.0',
        info: {
          title: 'Fleetwright API',
          description: describeApi(sessionCookie),
          version: FLEETWRIGHT_VERSION,
          license: { name: 'Apache-2.0', identifier: 'Apache-2.0' },
        },
        externalDocs: {
          description: 'Sign-in, sign-up and two-factor endpoints under /api/auth (better-auth)',
          url: SIGN_IN_DOCS_URL,
        },
        // The document is served by the API itself, so `/` is right wherever it is reached from.
        servers: [
          config.PUBLIC_URL
            ? { url: config.PUBLIC_URL.replace(/\/+$/, ''), description: 'PUBLIC_URL' }
            : { url: '/', description: 'This server' },
        ],
        tags: [
          { name: 'sessions', description: 'Browser sessions' },
          { name: 'proxies', description: "The organization's proxy pool" },
          { name: 'proxy-providers', description: "The organization's proxy provider accounts" },
          { name: 'flows', description: 'Step flows: checking a flow written as JSON or YAML' },
          { name: 'secrets', description: "The organization's secrets for flows (values are write-only)" },
          {
            name: 'profiles',
            description:
              'Saved session storage (cookies, localStorage, IndexedDB), sealed; start sessions from it',
          },
          { name: 'webhooks', description: 'Signed deliveries of events to URLs of the organization' },
          {
            name: 'notification-channels',
            description: 'Where job notifications go: email, webhook, Slack, Discord, Telegram',
          },
          { name: 'scripts', description: "The organization's page scripts, their versions and test runs" },
          { name: 'marketplace', description: 'Public scripts of every organization: browse, fork, rate' },
          { name: 'workers', description: 'Browser workers' },
          { name: 'devices', description: 'Device presets' },
          { name: 'jobs', description: 'Flows and scripts run on targets now, at a time or on a schedule' },
          { name: 'executions', description: 'Runs of jobs: per-session results, data, artifacts, logs' },
          { name: 'accounts', description: 'The signed-in caller, its preferences, sign-in options' },
          { name: 'api-keys', description: "The organization's API keys" },
          { name: 'audit-log', description: 'Who did what in the organization' },
          { name: 'organization', description: 'The organization: plan, quotas, target policy' },
          { name: 'admin', description: 'Platform administration' },
          { name: 'health', description: 'Liveness and readiness' },
        ],
        components: {
          securitySchemes: {
            [SECURITY_SCHEMES.apiKey]: {
              type: 'http',
              scheme: 'bearer',
              bearerFormat: 'fw_live_…',
              description:
                "An API key (dashboard → API keys, or POST /api/v1/api-keys): `Authorization: Bearer fw_live_…`. Its scopes are capped by its creator's role.",
            },
            [SECURITY_SCHEMES.sessionCookie]: {
              type: 'apiKey',
              in: 'cookie',
              name: sessionCookie,
              description: "The dashboard's sign-in session, set by the /api/auth sign-in endpoints.",
            },
            [SECURITY_SCHEMES.csrfToken]: {
              type: 'apiKey',
              in: 'header',
              name: CSRF_HEADER,
              description:
                'Sent with the session cookie on every change (POST, PATCH, PUT, DELETE): the csrfToken of GET /api/v1/me (which also sets it as a readable cookie).',
            },
          },
        },
      },
      transform: (input) => {
        const result = zodTransform(input);
        const route = input.route as unknown as DocumentedRoute;
        if (!result.schema || (result.schema as { hide?: boolean }).hide) return result;
        const method = [route.method].flat()[0]!;
        const schema = result.schema as Record<string, unknown>;
        const operationId = (schema.operationId as string | undefined) ?? operationIdOf(method, route.url);
        errorStatuses.set(operationId, errorStatusesOf(route));
        return { ...result, schema: { ...schema, operationId, security: securityOf(route) } };
      },
      transformObject: (input) =>
        addErrorResponses(zodTransformObject(input) as OpenApiDocument, errorStatuses) as ReturnType<
          typeof zodTransformObject
        >,
    });
    await app.register(swaggerUi, { routePrefix: DOCS_PREFIX });
  },
  { name: 'openapi', dependencies: ['auth'] },
);

/** The document's introduction: how to authenticate, and where the sign-in endpoints are. */
function describeApi(sessionCookie: string): string {
  return `Run, script and watch fleets of real Chromium sessions ("sessions").

## Authentication

- **API key** (scripts, CI): \`Authorization: Bearer fw_live_…\`.
- **Session cookie** (the dashboard): \`${sessionCookie}\`, set by signing in. A change (POST, PATCH,
  PUT, DELETE) made with it also sends the \`${CSRF_HEADER}\` header: the \`csrfToken\` of
  \`GET /api/v1/me\`. Requests from an origin other than PUBLIC_URL or CORS_ORIGINS are refused.

## Signing in

better-auth serves sign-up, sign-in, sign-out, e-mail verification, password reset, OAuth/OIDC and
two-factor endpoints under \`/api/auth\` (see the external documentation); they are not listed
here. The ones the dashboard uses:

- \`POST /api/auth/sign-up/email\` \`{ name, email, password, acceptTerms }\`; the first account also
  sends the \`setupToken\` printed by \`fleetwright start\`.
- \`POST /api/auth/sign-in/email\` \`{ email, password }\` sets the session cookie.
- \`POST /api/auth/two-factor/verify-totp\` \`{ code }\` finishes a sign-in with two-factor authentication.
- \`POST /api/auth/sign-in/social\` \`{ provider }\` (Google, GitHub) and \`POST /api/auth/sign-in/oauth2\`
  \`{ providerId: "oidc" }\`; \`GET /api/v1/auth/options\` says which are configured.
- \`POST /api/auth/sign-out\`.

Every error answers \`{ code, message, field?, details? }\` (ErrorResponse).`;
}

/** For the `4xx`/`5xx` ranges routes declare with `errorResponses` (errors.ts). */
const RANGE_DESCRIPTIONS: Record<string, string> = {
  '4XX': 'Another client error, e.g. 413 BODY_TOO_LARGE, 415 UNSUPPORTED_MEDIA_TYPE, 422 NAVIGATION_FAILED.',
  '5XX': 'A server or worker failure, e.g. 500 INTERNAL, 503 WORKER_UNAVAILABLE, 504 COMMAND_TIMEOUT.',
};

/**
 * Adds the error answers each operation can give as shared components.responses, which all show
 * the ErrorResponse schema. A route's own declaration of such a status is replaced by the shared one.
 */
function addErrorResponses(
  document: OpenApiDocument,
  statusesByOperation: ReadonlyMap<string, ErrorStatus[]>,
): OpenApiDocument {
  const schemas = { ...document.components?.schemas };
  // The provider also emits an input variant; no request takes an ErrorResponse.
  delete schemas[`${ERROR_SCHEMA_ID}Input`];
  const responses = Object.fromEntries(
    Object.values(ERROR_RESPONSES).map(({ name, description }) => [
      name,
      {
        description,
        content: { 'application/json': { schema: { $ref: `#/components/schemas/${ERROR_SCHEMA_ID}` } } },
      },
    ]),
  );
  const paths = Object.fromEntries(
    Object.entries(document.paths ?? {}).map(([path, operations]) => [
      path,
      Object.fromEntries(
        Object.entries(operations).map(([method, operation]) => {
          const added = (statusesByOperation.get(operation.operationId ?? '') ?? []).map((status) => [
            String(status),
            { $ref: `#/components/responses/${ERROR_RESPONSES[status].name}` },
          ]);
          const declared = Object.entries(operation.responses ?? {}).map(([status, response]) => [
            status,
            RANGE_DESCRIPTIONS[status]
              ? { ...(response as object), description: RANGE_DESCRIPTIONS[status] }
              : response,
          ]);
          const responses = { ...Object.fromEntries(declared), ...Object.fromEntries(added) };
          return [method, { ...operation, responses }];
        }),
      ),
    ]),
  );
  return {
    ...document,
    components: { ...document.components, schemas, responses: responses as never },
    paths,
  } as OpenApiDocument;
}

import type { Config } from '@fleetwright/config';
import {
  createProxyBodySchema,
  deleteProxiesBodySchema,
  deleteProxiesResponseSchema,
  errorResponseSchema,
  idParamsSchema,
  importProxiesBodySchema,
  importProxiesQuerySchema,
  importProxiesResponseSchema,
  listProxiesQuerySchema,
  listProxyChecksQuerySchema,
  type ProxyImportFormat,
  proxyCheckErrorCodeSchema,
  proxyChecksResponseSchema,
  proxyCountriesResponseSchema,
  proxyPageSchema,
  proxySchema,
  proxyValidationSchema,
  updateProxyBodySchema,
  validateProxiesBodySchema,
} from '@fleetwright/contracts';
import type { ResolveHost } from '@fleetwright/net-guard';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../audit-logs/service.ts';
import { errorResponses } from '../errors.ts';
import { countProxyCountries } from './countries.ts';
import { importProxies } from './import.ts';
import { type ReadLine, readJsonEntries, readProxyList } from './import-parse.ts';
import { fetchProxyList } from './import-source.ts';
import { toProxiesWithUse, toProxy, toProxyValidation } from './serializers.ts';
import {
  createProxy,
  deleteProxies,
  deleteProxy,
  findProxy,
  listProxies,
  type ProxyDeps,
  setBlacklisted,
  updateProxy,
} from './service.ts';
import { findProxyChecks, findProxyValidation, startProxyValidationRun } from './validations.ts';

export interface ProxyRoutesOptions {
  config: Pick<Config, 'ALLOW_PRIVATE_TARGETS' | 'PROXY_IMPORT_MAX_BYTES'>;
  /** DNS for the guard of list downloads. @default the system resolver */
  resolveHost?: ResolveHost;
}

const tags = ['proxies'];
/** The proxy already exists (same protocol, host, port and username): documented as 409. */
const conflict = { 409: errorResponseSchema };

/** Routes under /api/v1/proxies: validate through the contracts, call one service function, map the result. */
export const proxyRoutes: FastifyPluginAsyncZod<ProxyRoutesOptions> = async (app, options) => {
  const deps: ProxyDeps = {
    db: app.db,
    pool: app.pool,
    keyring: app.keyring,
    audit: app.audit,
    targets: app.targets,
  };
  // Lists come as CSV too; only in this plugin (text/plain is Fastify's own).
  app.addContentTypeParser('text/csv', { parseAs: 'string' }, (_request, body, done) => done(null, body));

  app.get(
    '/',
    {
      schema: {
        tags,
        summary: 'List proxies, newest first, filtered by status, country, protocol, tag or a search',
        querystring: listProxiesQuerySchema,
        response: { 200: proxyPageSchema, ...errorResponses },
      },
    },
    async (request) => {
      const { rows, total } = await listProxies(deps, request.organizationId, request.query);
      return {
        items: await toProxiesWithUse(deps.db, request.organizationId, rows),
        total,
        page: request.query.page,
        pageSize: request.query.pageSize,
      };
    },
  );

  app.post(
    '/',
    {
      schema: {
        tags,
        summary: "Add a proxy to the organization's pool (the password is write-only)",
        body: createProxyBodySchema,
        response: { 201: proxySchema, ...conflict, ...errorResponses },
      },
    },
    async (request, reply) => {
      const row = await createProxy(deps, request.organizationId, request.body, actorOf(request));
      return reply.status(201).send(toProxy(row));
    },
  );

  app.post(
    '/import',
    {
      bodyLimit: options.config.PROXY_IMPORT_MAX_BYTES,
      schema: {
        tags,
        summary:
          'Import a list (txt, csv or json; sent as the body, or { url } to fetch); ?dryRun=true previews',
        description: IMPORT_DESCRIPTION,
        consumes: ['text/plain', 'text/csv', 'application/json'],
        querystring: importProxiesQuerySchema,
        body: importProxiesBodySchema,
        response: { 200: importProxiesResponseSchema, ...errorResponses },
      },
    },
    async (request) => {
      const { dryRun, tags: extraTags = [] } = request.query;
      const body = request.body;
      let lines: AsyncIterable<ReadLine>;
      let source = 'body';
      if (typeof body === 'string') {
        const format = request.query.format ?? formatOfContentType(request.headers['content-type']);
        lines = readProxyList([body], format, extraTags);
      } else if (Array.isArray(body)) {
        lines = toAsync(readJsonEntries(body, extraTags));
      } else {
        const list = await fetchProxyList(body.url, {
          targets: app.targets,
          allowPrivate: options.config.ALLOW_PRIVATE_TARGETS,
          resolve: options.resolveHost,
          maxBytes: options.config.PROXY_IMPORT_MAX_BYTES,
        });
        source = list.origin;
        lines = readProxyList(
          list.chunks,
          body.format ?? request.query.format ?? list.format ?? 'txt',
          extraTags,
        );
      }
      return importProxies(deps, {
        organizationId: request.organizationId,
        lines,
        dryRun,
        actor: actorOf(request),
        source,
        screenHost: await app.targets.proxyHostScreen(request.organizationId),
      });
    },
  );

  app.post(
    '/delete',
    {
      schema: {
        tags,
        summary: 'Delete many proxies: by ids, or every one matching a filter ({} is the whole pool)',
        body: deleteProxiesBodySchema,
        response: { 200: deleteProxiesResponseSchema, ...errorResponses },
      },
    },
    async (request) => ({
      deleted: await deleteProxies(deps, request.organizationId, request.body, actorOf(request)),
    }),
  );

  app.post(
    '/validate',
    {
      schema: {
        tags,
        summary:
          'Validate proxies: ids, a filter or all; answers the run, which a worker checks (a queue job)',
        description: VALIDATE_DESCRIPTION,
        body: validateProxiesBodySchema,
        // 404: no proxy left to check; 409: a run is in progress.
        response: { 202: proxyValidationSchema, 404: errorResponseSchema, ...conflict, ...errorResponses },
      },
    },
    async (request, reply) => {
      const run = await startProxyValidationRun(
        { db: app.db, pool: app.pool, boss: app.boss },
        request.organizationId,
        request.body,
      );
      return reply.status(202).send(toProxyValidation(run));
    },
  );

  app.get(
    '/validations/:id',
    {
      schema: {
        tags,
        summary: 'A validation run: its status and progress',
        operationId: 'getProxyValidation',
        params: idParamsSchema,
        response: { 200: proxyValidationSchema, ...errorResponses },
      },
    },
    async (request) => toProxyValidation(await findProxyValidation(deps, key(request))),
  );

  app.get(
    '/:id/checks',
    {
      schema: {
        tags,
        summary:
          "A proxy's check history of the last `hours`, newest first, with its success rate and mean latency",
        params: idParamsSchema,
        querystring: listProxyChecksQuerySchema,
        response: { 200: proxyChecksResponseSchema, ...errorResponses },
      },
    },
    async (request) => {
      const history = await findProxyChecks(deps, key(request), request.query.hours);
      return {
        checks: history.checks.map((check) => ({
          at: check.at.toISOString(),
          ok: check.ok,
          latencyMs: check.latencyMs,
          exitIp: check.exitIp,
          error: proxyCheckErrorCodeSchema.safeParse(check.error).data ?? null,
        })),
        successRate: history.successRate,
        meanLatencyMs: history.meanLatencyMs,
      };
    },
  );

  app.get(
    '/countries',
    {
      schema: {
        tags,
        summary: 'The pool per exit country and status (null: not located yet), most proxies first',
        response: { 200: proxyCountriesResponseSchema, ...errorResponses },
      },
    },
    async (request) => ({ items: await countProxyCountries(app.db, request.organizationId) }),
  );

  app.get(
    '/:id',
    {
      schema: {
        tags,
        summary: 'One proxy',
        params: idParamsSchema,
        response: { 200: proxySchema, ...errorResponses },
      },
    },
    async (request) =>
      (await toProxiesWithUse(deps.db, request.organizationId, [await findProxy(deps, key(request))]))[0]!,
  );

  app.patch(
    '/:id',
    {
      schema: {
        tags,
        summary: 'Change a proxy; a new endpoint (protocol, host, port, username) is checked afresh',
        params: idParamsSchema,
        body: updateProxyBodySchema,
        response: { 200: proxySchema, ...conflict, ...errorResponses },
      },
    },
    async (request) => toProxy(await updateProxy(deps, key(request), request.body, actorOf(request))),
  );

  app.delete(
    '/:id',
    {
      schema: {
        tags,
        summary: 'Delete a proxy',
        params: idParamsSchema,
        response: { 204: z.null().describe('Deleted'), ...errorResponses },
      },
    },
    async (request, reply) => {
      await deleteProxy(deps, key(request), actorOf(request));
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/:id/blacklist',
    {
      schema: {
        tags,
        summary: 'Blacklist a proxy: never checked, never given to a session',
        params: idParamsSchema,
        response: { 200: proxySchema, ...errorResponses },
      },
    },
    async (request) => toProxy(await setBlacklisted(deps, key(request), true, actorOf(request))),
  );

  app.delete(
    '/:id/blacklist',
    {
      schema: {
        tags,
        summary: 'Take a proxy off the blacklist: UNCHECKED until its next check',
        operationId: 'unblacklistProxy',
        params: idParamsSchema,
        response: { 200: proxySchema, ...errorResponses },
      },
    },
    async (request) => toProxy(await setBlacklisted(deps, key(request), false, actorOf(request))),
  );
};

const VALIDATE_DESCRIPTION = `Exactly one of \`ids\` (at most 10,000), \`filter\` or \`all: true\`. The proxies are
fixed now; BLACKLISTED ones are never checked. Ids of another organization or unknown ones count as
not found; when no proxy is left to check the answer is 404 PROXY_NOT_FOUND. One run at a time per
organization: while one is QUEUED or RUNNING, another is refused with 409 PROXY_VALIDATION_IN_PROGRESS
(\`details.id\` names it). Each checked proxy emits \`proxy.validated\` (the proxy and the run's
progress); GET /proxies/validations/{id} answers the run. A run is a queue job: it survives a server
restart, and a worker lost mid-run is replaced by another that resumes with the proxies not yet checked.`;

const IMPORT_DESCRIPTION = `The list is the body — text/plain (txt), text/csv (csv), or application/json: an array
(json), a string (txt), or \`{ url, format? }\` of a list the server downloads through the SSRF guard.
\`?format=\` overrides the guess.

- txt: one proxy a line — \`host:port\`, \`host:port:user:pass\`, \`user:pass@host:port\`,
  \`scheme://user:pass@host:port\` (http, https, socks4, socks5; http when none; IPv6 in brackets).
- csv: a header row naming the columns protocol (or scheme), host, port, username, password, tags
  (separated by ; or |), or one url column in a txt form.
- json: an array of objects with those fields, or of strings in a txt form.

Blank lines and lines starting with # are skipped. Every invalid line is reported with its number and
why, naming the field; the valid ones are imported. A line whose host is a loopback, private,
link-local or metadata address (or \`localhost\`) is such a line (code TARGET_NOT_ALLOWED) unless the
organization's private targets allow it; host names are not looked up here (one lookup a line would
cost more than the import), but checked wherever a proxy is connected to. A proxy already in the
pool, or listed twice, merges (tags unioned, the password replaced when given). All in one
transaction: a failure leaves nothing behind. An import that would take the pool over the plan's \`proxies\` quota is refused whole
(403 QUOTA_EXCEEDED). \`?dryRun=true\` answers the same counts (and a preview) and writes nothing.`;

function formatOfContentType(contentType: string | undefined): ProxyImportFormat {
  const type = contentType?.split(';')[0]?.trim().toLowerCase();
  return type === 'text/csv' ? 'csv' : 'txt';
}

async function* toAsync<T>(items: Iterable<T>): AsyncGenerator<T> {
  yield* items;
}

function key(request: { organizationId: string; params: { id: string } }) {
  return { organizationId: request.organizationId, id: request.params.id };
}

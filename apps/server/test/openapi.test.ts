import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { loadConfig } from '@fleetwright/config';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateOpenApiDocument } from '../src/openapi-document.ts';
import { CSRF_HEADER } from '../src/plugins/auth.ts';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const redoclyCli = path.join(
  path.dirname(createRequire(import.meta.url).resolve('@redocly/cli/package.json')),
  'bin',
  'cli.js',
);

interface Operation {
  operationId?: string;
  summary?: string;
  security?: Record<string, string[]>[];
  responses: Record<string, unknown>;
}
interface Document {
  servers: { url: string }[];
  components: { securitySchemes: Record<string, { type: string; in?: string; name?: string }> };
  paths: Record<string, Record<string, Operation>>;
}
interface LintProblem {
  ruleId: string;
  severity: 'error' | 'warn';
  message: string;
  location: { pointer: string }[];
}

let document: Document;
let directory: string;
let documentFile: string;

beforeAll(async () => {
  // The defaults, not this machine's environment: no PUBLIC_URL, so plain-http cookie names and `/`.
  document = (await generateOpenApiDocument(loadConfig({ NODE_ENV: 'test' }))) as unknown as Document;
  directory = await mkdtemp(path.join(tmpdir(), 'openapi-test-'));
  documentFile = path.join(directory, 'openapi.json');
  await writeFile(documentFile, JSON.stringify(document, null, 2));
});
afterAll(async () => {
  if (directory) await rm(directory, { recursive: true, force: true });
});

function operations(): { path: string; method: string; operation: Operation }[] {
  return Object.entries(document.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, operation]) => ({ path, method, operation })),
  );
}

/** `redocly lint` with the repository's redocly.yaml, as `npm run lint:openapi` runs it. */
async function lint(file: string): Promise<LintProblem[]> {
  const run = promisify(execFile);
  const result = await run(
    process.execPath,
    [redoclyCli, 'lint', file, '--format=json', `--config=${path.join(repoRoot, 'redocly.yaml')}`],
    {
      cwd: repoRoot,
      // Offline and quiet: no usage report, no update check.
      env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
      maxBuffer: 64 * 1024 * 1024,
    },
  ).catch((error: { stdout?: string }) => {
    // Exit code 1 when there are errors: the report is still on stdout.
    if (error.stdout) return { stdout: error.stdout };
    throw error;
  });
  return (JSON.parse(result.stdout) as { problems: LintProblem[] }).problems;
}

const describeProblem = (problem: LintProblem) =>
  `${problem.ruleId} at ${problem.location[0]?.pointer}: ${problem.message}`;

describe('the OpenAPI document (issue 9)', () => {
  it('passes Redocly lint with no errors; the only warnings are public operations without input and the proxy runs path', async () => {
    const problems = await lint(documentFile);
    expect(problems.filter((problem) => problem.severity === 'error').map(describeProblem)).toEqual([]);
    expect(problems.filter((problem) => problem.severity === 'warn').map(describeProblem)).toEqual([
      // `validations` is never a proxy id (ids are UUIDs), and the router takes a static segment
      // first: GET /proxies/validations/{id} (the path) cannot be a proxy's route.
      'no-ambiguous-paths at #/paths/~1api~1v1~1proxies~1{id}~1checks: Paths should resolve unambiguously. Found two ambiguous paths: `/api/v1/proxies/validations/{id}` and `/api/v1/proxies/{id}/checks`.',
      'no-ambiguous-paths at #/paths/~1api~1v1~1proxies~1{id}~1blacklist: Paths should resolve unambiguously. Found two ambiguous paths: `/api/v1/proxies/validations/{id}` and `/api/v1/proxies/{id}/blacklist`.',
      // They take no input and need no credentials: there is no 4xx they could honestly answer.
      'operation-4xx-response at #/paths/~1healthz/get/responses: Operation must have at least one `4XX` response.',
      'operation-4xx-response at #/paths/~1readyz/get/responses: Operation must have at least one `4XX` response.',
      'operation-4xx-response at #/paths/~1api~1v1~1proxies~1check-echo/get/responses: Operation must have at least one `4XX` response.',
      'operation-4xx-response at #/paths/~1api~1v1~1auth~1options/get/responses: Operation must have at least one `4XX` response.',
    ]);
  });

  it('fails the lint when an operation loses its operationId or its security', async () => {
    const broken = structuredClone(document);
    const listSessions = broken.paths['/api/v1/sessions']!.get!;
    delete listSessions.operationId;
    delete listSessions.security;
    const brokenFile = path.join(directory, 'broken.json');
    await writeFile(brokenFile, JSON.stringify(broken));
    const errors = (await lint(brokenFile)).filter((problem) => problem.severity === 'error');
    expect(errors.map((problem) => problem.ruleId).sort()).toEqual([
      'operation-operationId',
      'security-defined',
    ]);
  });

  it('names every operation with a unique, readable operationId', () => {
    const ids = operations().map(({ operation }) => operation.operationId);
    expect(ids.every((id) => typeof id === 'string' && /^[a-z][A-Za-z]+$/.test(id))).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(
      expect.arrayContaining([
        'listSessions',
        'createSession',
        'getSession',
        'updateSession',
        'deleteSession',
        'startSession',
        'navigateSession',
        'getSessionScreenshot',
        'listSessionLogs',
        'stopSessionsBatch',
        'createApiKey',
        'getMe',
        'getAuthOptions',
        'getLiveness',
        'listProxies',
        'createProxy',
        'getProxy',
        'importProxies',
        'deleteProxies',
        'blacklistProxy',
        'unblacklistProxy',
        'validateProxies',
        'getProxyValidation',
        'listProxyChecks',
        'getProxyCheckEcho',
      ]),
    );
  });

  it('asks for an API key or the session cookie (plus the CSRF header for changes) on /api/v1, nothing on public routes', () => {
    const schemes = document.components.securitySchemes;
    expect(schemes.apiKey).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(schemes.sessionCookie).toMatchObject({ type: 'apiKey', in: 'cookie', name: 'fw.session_token' });
    expect(schemes.csrfToken).toMatchObject({ type: 'apiKey', in: 'header', name: CSRF_HEADER });
    const byId = Object.fromEntries(operations().map(({ operation }) => [operation.operationId, operation]));
    expect(byId.listSessions!.security).toEqual([{ apiKey: [] }, { sessionCookie: [] }]);
    expect(byId.createSession!.security).toEqual([{ apiKey: [] }, { sessionCookie: [], csrfToken: [] }]);
    for (const publicId of ['getLiveness', 'getReadiness', 'getAuthOptions']) {
      expect(byId[publicId]!.security).toEqual([]);
    }
  });

  it('documents the error answers each operation can give, with the shared error schema', () => {
    const byId = Object.fromEntries(operations().map(({ operation }) => [operation.operationId, operation]));
    const errorStatuses = (id: string) =>
      Object.keys(byId[id]!.responses).filter((status) => /^4\d\d$/.test(status));
    expect(errorStatuses('getSession')).toEqual(['400', '401', '403', '404', '429']);
    expect(errorStatuses('startSession')).toEqual(['400', '401', '403', '404', '409', '429']);
    expect(errorStatuses('createSession')).toEqual(['400', '401', '403', '429']);
    expect(errorStatuses('listDevices')).toEqual(['401', '403', '429']);
    // Platform administration is exempt from the per-caller rate limit.
    expect(errorStatuses('listAdminOrganizations')).toEqual(['401', '403']);
    expect(byId.getSession!.responses['404']).toEqual({ $ref: '#/components/responses/NotFound' });
  });

  it('points to the server itself and to the sign-in endpoints it does not list', () => {
    expect(document.servers).toEqual([{ url: '/', description: 'This server' }]);
    const info = (document as unknown as { info: { description: string } }).info;
    expect(info.description).toContain('POST /api/auth/sign-in/email');
  });
});

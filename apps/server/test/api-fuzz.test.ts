import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deadAddress, insertWorker, startTestApp, type TestApp } from './support.ts';

/**
 * Issue 9: no input may end in a 5xx. Every operation of the OpenAPI document gets requests
 * generated from its own parameters and body schema, then broken: wrong types, missing and extra
 * fields, huge strings, NUL bytes, lone surrogates, out-of-range numbers and dates, bad ids, bad
 * query strings, bad JSON and content types — as the organization's owner and unauthenticated.
 * Seeded, so a failure is reproduced by running the suite again; the failing request is printed.
 */

/** The subset of JSON Schema the zod → OpenAPI transform produces. */
interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  format?: string;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  pattern?: string;
  maxLength?: number;
  default?: unknown;
  additionalProperties?: boolean | JsonSchema;
}

interface Operation {
  method: string;
  /** OpenAPI path, e.g. `/api/v1/sessions/{id}`. */
  path: string;
  pathParams: string[];
  query: Record<string, JsonSchema>;
  body: JsonSchema | undefined;
}

interface FuzzRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  payload?: string;
}

/** FUZZ_SEED and FUZZ_RUNS explore further by hand; the suite runs the fixed seed. */
const SEED = Number(process.env.FUZZ_SEED ?? 9_2026);
const RUNS_PER_OPERATION = Number(process.env.FUZZ_RUNS ?? 100);

let testApp: TestApp;
let operations: Operation[];
/** Ids that exist, so some requests get past the lookup into the route's own work. */
const knownIds: string[] = [];

beforeAll(async () => {
  // Start URLs on 127.0.0.1 pass the target guard, so sessions are created without DNS lookups.
  testApp = await startTestApp({ env: { RATE_LIMIT_API_PER_MINUTE: '1000000', ALLOW_PRIVATE_TARGETS: '1' } });
  const { api, administrator } = testApp;
  // Thousands of requests a minute: the plan's own API quota must not turn them into 429s.
  const raised = await api({
    method: 'PATCH',
    url: `/api/v1/admin/organizations/${administrator.organizationId}`,
    payload: { quotaOverrides: { apiRequestsPerMinute: 1_000_000, concurrentSessions: 1_000_000 } },
  });
  expect(raised.statusCode, raised.body).toBe(200);
  // /readyz answers 503 without a live worker, by design: one is registered (nothing listens there).
  await insertWorker(testApp.testDatabase.database, { id: randomUUID(), address: await deadAddress() });
  for (const name of ['fuzz one', 'fuzz two']) {
    const created = await api({
      method: 'POST',
      url: '/api/v1/sessions',
      payload: { name, startUrl: 'http://127.0.0.1:9/', autoStart: false },
    });
    expect(created.statusCode, created.body).toBe(201);
    knownIds.push(created.json<{ id: string }>().id);
  }
  operations = operationsOf(testApp.app.swagger() as OpenApiDocument);
});
afterAll(async () => {
  await testApp?.close();
});

interface OpenApiDocument {
  paths: Record<
    string,
    Record<
      string,
      {
        parameters?: { in: string; name: string; schema: JsonSchema }[];
        requestBody?: { content?: Record<string, { schema: JsonSchema }> };
      }
    >
  >;
}

function operationsOf(document: OpenApiDocument): Operation[] {
  const found: Operation[] = [];
  for (const [path, methods] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(methods)) {
      const parameters = operation.parameters ?? [];
      found.push({
        method: method.toUpperCase(),
        path,
        pathParams: parameters.filter((p) => p.in === 'path').map((p) => p.name),
        query: Object.fromEntries(parameters.filter((p) => p.in === 'query').map((p) => [p.name, p.schema])),
        body: operation.requestBody?.content?.['application/json']?.schema,
      });
    }
  }
  return found;
}

/** Strings that have broken servers: storage, parsing, encoding, size. */
const nastyStrings = fc.constantFrom(
  '',
  ' ',
  'a\u0000b',
  '\u0000',
  'a\ud800',
  '\udfffz',
  '🚀日本語 café',
  '\u202e\u200b',
  'x'.repeat(5000),
  'x'.repeat(200_000),
  '0000-01-01T00:00:00Z',
  '+099999-01-01T00:00:00Z',
  '9999-12-31T23:59:59-14:00',
  '2024-02-30T00:00:00Z',
  '-1',
  '1e309',
  'NaN',
  'null',
  'true',
  '__proto__',
  'constructor',
  "'; DROP TABLE sessions; --",
  '%00',
  '../../etc/passwd',
  'http://169.254.169.254/latest/meta-data',
  'javascript:alert(1)',
  'http://[::1]:80/',
  'http://a\u0000b.example/',
  'ftp://example.com/',
  '00000000-0000-0000-0000-000000000000',
);

const nastyNumbers = fc.constantFrom(
  -1,
  0,
  0.5,
  -0,
  2 ** 31,
  2 ** 53,
  Number.MAX_SAFE_INTEGER + 2,
  1e308,
  -1e308,
  Number.MIN_VALUE,
);

/** Any JSON at all, for wrong types. */
const anyJson = fc.jsonValue({ maxDepth: 2 });

function variantsOf(schema: JsonSchema): JsonSchema[] {
  return schema.anyOf ?? schema.oneOf ?? schema.allOf ?? [schema];
}

/** A value of the schema's own shape, often broken on purpose, sometimes of the wrong type. */
function valueFor(schema: JsonSchema, depth = 0): fc.Arbitrary<unknown> {
  const variants = variantsOf(schema);
  if (variants.length > 1 || variants[0] !== schema)
    return fc.oneof(...variants.map((variant) => valueFor(variant, depth)));
  // Mostly the schema's own shape, so that whole requests often get past validation into the route.
  return fc.oneof(
    { weight: 12, arbitrary: shapedValue(schema, depth) },
    { weight: 1, arbitrary: anyJson },
    { weight: 1, arbitrary: nastyStrings },
    { weight: 1, arbitrary: nastyNumbers },
  );
}

function shapedValue(schema: JsonSchema, depth: number): fc.Arbitrary<unknown> {
  if (schema.enum) return fc.oneof(fc.constantFrom(...schema.enum), fc.string());
  if (schema.const !== undefined) return fc.constant(schema.const);
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case 'string':
      if (schema.format === 'uuid') return fc.oneof(fc.uuid(), fc.constantFrom(...knownIds), nastyStrings);
      if (schema.format === 'date-time')
        return fc.oneof(
          fc.date({ noInvalidDate: true }).map((date) => date.toISOString()),
          fc
            .date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true })
            .map((d) => d.toISOString()),
          nastyStrings,
        );
      return fc.oneof(
        ...matching(schema),
        fc.string({ minLength: schema.minLength ?? 0, maxLength: Math.min(schema.maxLength ?? 50, 200) }),
        fc.string({ unit: 'binary', maxLength: 20 }),
        fc.constant('http://127.0.0.1:9/'),
        nastyStrings,
        nastyStrings,
      );
    case 'integer':
    case 'number':
      return fc.oneof(
        fc.integer({ min: schema.minimum ?? -10, max: Math.min(schema.maximum ?? 1000, 1e6) }),
        fc.double({ noNaN: true }),
        nastyNumbers,
      );
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array':
      return depth > 3
        ? fc.constant([])
        : fc.oneof(
            fc.array(valueFor(schema.items ?? {}, depth + 1), { maxLength: 4 }),
            fc.constant(Array.from({ length: 2000 }, () => 'a')),
          );
    case 'object':
      return depth > 3 ? fc.constant({}) : objectFor(schema, depth);
    default:
      return anyJson;
  }
}

/** Strings of the schema's pattern, when fast-check can generate from it. */
function matching(schema: JsonSchema): fc.Arbitrary<string>[] {
  if (!schema.pattern) return [];
  try {
    return [fc.stringMatching(new RegExp(schema.pattern))];
  } catch {
    return [];
  }
}

/** Each property present or not (required ones too), plus now and then a field nobody declared. */
function objectFor(schema: JsonSchema, depth: number): fc.Arbitrary<Record<string, unknown>> {
  const properties = Object.entries(schema.properties ?? {});
  const required = new Set(schema.required ?? []);
  const declared = fc.record(
    Object.fromEntries(properties.map(([name, property]) => [name, valueFor(property, depth + 1)])),
    // Required fields are mostly there; a missing one is also tried.
    { requiredKeys: properties.map(([name]) => name).filter((name) => required.has(name)) },
  );
  const missing = fc.record(
    Object.fromEntries(properties.map(([name, property]) => [name, valueFor(property, depth + 1)])),
    { requiredKeys: [] },
  );
  const extra = fc.option(
    fc.dictionary(fc.oneof(fc.string({ maxLength: 8 }), nastyStrings), anyJson, { maxKeys: 2 }),
    {
      freq: 4,
    },
  );
  return fc
    .tuple(fc.oneof({ weight: 4, arbitrary: declared }, { weight: 1, arbitrary: missing }), extra)
    .map(([values, more]) => ({ ...(more ?? {}), ...(values as Record<string, unknown>) }));
}

/** Every byte percent-encoded (encodeURIComponent throws on a lone surrogate; UTF-8 turns it into U+FFFD). */
function percentEncode(value: string): string {
  return [...Buffer.from(value, 'utf8')].map((byte) => `%${byte.toString(16).padStart(2, '0')}`).join('');
}

/**
 * A path parameter: a real id, a random one, or something no router or database expects. DELETE
 * never gets a real id: the sessions must stay for the other operations to reach past their lookup.
 */
function pathParam(method: string): fc.Arbitrary<string> {
  const known = fc.constant(null).chain(() => fc.constantFrom(...knownIds));
  return fc.oneof(
    ...(method === 'DELETE' ? [] : [{ weight: 3, arbitrary: known }]),
    { weight: 2, arbitrary: fc.uuid() },
    { weight: 3, arbitrary: fc.oneof(nastyStrings, fc.string({ maxLength: 40 })).map(percentEncode) },
    { weight: 1, arbitrary: fc.constantFrom('%E0%A4%A', '%', '%zz', '..', '%2F', 'a'.repeat(300)) },
  );
}

function queryFor(operation: Operation): fc.Arbitrary<string> {
  const declared = fc.record(
    Object.fromEntries(
      Object.entries(operation.query).map(([name, schema]) => [
        name,
        valueFor(schema).map((value) => (typeof value === 'string' ? value : JSON.stringify(value))),
      ]),
    ),
    { requiredKeys: [] },
  );
  const encoded = declared.map((values) => new URLSearchParams(values as Record<string, string>).toString());
  const names = Object.keys(operation.query);
  const raw = fc.constantFrom(
    'a=%',
    '%%%',
    '&&&=',
    '__proto__[x]=1',
    ...names.flatMap((name) => [
      `${name}=1&${name}=2`,
      `${name}[]=x`,
      `${name}=%00`,
      `${name}=%ED%A0%80`,
      `${name}`,
    ]),
  );
  return fc.oneof({ weight: 4, arbitrary: encoded }, { weight: 1, arbitrary: raw });
}

/** The body as the client sends it: JSON of a (broken) value, broken JSON, or another content type. */
function bodyFor(operation: Operation): fc.Arbitrary<{ payload?: string; contentType?: string }> {
  const json = (operation.body ? valueFor(operation.body) : anyJson).map((value) => ({
    payload: JSON.stringify(value) ?? 'null',
    contentType: 'application/json',
  }));
  const broken = fc.constantFrom(
    { payload: '{"name": ', contentType: 'application/json' },
    { payload: '{"a":"\\ud800"}', contentType: 'application/json' },
    { payload: '{"a":"\\u0000"}', contentType: 'application/json' },
    { payload: '{"__proto__":{"x":1}}', contentType: 'application/json' },
    { payload: '{"constructor":{"prototype":{"x":1}}}', contentType: 'application/json' },
    { payload: '[]', contentType: 'application/json; charset=utf-16' },
    { payload: 'name=x', contentType: 'application/x-www-form-urlencoded' },
    { payload: 'plain text', contentType: 'text/plain' },
    { payload: '<a/>', contentType: 'application/xml' },
    { payload: '--x\r\n\r\n--x--', contentType: 'multipart/form-data; boundary=x' },
    { payload: '{}', contentType: 'garbage' },
    { payload: '{}', contentType: undefined },
    { payload: undefined, contentType: 'application/json' },
    { payload: `"${'x'.repeat(2 * 1024 * 1024)}"`, contentType: 'application/json' },
  );
  return fc.oneof({ weight: 4, arbitrary: json }, { weight: 1, arbitrary: broken });
}

function requestFor(operation: Operation): fc.Arbitrary<FuzzRequest> {
  return fc
    .record({
      params: fc.tuple(...operation.pathParams.map(() => pathParam(operation.method))),
      query: queryFor(operation),
      body: bodyFor(operation),
      authenticated: fc.oneof(
        { weight: 4, arbitrary: fc.constant(true) },
        { weight: 1, arbitrary: fc.constant(false) },
      ),
    })
    .map(({ params, query, body, authenticated }) => {
      let path = operation.path;
      operation.pathParams.forEach((name, index) => {
        path = path.replace(`{${name}}`, params[index]!);
      });
      const headers: Record<string, string> = {};
      if (authenticated) Object.assign(headers, testApp.administrator.headers);
      if (body.contentType) headers['content-type'] = body.contentType;
      const hasBody = operation.method !== 'GET' && operation.method !== 'HEAD';
      return {
        method: operation.method,
        url: query ? `${path}?${query}` : path,
        headers,
        ...(hasBody && body.payload !== undefined ? { payload: body.payload } : {}),
      };
    });
}

function describeRequest(request: FuzzRequest): string {
  const payload = request.payload ?? '';
  const shown = payload.length > 500 ? `${payload.slice(0, 500)}… (${payload.length} characters)` : payload;
  const headers = {
    ...request.headers,
    ...(request.headers.authorization ? { authorization: 'Bearer <owner key>' } : {}),
  };
  return `${request.method} ${request.url.slice(0, 500)}\n${JSON.stringify(headers)}\n${JSON.stringify(shown)}`;
}

/**
 * A script test run (issue 11) that passes validation needs a browser: the one worker registered
 * here listens nowhere, so a well-formed run answers 503 WORKER_UNAVAILABLE (or NO_WORKER_AVAILABLE).
 * That is the platform's state, the same for any input, not an input the API failed to handle.
 */
function isWorkerState(operation: Operation, response: { statusCode: number; body: string }): boolean {
  if (response.statusCode !== 503 || !/^\/api\/v1\/scripts\/(\{id\}\/)?test$/.test(operation.path))
    return false;
  const { code } = JSON.parse(response.body) as { code?: unknown };
  return code === 'WORKER_UNAVAILABLE' || code === 'NO_WORKER_AVAILABLE';
}

describe('issue 9: malformed input to every route of the OpenAPI document never gets a 5xx', () => {
  it('covers the documented API', () => {
    // A guard against a broken document or generator: the API has far more operations than this.
    expect(operations.length).toBeGreaterThan(20);
  });

  // A hundred requests per operation: the time grows with the API (108 operations after issue 11).
  // Measured alone on the shared 2-core machine at load 13: 28 s for this test, 48 s for the file;
  // 120 s bounds it with room, past the suite's default 60 s per test.
  it('answers every generated request below 500, in the API error shape', { timeout: 120_000 }, async () => {
    for (const operation of operations) {
      await fc.assert(
        fc.asyncProperty(requestFor(operation), async (request) => {
          const response = await testApp.app.inject({
            method: request.method as 'GET',
            url: request.url,
            headers: request.headers,
            ...(request.payload === undefined ? {} : { payload: request.payload }),
          });
          const failure = `${describeRequest(request)}\n→ ${response.statusCode} ${response.body.slice(0, 500)}`;
          if (response.statusCode >= 500 && !isWorkerState(operation, response)) {
            throw new Error(`5xx for\n${failure}`);
          }
          if (response.statusCode >= 400) {
            const body = JSON.parse(response.body) as { code?: unknown; message?: unknown };
            if (typeof body.code !== 'string' || typeof body.message !== 'string')
              throw new Error(`an error outside the API shape for\n${failure}`);
          }
        }),
        { seed: SEED, numRuns: RUNS_PER_OPERATION, endOnFailure: true },
      );
    }
  });
});

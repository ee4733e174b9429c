import net from 'node:net';
import { errorResponseSchema } from '@fleetwright/contracts';
import { startTestDatabase, type TestDatabase } from '@fleetwright/testing/database';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, startServer } from '../src/server.ts';
import { signInAdministrator, testLogger } from './support.ts';

let testDatabase: TestDatabase;
let server: RunningServer;
let apiKey: string;

beforeAll(async () => {
  testDatabase = await startTestDatabase();
  server = await startServer({
    config: testDatabase.config,
    logger: testLogger(),
    database: testDatabase.database,
    boss: testDatabase.boss,
    maintenance: false,
  });
  ({ apiKey } = await signInAdministrator(server.app, testDatabase.config));
});
afterAll(async () => {
  await server?.close();
  await testDatabase?.stop();
});

interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/**
 * Writes `request` as it is on a new connection and reads until the server closes it: what a
 * client that speaks broken HTTP gets, with nothing in between to tidy the answer up.
 */
function sendRaw(request: string | Buffer): Promise<RawResponse> {
  const { port } = new URL(server.url);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), '127.0.0.1');
    const chunks: Buffer[] = [];
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('close', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const [head = '', ...rest] = text.split('\r\n\r\n');
      const [statusLine = '', ...headerLines] = head.split('\r\n');
      const headers: Record<string, string> = {};
      for (const line of headerLines) {
        const colon = line.indexOf(':');
        headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
      }
      resolve({ status: Number(statusLine.split(' ')[1]), headers, body: rest.join('\r\n\r\n') });
    });
    socket.end(request);
  });
}

/** The API's error shape and nothing else (Fastify's own adds `error` and `statusCode`). */
function expectApiError(response: RawResponse, status: number, code: string): void {
  expect(response.status, JSON.stringify(response)).toBe(status);
  expect(response.headers['content-type']).toMatch(/^application\/json/);
  const body = JSON.parse(response.body) as Record<string, unknown>;
  expect(errorResponseSchema.strict().safeParse(body).success, response.body).toBe(true);
  expect(body.code).toBe(code);
}

const auth = () => `Authorization: Bearer ${apiKey}\r\n`;

describe('issue 9: every error before a route runs has the API shape { code, message }', () => {
  it('answers request headers that are too large with 431 and closes the connection', async () => {
    const response = await sendRaw(
      `GET /api/v1/sessions HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`,
    );
    expectApiError(response, 431, 'HEADERS_TOO_LARGE');
    expect(response.headers.connection).toBe('close');
  });

  it('answers an unparsable request with 400 and closes the connection', async () => {
    const response = await sendRaw('this is not HTTP\r\n\r\n');
    expectApiError(response, 400, 'MALFORMED_REQUEST');
    expect(response.headers.connection).toBe('close');
  });

  it('answers a header line without a colon with 400', async () => {
    const response = await sendRaw('GET /healthz HTTP/1.1\r\nHost: x\r\nno colon here\r\n\r\n');
    expectApiError(response, 400, 'MALFORMED_REQUEST');
  });

  it('answers broken chunked encoding with 400', async () => {
    const response = await sendRaw(
      `POST /api/v1/sessions HTTP/1.1\r\nHost: x\r\n${auth()}Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n`,
    );
    expectApiError(response, 400, 'MALFORMED_REQUEST');
  });

  it('answers bad percent-encoding in the path with 400', async () => {
    const response = await sendRaw(
      `GET /api/v1/sessions/%E0%A4%A HTTP/1.1\r\nHost: x\r\n${auth()}Connection: close\r\n\r\n`,
    );
    expectApiError(response, 400, 'INVALID_URL');
  });

  it('answers a path parameter longer than the router takes with 414', async () => {
    const response = await sendRaw(
      `GET /api/v1/sessions/${'a'.repeat(500)} HTTP/1.1\r\nHost: x\r\n${auth()}Connection: close\r\n\r\n`,
    );
    expectApiError(response, 414, 'URI_TOO_LONG');
  });

  it('answers an unknown route, and an unknown method on a known path, with 404', async () => {
    expectApiError(
      await sendRaw(`GET /api/v1/nothing-here HTTP/1.1\r\nHost: x\r\n${auth()}Connection: close\r\n\r\n`),
      404,
      'ROUTE_NOT_FOUND',
    );
    expectApiError(
      await sendRaw(`PROPFIND /api/v1/sessions HTTP/1.1\r\nHost: x\r\n${auth()}Connection: close\r\n\r\n`),
      404,
      'ROUTE_NOT_FOUND',
    );
  });

  it('answers a body that is not JSON, and a body in a type the API does not read, in the same shape', async () => {
    expectApiError(
      await sendRaw(
        `POST /api/v1/sessions HTTP/1.1\r\nHost: x\r\n${auth()}Content-Type: application/json\r\nContent-Length: 3\r\nConnection: close\r\n\r\n{{{`,
      ),
      400,
      'INVALID_JSON',
    );
    expectApiError(
      await sendRaw(
        `POST /api/v1/sessions HTTP/1.1\r\nHost: x\r\n${auth()}Content-Type: application/xml\r\nContent-Length: 2\r\nConnection: close\r\n\r\nhi`,
      ),
      415,
      'UNSUPPORTED_MEDIA_TYPE',
    );
  });
});

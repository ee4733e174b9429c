import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpPoster, RESPONSE_EXCERPT_BYTES } from '../src/webhooks/http-post.ts';

/** Issue 11: how a webhook or notification POST ends, against a real loopback server. */

let server: Server;
let base: string;

beforeAll(async () => {
  server = createServer((request, response) => {
    request.resume();
    if (request.url === '/silent') return; // never answers
    if (request.url === '/chatty') {
      response.end('x'.repeat(RESPONSE_EXCERPT_BYTES * 50));
      return;
    }
    if (request.url === '/moved') {
      response.writeHead(302, { location: '/elsewhere' });
      response.end();
      return;
    }
    response.end('ok');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe('a guarded POST', () => {
  it('gives up on a receiver that does not answer within WEBHOOK_TIMEOUT_MS, and says so', async () => {
    const poster = new HttpPoster({ allowPrivate: true, timeoutMs: 300 });
    try {
      const outcome = await poster.post(`${base}/silent`, '{}');
      expect(outcome).toMatchObject({
        ok: false,
        statusCode: null,
        error: 'The receiver did not answer in time.',
      });
    } finally {
      await poster.close();
    }
  });

  it('keeps only the first 2 KiB of a long answer', async () => {
    const poster = new HttpPoster({ allowPrivate: true, timeoutMs: 5000 });
    try {
      const outcome = await poster.post(`${base}/chatty`, '{}');
      expect(outcome.ok).toBe(true);
      expect(outcome.responseExcerpt).toHaveLength(RESPONSE_EXCERPT_BYTES);
    } finally {
      await poster.close();
    }
  });

  it('does not follow a redirect: a 3xx is not a delivery', async () => {
    const poster = new HttpPoster({ allowPrivate: true, timeoutMs: 5000 });
    try {
      expect(await poster.post(`${base}/moved`, '{}')).toMatchObject({ ok: false, statusCode: 302 });
    } finally {
      await poster.close();
    }
  });

  it('refuses loopback, private and metadata addresses unless they are private targets', async () => {
    const poster = new HttpPoster({ allowPrivate: false, timeoutMs: 5000 });
    try {
      for (const url of [`${base}/ok`, 'http://169.254.169.254/latest/meta-data', 'http://[::1]:9/']) {
        const outcome = await poster.post(url, '{}');
        expect([url, outcome.ok, outcome.statusCode]).toEqual([url, false, null]);
        expect(outcome.error).toMatch(/not allowed|loopback|link-local|private|metadata/i);
      }
      expect(await poster.post(`${base}/ok`, '{}', { privateTargets: ['127.0.0.1'] })).toMatchObject({
        ok: true,
        statusCode: 200,
      });
    } finally {
      await poster.close();
    }
  });
});

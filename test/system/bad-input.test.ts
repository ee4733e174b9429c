import type { ErrorResponse } from '@fleetwright/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Platform, startPlatform } from '../support/platform.ts';

let platform: Platform;
beforeAll(async () => {
  platform = await startPlatform({ workers: 0 });
});
afterAll(async () => {
  await platform?.stop();
});

const valid = { name: 'ok', startUrl: 'http://127.0.0.1:9/' };

async function total(): Promise<number> {
  const { body } = await platform.api<{ total: number }>('GET', '/sessions');
  return body.total;
}

describe('bad input gets a 4xx naming the field and writes nothing', () => {
  it.each([
    ['an invalid URL', { ...valid, startUrl: 'not a url' }, 'VALIDATION_ERROR', 'startUrl'],
    ['a file: URL', { ...valid, startUrl: 'file:///etc/passwd' }, 'VALIDATION_ERROR', 'startUrl'],
    ['an unknown device', { ...valid, device: 'Nokia 3310' }, 'UNKNOWN_DEVICE', 'device'],
    [
      'a min interval above the max',
      { ...valid, script: { source: '1', intervalMin: 10, intervalMax: 5 } },
      'VALIDATION_ERROR',
      'script.intervalMin',
    ],
    [
      'an oversized script',
      { ...valid, script: { source: 'x'.repeat(100_001), intervalMin: 1, intervalMax: 2 } },
      'VALIDATION_ERROR',
      'script.source',
    ],
    [
      'a proxy URL without a port',
      { ...valid, proxyUrl: 'http://127.0.0.1' },
      'VALIDATION_ERROR',
      'proxyUrl',
    ],
    [
      'a SOCKS5 proxy with credentials',
      { ...valid, proxyUrl: 'socks5://user:pass@127.0.0.1:1080' },
      'VALIDATION_ERROR',
      'proxyUrl',
    ],
    ['an unknown field', { ...valid, stealth: true }, 'VALIDATION_ERROR', undefined],
  ])('refuses %s', async (_title, body, code, field) => {
    const before = await total();
    const response = await platform.api<ErrorResponse>('POST', '/sessions', body);
    expect(response.status).toBe(400);
    expect(response.body.code).toBe(code);
    if (field) expect(response.body.field).toBe(field);
    expect(response.body.message.length).toBeGreaterThan(0);
    expect(await total()).toBe(before);
  });

  it('refuses malformed JSON', async () => {
    const response = await platform.api<ErrorResponse>('POST', '/sessions', '{"name": ');
    expect(response.status).toBe(400);
    expect(response.body.code).toBe('INVALID_JSON');
  });

  it('answers 404 for an unknown id and 400 naming the id for a malformed one', async () => {
    const missing = await platform.api<ErrorResponse>(
      'GET',
      '/sessions/00000000-0000-4000-8000-000000000000',
    );
    expect(missing.status).toBe(404);
    expect(missing.body.code).toBe('SESSION_NOT_FOUND');
    const malformed = await platform.api<ErrorResponse>('POST', '/sessions/nope/evaluate', {
      expression: '1',
    });
    expect(malformed.status).toBe(400);
    expect(malformed.body.field).toBe('id');
  });

  it('reports not ready while no worker is alive', async () => {
    const response = await fetch(`${platform.baseUrl}/readyz`);
    expect(response.status).toBe(503);
    expect((await fetch(`${platform.baseUrl}/healthz`)).status).toBe(200);
  });
});

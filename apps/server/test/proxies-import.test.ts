import type { ImportProxiesResponse } from '@fleetwright/contracts';
import { createLogger } from '@fleetwright/logger';
import { openColumn } from '@fleetwright/secrets';
import { startSite, type TestSite } from '@fleetwright/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type InjectOptions, startTestApp, type TestApp } from './support.ts';

/**
 * Issue 10, importing into the pool: every format and broken line, merging, dry runs, the quota,
 * one transaction, 100,000 lines, a list fetched from a URL (private targets allowed here, as in
 * development: the list is served from 127.0.0.1).
 */
let testApp: TestApp;
let site: TestSite;
/** Every log line the app wrote, at trace level, kept here instead of printed. */
const logLines: string[] = [];
const api = (options: InjectOptions) => testApp.api(options);

beforeAll(async () => {
  site = await startSite({
    '/list.txt': '# from a URL\n1.1.1.1:3128\nsocks5://u:p@2.2.2.2:1080\n',
    '/list.csv': 'host,port,tags\n3.3.3.3,8080,from-csv\n',
  });
  const logger = createLogger({
    name: 'proxies-import-test',
    level: 'trace',
    format: 'json',
    hooks: {
      streamWrite: (line: string) => {
        logLines.push(line);
        return '';
      },
    },
  });
  testApp = await startTestApp({ env: { RATE_LIMIT_API_PER_MINUTE: '100000' }, build: { logger } });
  await setProxyQuota(200_000);
});
afterAll(async () => {
  await testApp?.close();
  await site?.close();
});
beforeEach(async () => {
  await testApp.testDatabase.database.pool.query('DELETE FROM proxies');
});

async function setProxyQuota(proxies: number): Promise<void> {
  const response = await api({
    method: 'PATCH',
    url: `/api/v1/admin/organizations/${testApp.administrator.organizationId}`,
    payload: { quotaOverrides: { proxies, apiRequestsPerMinute: 100_000 } },
  });
  expect(response.statusCode, response.body).toBe(200);
}

async function importList(
  body: string | object,
  options: { contentType?: string; query?: string } = {},
): Promise<{
  status: number;
  answer: ImportProxiesResponse & { code?: string; field?: string };
  body: string;
}> {
  const response = await api({
    method: 'POST',
    url: `/api/v1/proxies/import${options.query ?? ''}`,
    payload: body,
    headers: {
      'content-type': options.contentType ?? (typeof body === 'string' ? 'text/plain' : 'application/json'),
    },
  });
  return { status: response.statusCode, answer: response.json(), body: response.body };
}

interface StoredProxy {
  id: string;
  protocol: string;
  host: string;
  port: number;
  username: string | null;
  password: string | null;
  tags: string[];
}

async function stored(): Promise<StoredProxy[]> {
  const { rows } = await testApp.testDatabase.database.pool.query<StoredProxy>(
    'SELECT id, protocol, host, port, username, password, tags FROM proxies ORDER BY host, port, username',
  );
  return rows;
}

function passwordOf(row: StoredProxy): string | null {
  return openColumn(testApp.app.keyring, row.password, `proxies.password:${row.id}`);
}

describe('txt', () => {
  it('imports every form, skipping blank lines and comments', async () => {
    const list = [
      '# my proxies',
      '10.0.0.1:8080',
      '',
      '10.0.0.2:8080:bob:pa:ss',
      '  carol:s3cret@10.0.0.3:3128  ',
      'socks5://dave:p%40ss@Proxy.Example.com:1080',
      'https://[2001:db8::1]:8443',
      'socks4://10.0.0.4:1080/',
      '\r',
    ].join('\r\n');
    const { status, answer, body } = await importList(list);
    expect(status, body).toBe(200);
    expect(answer).toMatchObject({
      imported: 6,
      merged: 0,
      invalid: [],
      invalidCount: 0,
      total: 6,
      dryRun: false,
    });
    expect(body).not.toMatch(/pa:ss|s3cret|p@ss/);
    const rows = await stored();
    expect(rows.map(({ protocol, host, port, username }) => [protocol, host, port, username])).toEqual([
      ['http', '10.0.0.1', 8080, null],
      ['http', '10.0.0.2', 8080, 'bob'],
      ['http', '10.0.0.3', 3128, 'carol'],
      ['socks4', '10.0.0.4', 1080, null],
      ['https', '2001:db8::1', 8443, null],
      ['socks5', 'proxy.example.com', 1080, 'dave'],
    ]);
    expect(rows.map(passwordOf)).toEqual([null, 'pa:ss', 's3cret', null, null, 'p@ss']);
    // Encrypted at rest: the column holds no password in clear.
    for (const row of rows)
      for (const secret of ['pa:ss', 's3cret', 'p@ss']) expect(row.password ?? '').not.toContain(secret);
  });

  it('reports every broken line with its number and the field at fault, and imports the rest', async () => {
    const list = [
      'ok.example.com:8080', // 1
      'ok.example.com:0', // 2
      'ok.example.com:65536', // 3
      'ok.example.com:http', // 4
      'ftp://ok.example.com:21', // 5
      'ok.example.com', // 6
      ':8080', // 7
      'bad_host!:8080', // 8
      '2001:db8::1:8080', // 9
      '[2001:db8::1:8080', // 10
      'user:pass@host.example.com:80:extra', // 11
      'http://h.example.com:80/path', // 12
      '# fine', // 13
      'good.example.com:3128', // 14
    ].join('\n');
    const { answer } = await importList(list);
    expect(answer.imported).toBe(2);
    expect(answer.total).toBe(13);
    expect(answer.invalidCount).toBe(11);
    expect(answer.invalid.map(({ line, field }) => [line, field])).toEqual([
      [2, 'port'],
      [3, 'port'],
      [4, 'port'],
      [5, 'protocol'],
      [6, 'port'],
      [7, 'host'],
      [8, 'host'],
      [9, 'host'],
      [10, 'host'],
      [11, 'port'],
      [12, undefined],
    ]);
    expect(answer.invalid[0]!.reason).toMatch(/port 0 is out of range/);
    expect(answer.invalid[3]!.reason).toMatch(/unknown protocol "ftp"/);
    expect((await stored()).map((row) => row.host)).toEqual(['good.example.com', 'ok.example.com']);
  });

  it('tags every line with ?tags=', async () => {
    const { answer } = await importList('1.2.3.4:80\n', { query: '?tags=batch-1,eu' });
    expect(answer.imported).toBe(1);
    expect((await stored())[0]!.tags).toEqual(['batch-1', 'eu']);
    const bad = await importList('1.2.3.4:80\n', { query: '?tags=has space' });
    expect(bad.status).toBe(400);
    expect(bad.answer).toMatchObject({ code: 'VALIDATION_ERROR', field: 'tags.0' });
  });
});

describe('csv', () => {
  it('reads the header, quoted cells and tags, and reports broken rows by line', async () => {
    const list = [
      'Protocol,Host,Port,Username,Password,Tags',
      'socks5,10.1.0.1,1080,ann,"pa,ss#1","eu;fast"',
      '# a comment line',
      'http,10.1.0.2,99999,,,',
      'gopher,10.1.0.3,80,,,',
      ',,,,,',
      'https,10.1.0.4,443,,,dc|us',
    ].join('\n');
    const { status, answer, body } = await importList(list, { contentType: 'text/csv; charset=utf-8' });
    expect(status, body).toBe(200);
    expect(answer).toMatchObject({ imported: 2, invalidCount: 2, total: 4 });
    expect(answer.invalid).toEqual([
      expect.objectContaining({ line: 4, field: 'port' }),
      expect.objectContaining({ line: 5, field: 'protocol' }),
    ]);
    const rows = await stored();
    expect(rows.map(({ protocol, host, username, tags }) => [protocol, host, username, tags])).toEqual([
      ['socks5', '10.1.0.1', 'ann', ['eu', 'fast']],
      ['https', '10.1.0.4', null, ['dc', 'us']],
    ]);
    expect(passwordOf(rows[0]!)).toBe('pa,ss#1');
  });

  it('takes a url column in a txt form', async () => {
    const { answer } = await importList('url,tags\nhttp://u:p@10.2.0.1:80,x\n10.2.0.2:81,\n', {
      query: '?format=csv',
    });
    expect(answer).toMatchObject({ imported: 2, invalidCount: 0 });
  });

  it('refuses a header without host and port with 400 naming it, and writes nothing', async () => {
    const { status, answer } = await importList('ip_address;port_number\n1.2.3.4;80\n', {
      contentType: 'text/csv',
    });
    expect(status).toBe(400);
    expect(answer).toMatchObject({ code: 'PROXY_LIST_INVALID', field: 'header' });
    expect(await stored()).toEqual([]);
  });
});

describe('json', () => {
  it('imports objects and strings, and reports the entries that are neither', async () => {
    const { status, answer, body } = await importList([
      {
        protocol: 'socks5',
        host: '10.3.0.1',
        port: 1080,
        username: 'u',
        password: 'json-secret',
        tags: ['a'],
      },
      'http://10.3.0.2:8080',
      { host: '10.3.0.3', port: '3128' },
      42,
      { host: '10.3.0.4' },
      { host: '10.3.0.5', port: 80, protocol: 'smtp' },
      { host: ['10.3.0.6'], port: 80 },
    ]);
    expect(status, body).toBe(200);
    expect(body).not.toContain('json-secret');
    expect(answer).toMatchObject({ imported: 3, total: 7, invalidCount: 4 });
    expect(answer.invalid.map(({ line, field }) => [line, field])).toEqual([
      [4, undefined],
      [5, 'port'],
      [6, 'protocol'],
      [7, 'host'],
    ]);
  });

  it('reads a JSON list sent as text with ?format=json, and refuses malformed JSON with 400', async () => {
    const good = await importList('[{"host":"10.4.0.1","port":80}]', { query: '?format=json' });
    expect(good.answer.imported).toBe(1);
    const broken = await importList('[{"host":"10.4.0.2",', { query: '?format=json' });
    expect(broken.status).toBe(400);
    expect(broken.answer.code).toBe('INVALID_JSON');
    const brokenBody = await importList('[{"host":', { contentType: 'application/json' });
    expect(brokenBody.status).toBe(400);
    expect(brokenBody.answer.code).toBe('INVALID_JSON');
    const notAList = await importList('{"host":"10.4.0.3","port":80}', { query: '?format=json' });
    expect(notAList.status).toBe(400);
    expect(notAList.answer.code).toBe('PROXY_LIST_INVALID');
    expect((await stored()).map((row) => row.host)).toEqual(['10.4.0.1']);
  });
});

describe('duplicates', () => {
  it('merge within the list and with the pool: tags unioned, the password replaced when given', async () => {
    const first = await importList(
      ['10.5.0.1:80:user:first', '10.5.0.1:80:user', '10.5.0.2:80', 'http://user:first@10.5.0.1:80'].join(
        '\n',
      ),
      { query: '?tags=one' },
    );
    expect(first.answer).toMatchObject({ imported: 2, merged: 2 });
    const [row] = await stored();
    expect(passwordOf(row!)).toBe('first');

    const second = await importList(['10.5.0.1:80:user:second', '10.5.0.2:80', '10.5.0.3:80'].join('\n'), {
      query: '?tags=two',
    });
    expect(second.answer).toMatchObject({ imported: 1, merged: 2 });
    const rows = await stored();
    expect(rows.map(({ host, tags }) => [host, tags])).toEqual([
      ['10.5.0.1', ['one', 'two']],
      ['10.5.0.2', ['one', 'two']],
      ['10.5.0.3', ['two']],
    ]);
    expect(rows[0]!.id).toBe(row!.id);
    expect(passwordOf(rows[0]!)).toBe('second');
    // No password on a merging line keeps the stored one.
    await importList('10.5.0.1:80:user\n');
    expect(passwordOf((await stored())[0]!)).toBe('second');
  });

  it('merge across batches of the same import (more than 1000 lines)', async () => {
    const lines = Array.from({ length: 1500 }, (_, i) => `10.6.${Math.floor(i / 250)}.${i % 250}:80`);
    const list = [
      ...lines,
      ...lines.slice(0, 1200).map((line) => `${line}:u:p`),
      ...lines.slice(0, 1100),
    ].join('\n');
    const { answer } = await importList(list);
    expect(answer).toMatchObject({ imported: 2700, merged: 1100, total: 3800 });
    const { rows } = await testApp.testDatabase.database.pool.query(
      `SELECT count(*)::int AS all, count(password)::int AS with_password FROM proxies`,
    );
    expect(rows[0]).toEqual({ all: 2700, with_password: 1200 });
  });
});

describe('a dry run', () => {
  const importEntries = async () => {
    const { rows } = await testApp.testDatabase.database.pool.query(
      `SELECT count(*)::int AS n FROM audit_logs WHERE action = 'proxy.imported'`,
    );
    return rows[0].n as number;
  };

  it('answers the counts and a preview without passwords, and writes nothing', async () => {
    await importList('10.7.0.1:80\n');
    const before = await stored();
    const audited = await importEntries();
    expect(audited).toBeGreaterThan(0);
    const list = '10.7.0.1:80\n10.7.0.2:80:u:dry-secret\nbad:0\n';
    const { status, answer, body } = await importList(list, { query: '?dryRun=true' });
    expect(status, body).toBe(200);
    expect(answer).toMatchObject({ imported: 1, merged: 1, invalidCount: 1, total: 3, dryRun: true });
    expect(answer.preview).toEqual([
      { line: 1, protocol: 'http', host: '10.7.0.1', port: 80, username: null, hasPassword: false, tags: [] },
      { line: 2, protocol: 'http', host: '10.7.0.2', port: 80, username: 'u', hasPassword: true, tags: [] },
    ]);
    expect(body).not.toContain('dry-secret');
    expect(await stored()).toEqual(before);
    expect(await importEntries()).toBe(audited);
  });
});

describe('the plan quota', () => {
  it('refuses an import that would exceed it whole, naming the quota, even past the first batch', async () => {
    await setProxyQuota(1500);
    try {
      await importList('10.8.0.1:80\n');
      const list = Array.from({ length: 2500 }, (_, i) => `10.9.${Math.floor(i / 250)}.${i % 250}:80`).join(
        '\n',
      );
      const { status, answer } = await importList(list);
      expect(status).toBe(403);
      expect(answer).toMatchObject({ code: 'QUOTA_EXCEEDED', details: { quota: 'proxies', limit: 1500 } });
      expect((await stored()).map((row) => row.host)).toEqual(['10.8.0.1']);
      // Up to the quota is fine: 1499 more.
      const fits = await importList(list.split('\n').slice(0, 1499).join('\n'));
      expect(fits.answer.imported).toBe(1499);
    } finally {
      await setProxyQuota(200_000);
    }
  });
});

describe('a list at a URL', () => {
  it('is downloaded and imported, in the format its extension says', async () => {
    const txt = await importList({ url: `${site.url}/list.txt` });
    expect(txt.status, txt.body).toBe(200);
    expect(txt.answer).toMatchObject({ imported: 2, total: 2 });
    const csv = await importList({ url: `${site.url}/list.csv` });
    expect(csv.answer).toMatchObject({ imported: 1, total: 1 });
    expect((await stored()).map(({ host, tags }) => [host, tags])).toEqual([
      ['1.1.1.1', []],
      ['2.2.2.2', []],
      ['3.3.3.3', ['from-csv']],
    ]);
  });

  it('answers 422 naming url when the list cannot be fetched', async () => {
    const { status, answer } = await importList({ url: `${site.url}/missing.txt` });
    expect(status).toBe(422);
    expect(answer).toMatchObject({ code: 'PROXY_LIST_UNAVAILABLE', field: 'url' });
    expect(answer).not.toHaveProperty('stack');
  });

  it('refuses a URL that is not http(s) naming url', async () => {
    const { status, answer } = await importList({ url: 'file:///etc/passwd' });
    expect(status).toBe(400);
    expect(answer).toMatchObject({ code: 'VALIDATION_ERROR' });
  });
});

describe('100,000 lines', () => {
  it('import in one request', async () => {
    const lines: string[] = [];
    for (let i = 0; i < 100_000; i++) {
      const host = `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`;
      lines.push(i % 2 === 0 ? `http://user${i}:pass${i}@${host}:8080` : `${host}:3128`);
    }
    const { status, answer, body } = await importList(lines.join('\n'), { query: '?tags=bulk' });
    expect(status, body.slice(0, 500)).toBe(200);
    expect(answer).toMatchObject({ imported: 100_000, merged: 0, invalidCount: 0, total: 100_000 });
    const { rows } = await testApp.testDatabase.database.pool.query(
      `SELECT count(*)::int AS all, count(password)::int AS with_password FROM proxies WHERE 'bulk' = ANY(tags)`,
    );
    expect(rows[0]).toEqual({ all: 100_000, with_password: 50_000 });
  }, 120_000);
});

describe('the log', () => {
  it('never carries a password, whatever was imported or refused above', () => {
    expect(logLines.length).toBeGreaterThan(0);
    const log = logLines.join('');
    for (const password of ['s3cret', 'json-secret', 'dry-secret', 'pa,ss#1', 'pass99998']) {
      expect(log).not.toContain(password);
    }
  });
});

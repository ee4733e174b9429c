import { randomUUID } from 'node:crypto';
import { MAX_SCRIPT_LENGTH, type Script } from '@fleetwright/contracts';
import { insertOrganization } from '@fleetwright/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type InjectOptions, startTestApp, type TestApp } from './support.ts';

/**
 * Issue 11, scripts: the library (create, read, search, tag, edit, delete), immutable versions
 * with author and time, diff of any two, roll back as a new version, bad input naming the field
 * with nothing written, and another organization's scripts answering 404.
 */
let testApp: TestApp;
const api = (options: InjectOptions) => testApp.api(options);

beforeAll(async () => {
  testApp = await startTestApp();
});
afterAll(async () => {
  await testApp?.close();
});

async function create(payload: object): Promise<Script> {
  const response = await api({ method: 'POST', url: '/api/v1/scripts', payload });
  expect(response.statusCode, response.body).toBe(201);
  return response.json();
}

async function countRows(table: 'scripts' | 'script_versions'): Promise<number> {
  const { rows } = await testApp.testDatabase.database.pool.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM ${table}`,
  );
  return rows[0]!.n;
}

describe('the script library', () => {
  it('creates, reads, lists, searches by name or description and filters by tag', async () => {
    const title = await create({
      name: 'Page title',
      description: 'Returns the document title',
      tags: ['seo', 'basics'],
      source: 'return document.title;',
      message: 'first',
    });
    expect(title).toMatchObject({
      name: 'Page title',
      tags: ['seo', 'basics'],
      latestVersion: 1,
      libraries: [],
      source: 'return document.title;',
      visibility: 'private',
      forkedFrom: null,
      downloads: 0,
      rating: { average: null, count: 0 },
    });
    const links = await create({ name: 'Links', description: 'Counts anchors', source: 'return 1;' });
    expect((await api({ method: 'GET', url: `/api/v1/scripts/${title.id}` })).json()).toEqual(title);

    const all = await api({ method: 'GET', url: '/api/v1/scripts' });
    expect(all.json().items.map((item: Script) => item.id)).toEqual(
      expect.arrayContaining([title.id, links.id]),
    );
    expect(all.json().items[0]).not.toHaveProperty('source');
    const byDescription = await api({ method: 'GET', url: '/api/v1/scripts?q=ANCHORS' });
    expect(byDescription.json().items.map((item: Script) => item.id)).toEqual([links.id]);
    // LIKE's wildcards are searched for, not obeyed.
    expect((await api({ method: 'GET', url: '/api/v1/scripts?q=%25' })).json().total).toBe(0);
    const byTag = await api({ method: 'GET', url: '/api/v1/scripts?tag=seo' });
    expect(byTag.json()).toMatchObject({ total: 1, items: [{ id: title.id }] });
  });

  it('saves a new version for a new source, records its author, and edits fields without one', async () => {
    const script = await create({ name: 'Versioned', source: 'return 1;' });
    const renamed = await api({
      method: 'PATCH',
      url: `/api/v1/scripts/${script.id}`,
      payload: { name: 'Renamed', tags: ['x'] },
    });
    expect(renamed.json()).toMatchObject({ name: 'Renamed', tags: ['x'], latestVersion: 1 });
    const saved = await api({
      method: 'PATCH',
      url: `/api/v1/scripts/${script.id}`,
      payload: { source: 'return 2;', message: 'two' },
    });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({ latestVersion: 2, source: 'return 2;' });
    // The same source again is no new version.
    const same = await api({
      method: 'PATCH',
      url: `/api/v1/scripts/${script.id}`,
      payload: { source: 'return 2;' },
    });
    expect(same.json().latestVersion).toBe(2);
    const withLibrary = await api({
      method: 'PATCH',
      url: `/api/v1/scripts/${script.id}`,
      payload: { libraries: ['axe-core'] },
    });
    expect(withLibrary.json()).toMatchObject({
      latestVersion: 3,
      libraries: ['axe-core'],
      source: 'return 2;',
    });

    const { rows: admins } = await testApp.testDatabase.database.pool.query<{ id: string }>(
      'SELECT id FROM users WHERE email = $1',
      [testApp.administrator.email],
    );
    const versions = await api({ method: 'GET', url: `/api/v1/scripts/${script.id}/versions` });
    expect(versions.json()).toMatchObject({
      total: 3,
      items: [
        { version: 3, libraries: ['axe-core'] },
        { version: 2, message: 'two', authorUserId: admins[0]!.id },
        { version: 1 },
      ],
    });
    expect(versions.json().items[0]).not.toHaveProperty('source');
    const first = await api({ method: 'GET', url: `/api/v1/scripts/${script.id}/versions/1` });
    expect(first.json()).toMatchObject({ version: 1, source: 'return 1;', libraries: [] });
    const missing = await api({ method: 'GET', url: `/api/v1/scripts/${script.id}/versions/9` });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().code).toBe('SCRIPT_VERSION_NOT_FOUND');
  });

  it('diffs two versions as a unified patch and structured hunks', async () => {
    const script = await create({ name: 'Diffed', source: 'const a = 1;\nconst b = 2;\nreturn a + b;' });
    await api({
      method: 'PATCH',
      url: `/api/v1/scripts/${script.id}`,
      payload: { source: 'const a = 1;\nconst b = 3;\nreturn a + b;' },
    });
    const diff = await api({ method: 'GET', url: `/api/v1/scripts/${script.id}/diff?from=1&to=2` });
    expect(diff.statusCode, diff.body).toBe(200);
    expect(diff.json().hunks).toEqual([
      {
        oldStart: 1,
        oldLines: 3,
        newStart: 1,
        newLines: 3,
        lines: [' const a = 1;', '-const b = 2;', '+const b = 3;', ' return a + b;'],
      },
    ]);
    expect(diff.json().patch).toContain(
      '--- v1\n+++ v2\n@@ -1,3 +1,3 @@\n const a = 1;\n-const b = 2;\n+const b = 3;',
    );
    const unknown = await api({ method: 'GET', url: `/api/v1/scripts/${script.id}/diff?from=1&to=7` });
    expect(unknown.json()).toMatchObject({ code: 'SCRIPT_VERSION_NOT_FOUND', field: 'to' });
    const bad = await api({ method: 'GET', url: `/api/v1/scripts/${script.id}/diff?from=0&to=2` });
    expect(bad.json()).toMatchObject({ code: 'VALIDATION_ERROR', field: 'from' });
  });

  it('rolls back by saving the old source as a new version', async () => {
    const script = await create({ name: 'Rolled back', source: 'return "good";' });
    await api({ method: 'PATCH', url: `/api/v1/scripts/${script.id}`, payload: { source: 'return "bad";' } });
    const restored = await api({ method: 'POST', url: `/api/v1/scripts/${script.id}/versions/1/restore` });
    expect(restored.statusCode, restored.body).toBe(200);
    expect(restored.json()).toMatchObject({ latestVersion: 3, source: 'return "good";' });
    const third = await api({ method: 'GET', url: `/api/v1/scripts/${script.id}/versions/3` });
    expect(third.json()).toMatchObject({ message: 'Restored version 1', source: 'return "good";' });
    // Version 2 is still there: history is never rewritten.
    const second = await api({ method: 'GET', url: `/api/v1/scripts/${script.id}/versions/2` });
    expect(second.json().source).toBe('return "bad";');
  });

  it('deletes a script with its versions, leaving an audit entry', async () => {
    const script = await create({ name: 'Doomed', source: 'return 0;' });
    const deleted = await api({ method: 'DELETE', url: `/api/v1/scripts/${script.id}` });
    expect(deleted.statusCode).toBe(204);
    expect((await api({ method: 'GET', url: `/api/v1/scripts/${script.id}` })).statusCode).toBe(404);
    const { rows } = await testApp.testDatabase.database.pool.query(
      'SELECT action FROM audit_logs WHERE target_id = $1',
      [script.id],
    );
    expect(rows).toEqual([{ action: 'script.deleted' }]);
    const { rows: versions } = await testApp.testDatabase.database.pool.query(
      'SELECT 1 FROM script_versions WHERE script_id = $1',
      [script.id],
    );
    expect(versions).toEqual([]);
  });
});

describe('the templates', () => {
  it('lists the day-one templates, the full-page screenshot as a flow', async () => {
    const response = await api({ method: 'GET', url: '/api/v1/scripts/templates' });
    expect(response.statusCode, response.body).toBe(200);
    const items = response.json().items as { id: string; kind: string; libraries: string[] }[];
    expect(items.map((item) => item.id)).toEqual([
      'dismiss-cookie-banner',
      'extract-table',
      'web-vitals',
      'broken-links',
      'accessibility-audit',
      'assert-text',
      'page-weight',
      'full-page-screenshot',
    ]);
    expect(items.find((item) => item.id === 'accessibility-audit')?.libraries).toEqual(['axe-core']);
    expect(items.find((item) => item.id === 'full-page-screenshot')?.kind).toBe('flow');
  });
});

describe('bad input', () => {
  const tooLong = 'x'.repeat(MAX_SCRIPT_LENGTH + 1);
  for (const [payload, field] of [
    [{ name: 'Big', source: tooLong }, 'source'],
    [{ name: 'Empty', source: '' }, 'source'],
    [{ name: '', source: 'return 1;' }, 'name'],
    [{ name: 'Lib', source: 'return 1;', libraries: ['jquery'] }, 'libraries.0'],
    [{ name: 'Tag', source: 'return 1;', tags: ['no spaces'] }, 'tags.0'],
    [{ name: 'Extra', source: 'return 1;', owner: 'me' }, 'owner'],
  ] as const) {
    it(`refuses a script ${JSON.stringify(payload).slice(0, 60)} naming ${field}, writing nothing`, async () => {
      const before = [await countRows('scripts'), await countRows('script_versions')];
      const response = await api({ method: 'POST', url: '/api/v1/scripts', payload });
      expect(response.statusCode).toBe(400);
      expect(response.json()).toMatchObject({ code: 'VALIDATION_ERROR', field });
      expect([await countRows('scripts'), await countRows('script_versions')]).toEqual(before);
    });
  }

  it('refuses a new source over the cap on PATCH, keeping the latest version', async () => {
    const script = await create({ name: 'Capped', source: 'return 1;' });
    const response = await api({
      method: 'PATCH',
      url: `/api/v1/scripts/${script.id}`,
      payload: { source: tooLong, name: 'Not renamed' },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ code: 'VALIDATION_ERROR', field: 'source' });
    const after = await api({ method: 'GET', url: `/api/v1/scripts/${script.id}` });
    expect(after.json()).toMatchObject({ name: 'Capped', latestVersion: 1, source: 'return 1;' });
  });
});

describe('a session with a saved script', () => {
  const session = (script: object) => ({
    name: 'scripted',
    startUrl: 'http://127.0.0.1:9/',
    autoStart: false,
    script,
  });
  async function countSessions(): Promise<number> {
    const { rows } = await testApp.testDatabase.database.pool.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM sessions',
    );
    return rows[0]!.n;
  }

  it('takes a script by reference, pinned to a version or following the latest', async () => {
    const script = await create({ name: 'For sessions', source: 'return 1;' });
    const latest = await api({
      method: 'POST',
      url: '/api/v1/sessions',
      payload: session({ scriptId: script.id, intervalMin: 5, intervalMax: 10 }),
    });
    expect(latest.statusCode, latest.body).toBe(201);
    expect(latest.json().script).toEqual({ scriptId: script.id, intervalMin: 5, intervalMax: 10 });
    const pinned = await api({
      method: 'PATCH',
      url: `/api/v1/sessions/${latest.json().id}`,
      payload: { script: { scriptId: script.id, version: 1, intervalMin: 5, intervalMax: 10 } },
    });
    expect(pinned.statusCode, pinned.body).toBe(200);
    expect(pinned.json().script).toMatchObject({ version: 1 });
  });

  it("refuses an unknown script, another organization's, or a missing version with a 404 naming the field, writing nothing", async () => {
    const { db, pool } = testApp.testDatabase.database;
    const other = await insertOrganization(db, { name: 'Them', slug: `them-${randomUUID()}` });
    const theirs = randomUUID();
    await pool.query(`INSERT INTO scripts (id, organization_id, name) VALUES ($1, $2, 'Theirs')`, [
      theirs,
      other.id,
    ]);
    await pool.query(
      `INSERT INTO script_versions (script_id, organization_id, version, source) VALUES ($1, $2, 1, 'return 1;')`,
      [theirs, other.id],
    );
    const mine = await create({ name: 'Mine', source: 'return 1;' });
    const before = await countSessions();
    for (const [script, code, field] of [
      [{ scriptId: randomUUID() }, 'SCRIPT_NOT_FOUND', 'script.scriptId'],
      [{ scriptId: theirs }, 'SCRIPT_NOT_FOUND', 'script.scriptId'],
      [{ scriptId: mine.id, version: 2 }, 'SCRIPT_VERSION_NOT_FOUND', 'script.version'],
    ] as const) {
      const response = await api({
        method: 'POST',
        url: '/api/v1/sessions',
        payload: session({ ...script, intervalMin: 5, intervalMax: 10 }),
      });
      expect([response.statusCode, response.json()]).toEqual([404, expect.objectContaining({ code, field })]);
    }
    expect(await countSessions()).toBe(before);
  });

  it('refuses both source and scriptId, or neither, naming the field', async () => {
    const mine = await create({ name: 'Either', source: 'return 1;' });
    for (const [script, field] of [
      [{ source: 'document.title', scriptId: mine.id }, 'script.scriptId'],
      [{}, 'script.source'],
      [{ source: 'document.title', version: 1 }, 'script.version'],
    ] as const) {
      const response = await api({
        method: 'POST',
        url: '/api/v1/sessions',
        payload: session({ ...script, intervalMin: 5, intervalMax: 10 }),
      });
      expect([response.statusCode, response.json()]).toEqual([400, expect.objectContaining({ field })]);
    }
  });
});

describe('tenancy', () => {
  it("answers 404 for another organization's script and never lists it", async () => {
    const { db, pool } = testApp.testDatabase.database;
    const other = await insertOrganization(db, { name: 'Elsewhere', slug: `elsewhere-${randomUUID()}` });
    const id = randomUUID();
    await pool.query(`INSERT INTO scripts (id, organization_id, name) VALUES ($1, $2, 'Theirs')`, [
      id,
      other.id,
    ]);
    await pool.query(
      `INSERT INTO script_versions (script_id, organization_id, version, source) VALUES ($1, $2, 1, 'return 1;')`,
      [id, other.id],
    );
    for (const [method, url, payload] of [
      ['GET', `/api/v1/scripts/${id}`, undefined],
      ['PATCH', `/api/v1/scripts/${id}`, { source: 'return "mine";' }],
      ['DELETE', `/api/v1/scripts/${id}`, undefined],
      ['GET', `/api/v1/scripts/${id}/versions`, undefined],
      ['GET', `/api/v1/scripts/${id}/versions/1`, undefined],
      ['GET', `/api/v1/scripts/${id}/diff?from=1&to=1`, undefined],
      ['POST', `/api/v1/scripts/${id}/versions/1/restore`, undefined],
    ] as const) {
      const response = await api({ method, url, ...(payload ? { payload } : {}) });
      expect([method, url, response.statusCode, response.json().code]).toEqual([
        method,
        url,
        404,
        'SCRIPT_NOT_FOUND',
      ]);
    }
    expect((await api({ method: 'GET', url: '/api/v1/scripts?pageSize=200' })).body).not.toContain(id);
    const { rows } = await pool.query('SELECT latest_version FROM scripts WHERE id = $1', [id]);
    expect(rows).toEqual([{ latest_version: 1 }]);
  });
});

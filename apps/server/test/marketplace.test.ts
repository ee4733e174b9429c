import { randomUUID } from 'node:crypto';
import type { Script } from '@fleetwright/contracts';
import { insertOrganization } from '@fleetwright/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type InjectOptions, startTestApp, type TestApp } from './support.ts';

/**
 * Issue 11, the marketplace: publish and unpublish (audited), browse and search public scripts of
 * every organization sorted by downloads, rating or newest, read one (a private script of another
 * organization is 404), fork into the caller's organization (forkedFrom kept, downloads + 1), and
 * rate 1–5, one rating per user.
 */
let testApp: TestApp;
const api = (options: InjectOptions) => testApp.api(options);
/** Another organization, with a public and a private script of its own (written as its API would). */
let theirPublic: string;
let theirPrivate: string;

async function insertTheirScript(organizationId: string, name: string, visibility: 'public' | 'private') {
  const id = randomUUID();
  const { pool } = testApp.testDatabase.database;
  await pool.query(
    `INSERT INTO scripts (id, organization_id, name, description, tags, visibility, published_at)
     VALUES ($1, $2, $3, 'Finds prices', '{shop}', $4::script_visibility, CASE WHEN $4 = 'public' THEN now() END)`,
    [id, organizationId, name, visibility],
  );
  await pool.query(
    `INSERT INTO script_versions (script_id, organization_id, version, source, libraries)
     VALUES ($1, $2, 1, 'return document.title;', '{axe-core}')`,
    [id, organizationId],
  );
  return id;
}

beforeAll(async () => {
  testApp = await startTestApp();
  const other = await insertOrganization(testApp.testDatabase.database.db, {
    name: 'Them',
    slug: `them-${randomUUID()}`,
  });
  theirPublic = await insertTheirScript(other.id, 'Price finder', 'public');
  theirPrivate = await insertTheirScript(other.id, 'Price secret', 'private');
});
afterAll(async () => {
  await testApp?.close();
});

async function create(payload: object): Promise<Script> {
  const response = await api({ method: 'POST', url: '/api/v1/scripts', payload });
  expect(response.statusCode, response.body).toBe(201);
  return response.json();
}

describe('the marketplace', () => {
  it('lists public scripts of every organization, never private ones, and searches them', async () => {
    const list = await api({ method: 'GET', url: '/api/v1/marketplace/scripts' });
    expect(list.statusCode, list.body).toBe(200);
    const ids = list.json().items.map((item: Script) => item.id);
    expect(ids).toContain(theirPublic);
    expect(ids).not.toContain(theirPrivate);
    const found = await api({ method: 'GET', url: '/api/v1/marketplace/scripts?q=finder' });
    expect(found.json()).toMatchObject({ total: 1, items: [{ id: theirPublic, visibility: 'public' }] });
    const tagged = await api({ method: 'GET', url: '/api/v1/marketplace/scripts?tag=nothing' });
    expect(tagged.json().total).toBe(0);
  });

  it("reads a public script with its source; another organization's private one is 404", async () => {
    const one = await api({ method: 'GET', url: `/api/v1/marketplace/scripts/${theirPublic}` });
    expect(one.json()).toMatchObject({
      id: theirPublic,
      source: 'return document.title;',
      libraries: ['axe-core'],
    });
    for (const [method, suffix, payload] of [
      ['GET', '', undefined],
      ['POST', '/fork', undefined],
      ['PUT', '/rating', { rating: 5 }],
    ] as const) {
      const response = await api({
        method,
        url: `/api/v1/marketplace/scripts/${theirPrivate}${suffix}`,
        ...(payload ? { payload } : {}),
      });
      expect([method, response.statusCode, response.json().code]).toEqual([method, 404, 'SCRIPT_NOT_FOUND']);
    }
  });

  it('publishes and unpublishes, with an audit entry for each', async () => {
    const mine = await create({ name: 'Mine to share', source: 'return 1;' });
    const published = await api({ method: 'POST', url: `/api/v1/scripts/${mine.id}/publish` });
    expect(published.json()).toMatchObject({ visibility: 'public', publishedAt: expect.any(String) });
    const newest = await api({ method: 'GET', url: '/api/v1/marketplace/scripts?sort=newest' });
    expect(newest.json().items[0].id).toBe(mine.id);
    const withdrawn = await api({ method: 'POST', url: `/api/v1/scripts/${mine.id}/unpublish` });
    expect(withdrawn.json()).toMatchObject({ visibility: 'private', publishedAt: null });
    const list = await api({ method: 'GET', url: '/api/v1/marketplace/scripts' });
    expect(list.body).not.toContain(mine.id);
    const { rows } = await testApp.testDatabase.database.pool.query(
      'SELECT action FROM audit_logs WHERE target_id = $1 ORDER BY created_at',
      [mine.id],
    );
    expect(rows).toEqual([{ action: 'script.published' }, { action: 'script.unpublished' }]);
  });

  it('forks a public script into the caller organization and counts the download', async () => {
    const fork = await api({ method: 'POST', url: `/api/v1/marketplace/scripts/${theirPublic}/fork` });
    expect(fork.statusCode, fork.body).toBe(201);
    expect(fork.json()).toMatchObject({
      name: 'Price finder',
      forkedFrom: theirPublic,
      visibility: 'private',
      latestVersion: 1,
      source: 'return document.title;',
      libraries: ['axe-core'],
    });
    // The fork is the caller's own script now.
    const own = await api({ method: 'GET', url: `/api/v1/scripts/${fork.json().id}` });
    expect(own.statusCode).toBe(200);
    const original = await api({ method: 'GET', url: `/api/v1/marketplace/scripts/${theirPublic}` });
    expect(original.json().downloads).toBe(1);
    const byDownloads = await api({ method: 'GET', url: '/api/v1/marketplace/scripts?sort=downloads' });
    expect(byDownloads.json().items[0].id).toBe(theirPublic);
  });

  it('keeps one rating per user (a second replaces the first) and shows the average and count', async () => {
    const first = await api({
      method: 'PUT',
      url: `/api/v1/marketplace/scripts/${theirPublic}/rating`,
      payload: { rating: 5 },
    });
    expect(first.json().rating).toEqual({ average: 5, count: 1 });
    const again = await api({
      method: 'PUT',
      url: `/api/v1/marketplace/scripts/${theirPublic}/rating`,
      payload: { rating: 2 },
    });
    expect(again.json().rating).toEqual({ average: 2, count: 1 });
    // Another user's rating counts beside it.
    const { pool } = testApp.testDatabase.database;
    const { rows } = await pool.query<{ id: string }>(
      `INSERT INTO users (name, email) VALUES ('Rater', $1) RETURNING id`,
      [`rater-${randomUUID()}@example.test`],
    );
    await pool.query('INSERT INTO script_ratings (script_id, user_id, rating) VALUES ($1, $2, 3)', [
      theirPublic,
      rows[0]!.id,
    ]);
    const read = await api({ method: 'GET', url: `/api/v1/marketplace/scripts/${theirPublic}` });
    expect(read.json().rating).toEqual({ average: 2.5, count: 2 });
    for (const rating of [0, 6, 2.5]) {
      const bad = await api({
        method: 'PUT',
        url: `/api/v1/marketplace/scripts/${theirPublic}/rating`,
        payload: { rating },
      });
      expect([rating, bad.statusCode, bad.json().field]).toEqual([rating, 400, 'rating']);
    }
    const rated = await api({ method: 'GET', url: '/api/v1/marketplace/scripts?sort=rating' });
    expect(rated.json().items[0].id).toBe(theirPublic);
  });

  it("answers the caller's own rating as myRating: null until they rate, never another user's", async () => {
    const other = await insertOrganization(testApp.testDatabase.database.db, {
      name: 'Raters',
      slug: `raters-${randomUUID()}`,
    });
    const scriptId = await insertTheirScript(other.id, 'Rated by many', 'public');
    const read = async () =>
      (await api({ method: 'GET', url: `/api/v1/marketplace/scripts/${scriptId}` })).json();
    expect((await read()).myRating).toBeNull();
    const { pool } = testApp.testDatabase.database;
    const { rows } = await pool.query<{ id: string }>(
      `INSERT INTO users (name, email) VALUES ('Another rater', $1) RETURNING id`,
      [`another-${randomUUID()}@example.test`],
    );
    await pool.query('INSERT INTO script_ratings (script_id, user_id, rating) VALUES ($1, $2, 4)', [
      scriptId,
      rows[0]!.id,
    ]);
    expect(await read()).toMatchObject({ myRating: null, rating: { average: 4, count: 1 } });
    const rated = await api({
      method: 'PUT',
      url: `/api/v1/marketplace/scripts/${scriptId}/rating`,
      payload: { rating: 3 },
    });
    expect(rated.json()).toMatchObject({ myRating: 3, rating: { average: 3.5, count: 2 } });
    expect(await read()).toMatchObject({ myRating: 3, rating: { average: 3.5, count: 2 } });
  });
});

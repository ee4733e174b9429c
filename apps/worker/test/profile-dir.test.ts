import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWorker } from '../src/index.ts';
import {
  profileDirOf,
  rpc,
  startRunning,
  startSite,
  startTestDatabase,
  type TestDatabase,
  type TestSite,
  testConfig,
  waitFor,
} from './helpers.ts';

let db: TestDatabase;
let site: TestSite;

beforeAll(async () => {
  db = await startTestDatabase();
  site = await startSite({ '/': '<title>home</title>' });
});

afterAll(async () => {
  await site?.close();
  await db?.stop();
});

describe('PROFILE_DIR', () => {
  it('is where browser-isolation sessions get their temporary profiles, removed when they stop', async () => {
    const root = path.join(db.tmpDir, 'profiles');
    mkdirSync(root);
    const worker = await startWorker({
      config: testConfig(db.tmpDir, { PROFILE_DIR: root }),
      databaseUrl: db.connectionString,
      capacity: 2,
    });
    try {
      const row = await startRunning(db, { startUrl: `${site.url}/`, isolation: 'browser' });
      const profile = profileDirOf(row.browserPid!)!;
      expect(path.dirname(profile)).toBe(root);
      expect(path.basename(profile)).toMatch(/^fleetwright-profile-/);
      expect(existsSync(profile)).toBe(true);
      await rpc(worker, `/rpc/instances/${row.id}/stop`, { method: 'POST' });
      await waitFor('the profile directory to be removed', async () => !existsSync(profile));
    } finally {
      await worker.stop();
    }
  });
});

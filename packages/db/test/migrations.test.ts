import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { startTestPostgres, type TestPostgres } from '@fleetwright/testing/database';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase, type DatabaseClient } from '../src/client.ts';
import { migrationsFolder, runMigrations } from '../src/migrate.ts';

let postgres: TestPostgres;
let database: DatabaseClient;

/** The committed migrations up to and including `lastTag`, in a folder of their own. */
function migrationsUpTo(lastTag: string): string {
  const folder = path.join(postgres.tmpDir, `migrations-${lastTag}`);
  cpSync(migrationsFolder, folder, { recursive: true });
  const journalPath = path.join(folder, 'meta', '_journal.json');
  const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as { entries: { tag: string }[] };
  const last = journal.entries.findIndex((entry) => entry.tag === lastTag);
  journal.entries = journal.entries.slice(0, last + 1);
  writeFileSync(journalPath, JSON.stringify(journal));
  return folder;
}

beforeAll(async () => {
  postgres = await startTestPostgres();
  database = createDatabase({ connectionString: postgres.connectionString });
});

afterAll(async () => {
  await database?.close().catch(() => {});
  await postgres?.stop();
});

describe('migration 0007 (instances become sessions)', () => {
  it('keeps every session, log line, metric sample and audit entry stored before it', async () => {
    await migrate(database.db, { migrationsFolder: migrationsUpTo('0006_admission_lock') });
    const { pool } = database;
    const {
      rows: [organization],
    } = await pool.query(`INSERT INTO organizations (name, slug) VALUES ('Acme', 'acme') RETURNING id`);
    const {
      rows: [before],
    } = await pool.query(
      `INSERT INTO instances (organization_id, name, start_url, status, tags)
       VALUES ($1, 'checkout', 'https://example.test/', 'PENDING', '{smoke}') RETURNING id`,
      [organization.id],
    );
    await pool.query(
      `INSERT INTO instance_logs (instance_id, organization_id, level, source, message)
       VALUES ($1, $2, 'info', 'lifecycle', 'started')`,
      [before.id, organization.id],
    );
    await pool.query(
      `INSERT INTO instance_metrics (instance_id, resolution, at, cpu_percent, rss_bytes, js_heap_bytes, net_in_bytes, net_out_bytes)
       VALUES ($1, 'raw', now(), 12.5, 1000, 2000, 3, 4)`,
      [before.id],
    );
    await pool.query(
      `INSERT INTO audit_logs (organization_id, action, target_type, target_id)
       VALUES ($1, 'instance.deleted', 'instance', $2)`,
      [organization.id, before.id],
    );

    await runMigrations(database.db);

    const sessions = await pool.query('SELECT id, name, status, tags FROM sessions');
    expect(sessions.rows).toEqual([{ id: before.id, name: 'checkout', status: 'PENDING', tags: ['smoke'] }]);
    const logs = await pool.query('SELECT session_id, message FROM session_logs');
    expect(logs.rows).toEqual([{ session_id: before.id, message: 'started' }]);
    const metrics = await pool.query('SELECT session_id, cpu_percent FROM session_metrics');
    expect(metrics.rows).toEqual([{ session_id: before.id, cpu_percent: 12.5 }]);
    const audit = await pool.query('SELECT action, target_type FROM audit_logs');
    expect(audit.rows).toEqual([{ action: 'session.deleted', target_type: 'session' }]);
    // The admission trigger moved with its table: a new PENDING session still takes the lock.
    const triggers = await pool.query(
      `SELECT tgname FROM pg_trigger WHERE tgrelid = 'sessions'::regclass AND NOT tgisinternal`,
    );
    expect(triggers.rows).toEqual([{ tgname: 'sessions_admission_lock' }]);
    const leftovers = await pool.query(
      `SELECT relname FROM pg_class WHERE relname LIKE 'instance%'
       UNION ALL SELECT typname FROM pg_type WHERE typname LIKE 'instance%'
       UNION ALL SELECT conname FROM pg_constraint WHERE conname LIKE 'instance%'`,
    );
    expect(leftovers.rows).toEqual([]);
  });
});

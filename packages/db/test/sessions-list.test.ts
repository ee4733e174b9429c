import { startTestPostgres, type TestPostgres } from '@fleetwright/testing/database';
import { drizzle } from 'drizzle-orm/node-postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase, type DatabaseClient } from '../src/client.ts';
import { runMigrations } from '../src/migrate.ts';
import { listSessions } from '../src/queries/sessions.ts';
import * as schema from '../src/schema/index.ts';

let postgres: TestPostgres;
let database: DatabaseClient;
let organizationId: string;

/** Sessions in the organization: enough that sorting them all is what a plan would avoid. */
const SESSIONS = 5000;

beforeAll(async () => {
  postgres = await startTestPostgres();
  database = createDatabase({ connectionString: postgres.connectionString });
  await runMigrations(database.db);
  const { rows } = await database.pool.query<{ id: string }>(
    `INSERT INTO organizations (name, slug) VALUES ('Acme', 'acme') RETURNING id`,
  );
  organizationId = rows[0]!.id;
  await database.pool.query(
    `INSERT INTO sessions (organization_id, name, start_url, created_at)
     SELECT $1, 'session ' || n, 'http://127.0.0.1/', now() - n * interval '1 second'
     FROM generate_series(1, $2) AS n`,
    [organizationId, SESSIONS],
  );
  await database.pool.query('VACUUM ANALYZE sessions');
});

afterAll(async () => {
  await database?.close().catch(() => {});
  await postgres?.stop();
});

interface PlanNode {
  'Node Type': string;
  'Index Name'?: string;
  Plans?: PlanNode[];
}

function planNodes(node: PlanNode): PlanNode[] {
  return [node, ...(node.Plans ?? []).flatMap(planNodes)];
}

describe('listSessions (GET /api/v1/sessions)', () => {
  it('reads a page off the organization index instead of sorting every session (issue 9)', async () => {
    // The statements listSessions sends, as Drizzle logs them.
    const statements: { sql: string; params: unknown[] }[] = [];
    const db = drizzle(database.pool, {
      schema,
      logger: { logQuery: (sql, params) => statements.push({ sql, params }) },
    });
    const { rows, total } = await listSessions(db, { organizationId, filter: {}, page: 1, pageSize: 50 });
    expect(total).toBe(SESSIONS);
    expect(rows.map((row) => row.name)).toEqual(Array.from({ length: 50 }, (_, i) => `session ${i + 1}`));

    const page = statements.find((statement) => /order by/i.test(statement.sql))!;
    const { rows: explained } = await database.pool.query<{ 'QUERY PLAN': [{ Plan: PlanNode }] }>(
      `EXPLAIN (FORMAT JSON) ${page.sql}`,
      page.params,
    );
    const nodes = planNodes(explained[0]!['QUERY PLAN'][0].Plan);
    expect(nodes.map((node) => node['Node Type'])).not.toContain('Sort');
    expect(nodes.map((node) => node['Node Type'])).not.toContain('Incremental Sort');
    expect(nodes.map((node) => node['Index Name'])).toContain('sessions_org_created_id_idx');
  });
});

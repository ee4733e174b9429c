import { startTestPostgres, type TestPostgres } from '@fleetwright/testing/database';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase, type DatabaseClient, withTransaction } from '../src/client.ts';
import { postgresErrorCode } from '../src/errors.ts';
import { runMigrations } from '../src/migrate.ts';
import { holdProfile } from '../src/queries/profiles.ts';

/**
 * Issue 12: a session created or changed with a `profileId` checks the profile in the transaction
 * that writes the session and holds it. A delete racing that write waits for it instead of leaving
 * the session insert a foreign-key error, which the API would answer as a 500.
 */
let postgres: TestPostgres;
let database: DatabaseClient;
let organizationId: string;

beforeAll(async () => {
  postgres = await startTestPostgres();
  database = createDatabase({ connectionString: postgres.connectionString });
  await runMigrations(database.db);
  const { rows } = await database.pool.query<{ id: string }>(
    `INSERT INTO organizations (name, slug) VALUES ('Acme', 'acme') RETURNING id`,
  );
  organizationId = rows[0]!.id;
});

afterAll(async () => {
  await database?.close().catch(() => {});
  await postgres?.stop();
});

async function insertProfile(name: string): Promise<string> {
  const { rows } = await database.pool.query<{ id: string }>(
    `INSERT INTO profiles (organization_id, name, state, size_bytes, cookie_count)
     VALUES ($1, $2, 'fw1:x', 1, 0) RETURNING id`,
    [organizationId, name],
  );
  return rows[0]!.id;
}

/** Deletes the profile on another connection, giving up after `lockTimeoutMs` of waiting. */
async function deleteProfile(id: string, lockTimeoutMs: number): Promise<string | undefined> {
  const client = await database.pool.connect();
  try {
    await client.query(`SET lock_timeout = ${lockTimeoutMs}`);
    await client.query('DELETE FROM profiles WHERE id = $1', [id]);
    return undefined;
  } catch (error) {
    return postgresErrorCode(error);
  } finally {
    await client.query('RESET lock_timeout');
    client.release();
  }
}

describe('holdProfile', () => {
  it("answers whether the organization has the profile, and none of another's", async () => {
    const id = await insertProfile('held-1');
    expect(await holdProfile(database.db, { organizationId, id })).toBe(true);
    expect(
      await holdProfile(database.db, { organizationId: '00000000-0000-4000-8000-000000000000', id }),
    ).toBe(false);
  });

  it('keeps the profile from being deleted until the transaction that holds it ends', async () => {
    const id = await insertProfile('held-2');
    await withTransaction(database.pool, async (tx) => {
      expect(await holdProfile(tx.db, { organizationId, id })).toBe(true);
      // 55P03: lock_not_available — the delete had to wait for the holder.
      expect(await deleteProfile(id, 200)).toBe('55P03');
    });
    expect(await deleteProfile(id, 200)).toBeUndefined();
  });
});

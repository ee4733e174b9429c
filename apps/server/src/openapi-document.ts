import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type Config, loadConfig } from '@fleetwright/config';
import { createDatabase } from '@fleetwright/db';
import { createLogger } from '@fleetwright/logger';
import { PgBoss } from '@fleetwright/queue';
import { buildApp } from './app.ts';

/** Never dialled: building the app and documenting its routes run no query. */
const UNUSED_DATABASE_URL = 'postgres://fleetwright@127.0.0.1:9/unused';

/**
 * The OpenAPI document as /api/docs/json serves it, without a database or a listening port (for
 * `fleetwright openapi`, client generators and the lint in CI). The pool and pg-boss connect on
 * first use, which never comes. Secrets the app would otherwise generate go to a temporary DATA_DIR.
 */
export async function generateOpenApiDocument(
  config: Config = loadConfig(),
): Promise<Record<string, unknown>> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'fleetwright-openapi-'));
  const database = createDatabase({ connectionString: UNUSED_DATABASE_URL, max: 1 });
  try {
    const app = await buildApp({
      db: database.db,
      pool: database.pool,
      boss: new PgBoss({ connectionString: UNUSED_DATABASE_URL }),
      config: { ...config, DATA_DIR: dataDir },
      logger: createLogger({ name: 'openapi', level: 'silent' }),
      internalToken: 'unused-internal-token',
      authSecret: 'unused-auth-secret-for-the-document',
      setupToken: 'unused-setup-token',
    });
    try {
      await app.ready();
      return app.swagger() as unknown as Record<string, unknown>;
    } finally {
      await app.close();
    }
  } finally {
    await database.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

import type { Database, DatabaseClient } from '@fleetwright/db';
import fp from 'fastify-plugin';

declare module 'fastify' {
  interface FastifyInstance {
    /** Drizzle on the shared pool. */
    db: Database;
    /** The pool behind `db`, for transactions that pg-boss joins (withTransaction). */
    pool: DatabaseClient['pool'];
  }
}

export interface DbPluginOptions {
  db: Database;
  pool: DatabaseClient['pool'];
}

/** The database is owned by the caller of buildApp (it may outlive the app), so it is not closed here. */
export const dbPlugin = fp<DbPluginOptions>(
  async (app, options) => {
    app.decorate('db', options.db);
    app.decorate('pool', options.pool);
  },
  { name: 'db' },
);

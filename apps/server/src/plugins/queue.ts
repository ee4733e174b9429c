import type { PgBoss } from '@fleetwright/queue';
import fp from 'fastify-plugin';

declare module 'fastify' {
  interface FastifyInstance {
    /** pg-boss, for session-start jobs. Owned (started and stopped) by the caller of buildApp. */
    boss: PgBoss;
  }
}

export const queuePlugin = fp<{ boss: PgBoss }>(
  async (app, options) => {
    app.decorate('boss', options.boss);
  },
  { name: 'queue' },
);

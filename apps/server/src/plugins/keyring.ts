import { type Keyring, loadKeyring } from '@fleetwright/secrets';
import fp from 'fastify-plugin';

declare module 'fastify' {
  interface FastifyInstance {
    /** Encrypts secrets at rest (proxy URLs); see @fleetwright/secrets. */
    keyring: Keyring;
  }
}

export const keyringPlugin = fp<{ config: { ENCRYPTION_KEYS?: string | undefined; DATA_DIR: string } }>(
  async (app, options) => {
    app.decorate('keyring', loadKeyring(options.config));
  },
  { name: 'keyring' },
);

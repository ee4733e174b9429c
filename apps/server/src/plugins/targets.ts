import { checkTargetUrl, type ResolveHost, TargetRefusedError } from '@fleetwright/net-guard';
import fp from 'fastify-plugin';
import { AppError } from '../errors.ts';

/** Refuses session targets the platform must not reach (SSRF); see @fleetwright/net-guard. */
export interface TargetGuard {
  /** Throws TARGET_NOT_ALLOWED / TARGET_UNRESOLVABLE naming `field` for a refused URL. */
  check(url: string, field: string): Promise<void>;
}

declare module 'fastify' {
  interface FastifyInstance {
    targets: TargetGuard;
  }
}

export function createTargetGuard(options: { allowPrivate: boolean; resolve?: ResolveHost }): TargetGuard {
  return {
    async check(url, field) {
      try {
        await checkTargetUrl(url, options);
      } catch (error) {
        if (error instanceof TargetRefusedError) {
          throw new AppError(error.code, error.message, {
            field,
            details: { host: error.host, address: error.address, addressClass: error.addressClass },
          });
        }
        throw error;
      }
    },
  };
}

export const targetsPlugin = fp<{ allowPrivate: boolean; resolve?: ResolveHost }>(
  async (app, options) => {
    app.decorate('targets', createTargetGuard(options));
  },
  { name: 'targets' },
);

import { SOCKS_AUTH_MESSAGE } from '@fleetwright/contracts';
import {
  type CheckTargetOptions,
  canonicalHost,
  checkHostWithoutDns,
  checkProxyUrl,
  checkTargetUrl,
  compilePrivateTargets,
  type ResolveHost,
  TargetRefusedError,
} from '@fleetwright/net-guard';
import fp from 'fastify-plugin';
import { AppError } from '../errors.ts';

/** Refuses session targets and proxies the platform must not reach (SSRF); see @fleetwright/net-guard. */
export interface TargetGuard {
  /**
   * Throws TARGET_NOT_ALLOWED / TARGET_UNRESOLVABLE naming `field` for a refused URL; the private
   * targets of `organizationId` pass (without it, none do).
   */
  check(url: string, field: string, organizationId?: string): Promise<void>;
  /**
   * The same for a proxy URL's host: a proxy on a private address is a way into that network.
   * Without the egress guard (private targets allowed) Chromium connects to the proxy itself and
   * cannot authenticate to SOCKS: such credentials are a VALIDATION_ERROR.
   */
  checkProxy(proxyUrl: string, field: string, organizationId?: string): Promise<void>;
  /**
   * For many proxy hosts at once (an import's lines): a check without DNS (checkHostWithoutDns: IP
   * literals, `localhost`, the metadata names), the organization's private targets read once. The
   * function answers a host's refusal, or null; everything passes when private targets are allowed.
   */
  proxyHostScreen(organizationId: string): Promise<(host: string) => TargetRefusedError | null>;
}

declare module 'fastify' {
  interface FastifyInstance {
    targets: TargetGuard;
  }
}

export interface TargetGuardOptions {
  allowPrivate: boolean;
  resolve?: ResolveHost;
  /** The organization's private targets (organizations.private_targets). */
  privateTargetsOf(organizationId: string): Promise<readonly string[]>;
}

type Check = (value: string, options: CheckTargetOptions) => Promise<void>;

export function createTargetGuard(options: TargetGuardOptions): TargetGuard {
  const { privateTargetsOf, ...checkOptions } = options;
  /**
   * Checks without the organization's list first: nearly every target is public, and those need
   * no query. Only a refusal reads the list and checks again with it.
   */
  const guarded = async (check: Check, value: string, field: string, organizationId?: string) => {
    try {
      try {
        await check(value, checkOptions);
      } catch (error) {
        if (!(error instanceof TargetRefusedError) || organizationId === undefined) throw error;
        const privateTargets = compilePrivateTargets(await privateTargetsOf(organizationId));
        if (!privateTargets) throw error;
        await check(value, { ...checkOptions, privateTargets });
      }
    } catch (error) {
      if (error instanceof TargetRefusedError) {
        throw new AppError(error.code, error.message, {
          field,
          details: { host: error.host, address: error.address, addressClass: error.addressClass },
        });
      }
      throw error;
    }
  };
  return {
    check: (url, field, organizationId) => guarded(checkTargetUrl, url, field, organizationId),
    checkProxy: async (proxyUrl, field, organizationId) => {
      if (options.allowPrivate) {
        const url = new URL(proxyUrl);
        if (url.protocol.startsWith('socks') && (url.username || url.password)) {
          throw new AppError('VALIDATION_ERROR', `${field}: ${SOCKS_AUTH_MESSAGE}`, { field });
        }
        return;
      }
      await guarded(checkProxyUrl, proxyUrl, field, organizationId);
    },
    proxyHostScreen: async (organizationId) => {
      if (options.allowPrivate) return () => null;
      const privateTargets = compilePrivateTargets(await privateTargetsOf(organizationId));
      return (host) => {
        try {
          const canonical = canonicalHost(host);
          checkHostWithoutDns(canonical, `proxy ${host}`, { privateTargets });
          return null;
        } catch (error) {
          if (error instanceof TargetRefusedError) return error;
          throw error;
        }
      };
    },
  };
}

export const targetsPlugin = fp<TargetGuardOptions>(
  async (app, options) => {
    app.decorate('targets', createTargetGuard(options));
  },
  { name: 'targets' },
);

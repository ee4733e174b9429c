import { isIP } from 'node:net';
import { buildConnector } from 'undici';
import { type CheckTargetOptions, refuseNonPublic } from './check-target-url.ts';
import { createGuardedLookup } from './guarded-lookup.ts';

export interface GuardedConnectOptions extends CheckTargetOptions {
  /**
   * Options for undici's `buildConnector` (connect `timeout` in ms, TLS options, …); `lookup` is
   * replaced by the guarded one.
   * @default {}
   */
  connect?: buildConnector.BuildOptions;
}

/**
 * An undici connector that refuses non-public targets when the socket is opened, for webhook
 * delivery and other requests the server makes on a user's behalf:
 * `new Agent({ connect: createGuardedConnect({ allowPrivate }) })`.
 *
 * Names go through `createGuardedLookup`; IP-literal hosts, for which Node skips the lookup, are
 * classified here. Every connection is checked, so redirects are covered too. A refusal rejects
 * the request with undici's "fetch failed" whose `cause` is the `TargetRefusedError`.
 */
export function createGuardedConnect(options: GuardedConnectOptions): buildConnector.connector {
  const connect = buildConnector({ ...options.connect, lookup: createGuardedLookup(options) });
  if (options.allowPrivate) return connect;
  return (connectOptions, callback) => {
    const host = connectOptions.hostname.replace(/^\[(.*)\]$/, '$1');
    if (isIP(host) !== 0) {
      try {
        refuseNonPublic(host, host, host, 'points to', options);
      } catch (error) {
        callback(error as Error, null);
        return;
      }
    }
    connect(connectOptions, callback);
  };
}

import type { DatabaseClient } from '@fleetwright/db';
import { PostgresAdapter, type PostgresAdapterOptions } from '@socket.io/postgres-adapter';
import { PubSubClient } from '@socket.io/postgres-adapter/dist/util.js';

type Namespace = ConstructorParameters<typeof PostgresAdapter>[0] & { name: string };
type Message = { uid?: string; nsp?: string };
type AdapterInternals = { uid: string; onMessage(message: unknown): void };

/** The main namespace: the only one Fleetwright uses. */
const MAIN_NAMESPACE = '/';

/**
 * `createAdapter` of @socket.io/postgres-adapter, but also accepting what workers publish through
 * @socket.io/postgres-emitter. Emitter 0.1.1 sends its messages without the `nsp` field that
 * adapter 0.4+ (a socket.io-adapter ClusterAdapter) routes by, so the stock adapter drops every
 * worker event silently. Here a message without `nsp` is for the main namespace, which is where
 * the emitter publishes by default. Everything else is the stock adapter (same channel, table and
 * message format), so replicas running it interoperate.
 */
export function createPostgresAdapter(
  pool: DatabaseClient['pool'],
  options: Pick<PostgresAdapterOptions, 'errorHandler'> = {},
): (namespace: Namespace) => PostgresAdapter {
  const settings: Required<PostgresAdapterOptions> = {
    channelPrefix: 'socket.io',
    tableName: 'socket_io_attachments',
    payloadThreshold: 8000,
    cleanupInterval: 30_000,
    errorHandler: () => {},
    ...options,
  };
  const adapters = new Map<string, PostgresAdapter>();
  const adapterFor = (message: Message) =>
    adapters.get(message.nsp ?? MAIN_NAMESPACE) as unknown as AdapterInternals | undefined;
  const client = new PubSubClient(
    pool,
    settings,
    (message: Message) => adapterFor(message)?.uid === message.uid,
    (message: Message) => adapterFor(message)?.onMessage({ ...message, nsp: message.nsp ?? MAIN_NAMESPACE }),
  );
  // Socket.IO calls the factory with `new`: an arrow function would not do.
  return function createNamespaceAdapter(namespace) {
    const adapter = new PostgresAdapter(namespace, {}, client);
    adapters.set(namespace.name, adapter);
    client.addNamespace(namespace.name);
    const close = adapter.close.bind(adapter);
    adapter.close = () => {
      adapters.delete(namespace.name);
      if (adapters.size === 0) client.close();
      return close();
    };
    return adapter;
  };
}

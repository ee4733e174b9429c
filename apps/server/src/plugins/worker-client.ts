import fp from 'fastify-plugin';
import { WorkerClient } from '../workers/worker-client.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** RPC to the worker that owns a session (navigate, evaluate, screenshot, stop, frames). */
    workerClient: WorkerClient;
  }
}

export interface WorkerClientPluginOptions {
  token: string;
  commandTimeoutMs: number;
  navigationTimeoutMs: number;
  scriptTestTimeoutMs: number;
}

export const workerClientPlugin = fp<WorkerClientPluginOptions>(
  async (app, options) => {
    const client = new WorkerClient({ db: app.db, ...options });
    app.decorate('workerClient', client);
    app.addHook('onClose', () => client.close());
  },
  { name: 'worker-client', dependencies: ['db'] },
);

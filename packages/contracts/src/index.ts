export * from './common.ts';
export * from './events.ts';
export * from './health.ts';
export * from './instances.ts';
export * from './jobs.ts';
export * from './worker-rpc.ts';
export * from './workers.ts';

export * from './api-keys.ts';
export * from './instance-logs.ts';
export * from './instance-metrics.ts';
export * from './instances.ts';
export * from './members.ts';
export * from './organizations.ts';
export * from './rate-limits.ts';
export * from './workers.ts';

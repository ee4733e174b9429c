export * from './instance-logs.ts';
export * from './instance-metrics.ts';
export * from './instances.ts';
export * from './organizations.ts';
export * from './workers.ts';

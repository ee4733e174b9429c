export * from './client.ts';
export * from './errors.ts';
export * from './migrate.ts';
export * from './queries/index.ts';
export * from './schema/index.ts';

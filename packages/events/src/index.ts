export * from './postgres-adapter.ts';
export * from './session-events.ts';
export * from './socket-packets.ts';

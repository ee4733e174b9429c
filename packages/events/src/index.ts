export * from './execution-packets.ts';
export * from './postgres-adapter.ts';
export * from './proxy-packets.ts';
export * from './session-events.ts';
export * from './socket-packets.ts';

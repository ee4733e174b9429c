export { ExecutionRunner, type ExecutionRunnerOptions } from './execution-runner.ts';
export type { LoadScript, LoadSecrets } from './types.ts';

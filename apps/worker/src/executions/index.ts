export { ExecutionRunner, type ExecutionRunnerOptions } from './execution-runner.ts';
export { type LoadScript, type LoadSecrets, noScript, noSecrets } from './types.ts';

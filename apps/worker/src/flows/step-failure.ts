import type { FlowStepErrorCode } from '@fleetwright/contracts';
import { isPlaywrightTimeout, isWorkerError, shortMessage } from '../errors.ts';

/** Why a step failed, with the code its result carries (flowStepErrorCodes). */
export class FlowStepFailure extends Error {
  override name = 'FlowStepFailure';
  readonly code: FlowStepErrorCode;

  constructor(code: FlowStepErrorCode, message: string, options: { cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.code = code;
  }
}

/** The code and message of whatever a step threw: Playwright's timeouts, the worker's evaluate errors, the rest. */
export function stepFailureOf(error: unknown): FlowStepFailure {
  if (error instanceof FlowStepFailure) return error;
  if (isPlaywrightTimeout(error))
    return new FlowStepFailure('TIMEOUT', shortMessage(error), { cause: error });
  if (isWorkerError(error)) {
    const code = error.code === 'COMMAND_TIMEOUT' ? 'TIMEOUT' : 'EVALUATE_FAILED';
    return new FlowStepFailure(code, error.message, { cause: error });
  }
  return new FlowStepFailure('STEP_FAILED', shortMessage(error), { cause: error });
}

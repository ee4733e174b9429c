import {
  DEFAULT_STEP_TIMEOUT_MS,
  type FlowStep,
  type FlowStepError,
  type FlowStepResult,
} from '@fleetwright/contracts';
import type { CDPSession, Page } from 'playwright-core';
import { shortMessage } from '../errors.ts';
import { FlowStepFailure, stepFailureOf } from './step-failure.ts';
import { runStep, type StepOutcome, type StepRun } from './steps.ts';
import type { RunFlow } from './types.ts';
import { FlowVariables } from './variables.ts';

/** EVALUATE_RESULT_MAX_BYTES' default, when the execution runner does not pass its config. */
const DEFAULT_MAX_RESULT_BYTES = 1024 * 1024;
/**
 * Every Playwright call of a step has the step's timeout; this margin on top only catches a step
 * whose call cannot time out by itself (a page stuck in a busy loop answering no title).
 */
const STEP_DEADLINE_GRACE_MS = 1000;
/** The picture of a failed step is a best effort: a crashed page must not hold the run. */
const FAILURE_SCREENSHOT_TIMEOUT_MS = 5000;

/**
 * Runs a flow's steps in order on the session's page (issue 11). Each step records when it
 * started, how long it took, its value or its error. A failed step saves a screenshot of the page
 * and stops the run, unless it says `continueOnFailure`; the steps after a stop are `skipped`.
 * `signal` aborts the current step (ABORTED) and skips the rest. Secret values are masked (`***`)
 * in every value and message the result carries.
 */
export const runFlow: RunFlow = async (flow, context) => {
  const rawData: Record<string, unknown> = {};
  const variables = new FlowVariables(context.target, context.inputs, context.secrets, rawData);
  const terminator = pageTerminator(context.page);
  const steps: FlowStepResult[] = [];
  let error: FlowStepError | null = null;
  let stopped = false;
  try {
    for (const [index, step] of flow.steps.entries()) {
      if (stopped || context.signal.aborted) {
        steps.push(skippedResult(step, index));
        if (!stopped && error === null) error = abortError(context.signal);
        continue;
      }
      const run: StepRun = {
        context,
        variables,
        index,
        timeoutMs: step.timeoutMs ?? DEFAULT_STEP_TIMEOUT_MS,
        maxResultBytes: context.maxResultBytes ?? DEFAULT_MAX_RESULT_BYTES,
        terminate: terminator.terminate,
      };
      const result = await runRecordedStep(step, run);
      steps.push(result);
      if (result.status === 'failed') {
        error ??= result.error;
        if (!step.continueOnFailure || context.signal.aborted) stopped = true;
      } else if ('as' in step && step.as !== undefined && step.type !== 'screenshot') {
        rawData[step.as] = result.value;
      }
      if (result.value !== undefined) result.value = variables.maskValue(result.value);
    }
  } finally {
    await terminator.close();
  }
  return {
    status: error === null ? 'passed' : 'failed',
    steps,
    data: variables.maskValue(rawData) as Record<string, unknown>,
    error,
  };
};

async function runRecordedStep(step: FlowStep, run: StepRun): Promise<FlowStepResult> {
  const startedAt = new Date().toISOString();
  const started = performance.now();
  let outcome: StepOutcome;
  try {
    outcome = await raceStep(runStep(step, run), run.context.signal, deadlineOf(step, run.timeoutMs));
  } catch (caught) {
    const failure = run.context.signal.aborted ? abortFailure(run.context.signal) : stepFailureOf(caught);
    const durationMs = Math.round(performance.now() - started);
    // An aborted run's page is being closed: no picture of it.
    const artifactId = run.context.signal.aborted ? null : await saveFailureScreenshot(run);
    return {
      ...resultBase(step, run.index),
      status: 'failed',
      startedAt,
      durationMs,
      error: { code: failure.code, message: run.variables.mask(failure.message) },
      artifactId,
    };
  }
  return {
    ...resultBase(step, run.index),
    status: 'passed',
    startedAt,
    durationMs: Math.round(performance.now() - started),
    ...(outcome.value === undefined ? {} : { value: outcome.value }),
    error: null,
    artifactId: outcome.artifactId ?? null,
    ...(outcome.reusedStartLoad ? { reusedStartLoad: true } : {}),
  };
}

/**
 * How long a step may take in all. A pause (or a wait of `ms`) is as long as it says, even beyond
 * the default timeout: `{ type: 'pause', ms: 30000 }` is not a step that times out.
 */
function deadlineOf(step: FlowStep, timeoutMs: number): number {
  const fixedMs = step.type === 'pause' ? step.ms : step.type === 'wait' ? (step.ms ?? 0) : 0;
  return Math.max(timeoutMs, fixedMs) + STEP_DEADLINE_GRACE_MS;
}

function resultBase(step: FlowStep, index: number): Pick<FlowStepResult, 'index' | 'type' | 'name'> {
  return { index, type: step.type, name: step.name ?? step.type };
}

function skippedResult(step: FlowStep, index: number): FlowStepResult {
  return {
    ...resultBase(step, index),
    status: 'skipped',
    startedAt: new Date().toISOString(),
    durationMs: 0,
    error: null,
    artifactId: null,
  };
}

/**
 * The step, unless `signal` aborts first or it outlives `deadlineMs`. The loser keeps running in
 * the page until its own timeout; its rejection is swallowed so it cannot crash the worker.
 */
function raceStep<T>(step: Promise<T>, signal: AbortSignal, deadlineMs: number): Promise<T> {
  step.catch(() => {});
  let timer: NodeJS.Timeout | undefined;
  let onAbort: (() => void) | undefined;
  const stop = new Promise<never>((_, reject) => {
    onAbort = () => reject(abortFailure(signal));
    signal.addEventListener('abort', onAbort, { once: true });
    timer = setTimeout(
      () => reject(new FlowStepFailure('TIMEOUT', `The step did not finish within ${deadlineMs} ms.`)),
      deadlineMs,
    );
  });
  return Promise.race([step, stop]).finally(() => {
    clearTimeout(timer);
    if (onAbort) signal.removeEventListener('abort', onAbort);
  });
}

function abortFailure(signal: AbortSignal): FlowStepFailure {
  const reason: unknown = signal.reason;
  const why = reason instanceof Error ? shortMessage(reason) : typeof reason === 'string' ? reason : '';
  return new FlowStepFailure('ABORTED', why ? `The run was aborted: ${why}` : 'The run was aborted.');
}

function abortError(signal: AbortSignal): FlowStepError {
  const failure = abortFailure(signal);
  return { code: failure.code, message: failure.message };
}

async function saveFailureScreenshot(run: StepRun): Promise<string | null> {
  try {
    const body = await run.context.page.screenshot({ type: 'png', timeout: FAILURE_SCREENSHOT_TIMEOUT_MS });
    return await run.context.saveArtifact({
      kind: 'screenshot',
      name: `failure-${run.index}`,
      contentType: 'image/png',
      body,
      stepIndex: run.index,
    });
  } catch {
    // A closed or crashed page has no picture; the step's error already says what went wrong.
    return null;
  }
}

/**
 * Runtime.terminateExecution for an evaluate that hangs the page. The CDP session opens only when
 * one is needed, so a flow without a runaway script pays no extra round trip.
 */
function pageTerminator(page: Page): { terminate(): Promise<void>; close(): Promise<void> } {
  let cdp: Promise<CDPSession> | null = null;
  return {
    async terminate() {
      cdp ??= page.context().newCDPSession(page);
      await (await cdp).send('Runtime.terminateExecution');
    },
    async close() {
      if (cdp) await (await cdp.catch(() => null))?.detach().catch(() => {});
    },
  };
}

import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { type BlobStore, blobKey } from '@fleetwright/blobs';
import type { Config } from '@fleetwright/config';
import type { FlowStepError, FlowStepResult } from '@fleetwright/contracts';
import { type Database, type ExecutionRow, getSession, insertArtifact, insertSession } from '@fleetwright/db';
import type { Keyring } from '@fleetwright/secrets';
import type { Page } from 'playwright-core';
import { shortMessage } from '../errors.ts';
import type { FlowRunContext, FlowRunResult, RunFlow } from '../flows/types.ts';
import { evaluateScript } from '../scripts/evaluate-script.ts';
import type { SessionManager } from '../sessions/session-manager.ts';
import { executionSessionRow } from './session-rows.ts';
import type { AbortReason, LoadScript } from './types.ts';

export interface SessionRunDeps {
  db: Database;
  manager: SessionManager;
  blobs: BlobStore;
  keyring: Keyring;
  config: Config;
  runFlow: RunFlow | undefined;
  loadScript: LoadScript;
}

/** What one session of an execution produced: its result row's fields. */
export interface SessionOutcome {
  sessionId: string | null;
  target: string;
  status: 'passed' | 'failed' | 'cancelled';
  startedAt: Date;
  durationMs: number;
  data: Record<string, unknown>;
  steps: FlowStepResult[];
  error: FlowStepError | null;
  artifactIds: string[];
}

export interface SessionSlot {
  target: string;
  /** 1-based, across the execution: the session's name is `<job> #<number>`. */
  number: number;
}

const CAPACITY_WAIT_MS = 100;

/** The error of a run cut short, and the result status it gets. */
export function abortedOutcome(reason: AbortReason): Pick<SessionOutcome, 'status' | 'error'> {
  return reason === 'cancel'
    ? { status: 'cancelled', error: { code: 'CANCELLED', message: 'the execution was cancelled' } }
    : {
        status: 'failed',
        error: { code: 'TIMEOUT', message: 'the execution ran out of time (timeoutSeconds)' },
      };
}

/**
 * Runs one session of an execution: waits for a free slot on this worker, creates the session row
 * and has the SessionManager start it (start URL = the target), records a trace if asked, runs the
 * flow (or the script) on its page, stores the trace, and stops the session, whatever happened.
 */
export async function runSession(
  deps: SessionRunDeps,
  execution: ExecutionRow,
  slot: SessionSlot,
  run: {
    signal: AbortSignal;
    abortReason: () => AbortReason | null;
    secrets: Readonly<Record<string, string>>;
  },
): Promise<SessionOutcome> {
  const startedAt = new Date();
  const outcome = (fields: Partial<SessionOutcome>): SessionOutcome => ({
    sessionId: null,
    target: slot.target,
    status: 'failed',
    startedAt,
    durationMs: Date.now() - startedAt.getTime(),
    data: {},
    steps: [],
    error: null,
    artifactIds: [],
    ...fields,
  });
  while (deps.manager.freeCapacity() <= 0 && !run.signal.aborted) {
    await new Promise((resolve) => setTimeout(resolve, CAPACITY_WAIT_MS));
  }
  const reason = run.abortReason();
  if (run.signal.aborted && reason) return outcome(abortedOutcome(reason));

  const row = await insertSession(deps.db, executionSessionRow(deps.keyring, execution, slot));
  await deps.manager.start(
    { sessionId: row.id, organizationId: row.organizationId, attempt: 0, reason: 'start' },
    { jobId: `execution:${execution.id}`, retriesLeft: false },
  );
  const page = runningPage(deps.manager, row.id);
  if (!page) {
    const stored = await getSession(deps.db, row).catch(() => undefined);
    const message = stored?.lastError ?? `the session did not start (${stored?.status ?? 'gone'})`;
    return outcome({ sessionId: row.id, error: { code: 'START_FAILED', message } });
  }
  const artifactIds: string[] = [];
  try {
    if (execution.spec.trace) await page.context().tracing.start({ screenshots: true, snapshots: true });
    const result = await untilAborted(runWork(deps, execution, page, slot, run, artifactIds), run.signal);
    const cut = run.abortReason();
    if (!result) return outcome({ sessionId: row.id, artifactIds, ...abortedOutcome(cut ?? 'cancel') });
    return outcome({
      sessionId: row.id,
      artifactIds,
      status: cut === 'cancel' && result.status === 'failed' ? 'cancelled' : result.status,
      data: result.data,
      steps: result.steps,
      error: result.error,
    });
  } catch (error) {
    return outcome({
      sessionId: row.id,
      artifactIds,
      error: { code: 'STEP_FAILED', message: shortMessage(error) },
    });
  } finally {
    if (execution.spec.trace) {
      const traceId = await saveTrace(deps, execution, page).catch(() => null);
      if (traceId) artifactIds.push(traceId);
    }
    await deps.manager.stop(row.id, 'execution finished').catch(() => {});
  }
}

/** The page of a session that reached RUNNING on this worker, or null. */
function runningPage(manager: SessionManager, sessionId: string): Page | null {
  try {
    const session = manager.getSession(sessionId);
    return session.state === 'running' ? session.page : null;
  } catch {
    return null;
  }
}

/** The run's promise, or null as soon as the signal aborts (a runner that ignores it is left behind). */
function untilAborted<T>(work: Promise<T>, signal: AbortSignal): Promise<T | null> {
  if (signal.aborted) return Promise.resolve(null);
  return new Promise((resolve, reject) => {
    const onAbort = () => resolve(null);
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

/** The flow through the flow runner, or the script evaluated in the page with `{ ...inputs, target }`. */
function runWork(
  deps: SessionRunDeps,
  execution: ExecutionRow,
  page: Page,
  slot: SessionSlot,
  run: { signal: AbortSignal; secrets: Readonly<Record<string, string>> },
  artifactIds: string[],
): Promise<FlowRunResult> {
  const { spec } = execution;
  if (spec.kind === 'script') return runScript(deps, execution, page, slot.target);
  if (!spec.flow || !deps.runFlow) {
    return Promise.resolve({
      status: 'failed',
      steps: [],
      data: {},
      error: { code: 'STEP_FAILED', message: 'this worker has no flow runner' },
    });
  }
  const context: FlowRunContext = {
    page,
    target: slot.target,
    // The session's start URL is the target (executionSessionRow): a flow opening with
    // `goto {{target}}` keeps that load.
    startUrl: slot.target,
    inputs: spec.inputs,
    secrets: run.secrets,
    loadScript: (ref) => deps.loadScript(execution.organizationId, ref),
    saveArtifact: async (artifact) => {
      const id = await storeArtifact(deps, execution, artifact);
      artifactIds.push(id);
      return id;
    },
    signal: run.signal,
  };
  return deps.runFlow(spec.flow, context);
}

async function runScript(
  deps: SessionRunDeps,
  execution: ExecutionRow,
  page: Page,
  target: string,
): Promise<FlowRunResult> {
  const { spec } = execution;
  const startedAt = new Date();
  const step = (fields: Pick<FlowStepResult, 'status' | 'error'> & { value?: unknown }): FlowStepResult => ({
    index: 0,
    type: 'evaluate',
    name: 'script',
    startedAt: startedAt.toISOString(),
    durationMs: Date.now() - startedAt.getTime(),
    artifactId: null,
    ...fields,
  });
  const script = spec.scriptId
    ? await deps.loadScript(execution.organizationId, {
        scriptId: spec.scriptId,
        ...(spec.scriptVersion ? { version: spec.scriptVersion } : {}),
      })
    : null;
  if (!script) {
    const error = {
      code: 'SCRIPT_NOT_FOUND',
      message: `no script ${spec.scriptId ?? ''} in the organization`,
    };
    return { status: 'failed', steps: [step({ status: 'failed', error })], data: {}, error };
  }
  try {
    const cdp = await page.context().newCDPSession(page);
    const value = await evaluateScript(
      page,
      script.source,
      { ...spec.inputs, target },
      {
        libraries: script.libraries,
        timeoutMs: Math.min(spec.timeoutSeconds * 1000, deps.config.COMMAND_TIMEOUT_MS * 4),
        maxResultBytes: deps.config.EVALUATE_RESULT_MAX_BYTES,
        terminate: async () => {
          await cdp.send('Runtime.terminateExecution').catch(() => {});
        },
      },
    ).finally(() => cdp.detach().catch(() => {}));
    return {
      status: 'passed',
      steps: [step({ status: 'passed', error: null, value })],
      data: { value },
      error: null,
    };
  } catch (error) {
    const failure = { code: 'EVALUATE_FAILED', message: shortMessage(error) };
    return {
      status: 'failed',
      steps: [step({ status: 'failed', error: failure })],
      data: {},
      error: failure,
    };
  }
}

/** Puts an artifact's bytes in the blob store and its row in the database; answers its id. */
export async function storeArtifact(
  deps: Pick<SessionRunDeps, 'db' | 'blobs'>,
  execution: ExecutionRow,
  artifact: {
    kind: 'screenshot' | 'trace';
    name: string;
    contentType: string;
    body: Buffer | Readable;
    stepIndex: number | null;
  },
): Promise<string> {
  const id = randomUUID();
  const key = blobKey('executions', execution.id, id);
  const { sizeBytes } = await deps.blobs.put(key, artifact.body, artifact.contentType);
  await insertArtifact(deps.db, {
    id,
    organizationId: execution.organizationId,
    executionId: execution.id,
    kind: artifact.kind,
    name: artifact.name,
    contentType: artifact.contentType,
    sizeBytes,
    stepIndex: artifact.stepIndex,
    blobKey: key,
  });
  return id;
}

/** Stops the context's tracing into a temporary zip and stores it as the session's `trace` artifact. */
async function saveTrace(deps: SessionRunDeps, execution: ExecutionRow, page: Page): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'fleetwright-trace-'));
  try {
    const file = path.join(dir, 'trace.zip');
    await page.context().tracing.stop({ path: file });
    return await storeArtifact(deps, execution, {
      kind: 'trace',
      name: 'trace',
      contentType: 'application/zip',
      body: createReadStream(file),
      stepIndex: null,
    });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

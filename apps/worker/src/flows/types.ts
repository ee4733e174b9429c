import type { Flow, FlowStepError, FlowStepResult, JobInputs, ScriptLibrary } from '@fleetwright/contracts';
import type { Page } from 'playwright-core';

/**
 * What a flow run needs from whoever runs it (issue 11). The execution runner
 * (`apps/worker/src/executions`) gives a session's page and stores what the run produces; the flow
 * runner (`./run-flow.ts`) drives the page through the steps. No user code runs in this process:
 * `evaluate` steps go to the page (scripts/evaluate-script.ts).
 */
export interface FlowRunContext {
  /** The session's page; its context goes out through the session's egress guard. */
  page: Page;
  /** The target URL of this run: `{{target}}`. */
  target: string;
  /**
   * The URL the session's start loaded in `page` (waitUntil 'domcontentloaded') just before the
   * run, if it did. A flow whose first step is a `goto` to that same URL keeps that load instead of
   * loading the page again.
   */
  startUrl?: string;
  /** The job's inputs: `{{name}}`, and the files of `upload` steps. */
  inputs: JobInputs;
  /** The organization's secrets, opened: `{{secrets.NAME}}`. Never written into results, errors or logs. */
  secrets: Readonly<Record<string, string>>;
  /** The source of a saved script's version (the latest when `version` is absent); null when there is none. */
  loadScript(ref: {
    scriptId: string;
    version?: number;
  }): Promise<{ source: string; version: number; libraries?: readonly ScriptLibrary[] } | null>;
  /** Stores an artifact in the blob store and answers its id (artifactSchema). */
  saveArtifact(artifact: {
    kind: 'screenshot';
    name: string;
    contentType: string;
    body: Buffer;
    stepIndex: number | null;
  }): Promise<string>;
  /**
   * EVALUATE_RESULT_MAX_BYTES: an evaluate step whose value's JSON is larger fails (EVALUATE_FAILED).
   * @default 1048576
   */
  maxResultBytes?: number;
  /** Aborted when the execution is cancelled or times out: the current step stops, the rest are skipped. */
  signal: AbortSignal;
}

export interface FlowRunResult {
  status: 'passed' | 'failed';
  steps: FlowStepResult[];
  /** Extracted values and evaluate results kept with `as`, by name. */
  data: Record<string, unknown>;
  /** The first failed step's error, or why the run was aborted. */
  error: FlowStepError | null;
}

/** The flow runner's signature; the execution runner is given one. */
export type RunFlow = (flow: Flow, context: FlowRunContext) => Promise<FlowRunResult>;

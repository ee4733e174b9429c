import {
  type ScriptLibrary,
  type ScriptTestResult,
  type TestInlineScriptBody,
  type TestScriptBody,
  WORKER_DEAD_AFTER_SECONDS,
} from '@fleetwright/contracts';
import { findWorkerWithFreeCapacity, type ScriptKey } from '@fleetwright/db';
import { AppError } from '../errors.ts';
import type { TargetGuard } from '../plugins/targets.ts';
import { admitSession } from '../sessions/policy.ts';
import type { WorkerClient } from '../workers/worker-client.ts';
import { findScript, findVersion, type ScriptDeps } from './service.ts';

export interface ScriptTestDeps extends ScriptDeps {
  targets: TargetGuard;
  workers: WorkerClient;
}

/**
 * Runs `source` against `url` on an online worker with a free slot. The URL passes the target guard
 * and the organization's target policy here, as a session's start URL does; on the worker the run
 * goes through the egress guard, so neither a redirect nor the page's own requests reach further.
 */
async function runOnWorker(
  deps: ScriptTestDeps,
  organizationId: string,
  run: { url: string; source: string; libraries: ScriptLibrary[]; input: Record<string, unknown> },
): Promise<ScriptTestResult> {
  await deps.targets.check(run.url, 'url', organizationId);
  await admitSession(deps.db, { organizationId, url: run.url, field: 'url', quota: false });
  const worker = await findWorkerWithFreeCapacity(deps.db, WORKER_DEAD_AFTER_SECONDS);
  if (!worker) throw new AppError('NO_WORKER_AVAILABLE');
  return deps.workers.testScript(worker.id, { organizationId, ...run });
}

/** A saved script's version (the latest when none is named) against a URL. */
export async function testSavedScript(
  deps: ScriptTestDeps,
  key: ScriptKey,
  body: TestScriptBody,
): Promise<ScriptTestResult> {
  const script = await findScript(deps, key);
  const version = body.version === undefined ? null : await findVersion(deps, key, body.version, 'version');
  return runOnWorker(deps, key.organizationId, {
    url: body.url,
    source: version?.source ?? script.source,
    libraries: version?.libraries ?? script.libraries,
    input: body.input,
  });
}

/** The editor's run button: a source not saved yet. */
export function testInlineScript(
  deps: ScriptTestDeps,
  organizationId: string,
  body: TestInlineScriptBody,
): Promise<ScriptTestResult> {
  return runOnWorker(deps, organizationId, {
    url: body.url,
    source: body.source,
    libraries: [...new Set(body.libraries)],
    input: body.input,
  });
}

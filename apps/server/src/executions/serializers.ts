import type { Artifact, ExecutionResult } from '@fleetwright/contracts';
import type { ArtifactRow, ExecutionResultRow } from '@fleetwright/db';

export { toExecution } from '@fleetwright/events';

export function toArtifact(row: ArtifactRow): Artifact {
  return {
    id: row.id,
    kind: row.kind,
    name: row.name,
    contentType: row.contentType,
    sizeBytes: row.sizeBytes,
    stepIndex: row.stepIndex,
  };
}

export function toExecutionResult(row: ExecutionResultRow, artifacts: ArtifactRow[]): ExecutionResult {
  return {
    id: row.id,
    executionId: row.executionId,
    sessionId: row.sessionId,
    target: row.target,
    status: row.status,
    startedAt: row.startedAt.toISOString(),
    durationMs: row.durationMs,
    data: row.data,
    steps: row.steps,
    error: row.error,
    artifacts: artifacts.filter((artifact) => artifact.resultId === row.id).map(toArtifact),
  };
}

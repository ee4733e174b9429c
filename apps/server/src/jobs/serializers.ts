import type { Job, JobInputs } from '@fleetwright/contracts';
import type { JobRow, LastExecution } from '@fleetwright/db';

/** File inputs without their bytes: name, type and size. */
export function describeInputs(inputs: JobInputs): Record<string, unknown> {
  const described: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(inputs)) {
    if (typeof value === 'object' && value !== null && 'file' in value) {
      const { name: fileName, contentType, base64 } = value.file;
      described[name] = {
        file: { name: fileName, contentType, sizeBytes: Buffer.byteLength(base64, 'base64') },
      };
    } else described[name] = value;
  }
  return described;
}

export function toJob(row: JobRow, lastExecution: LastExecution | undefined): Job {
  return {
    id: row.id,
    organizationId: row.organizationId,
    name: row.name,
    description: row.description,
    tags: row.tags,
    kind: row.kind,
    flow: row.flow,
    scriptId: row.scriptId,
    scriptVersion: row.scriptVersion,
    targets: row.targets,
    // The proxy URL as shown: its password replaced by ***.
    sessionTemplate: row.proxyDisplay
      ? { ...row.sessionTemplate, proxyUrl: row.proxyDisplay }
      : row.sessionTemplate,
    sessionsPerTarget: row.sessionsPerTarget,
    inputs: describeInputs(row.inputs),
    schedule: row.schedule,
    priority: row.priority,
    retries: row.retries,
    timeoutSeconds: row.timeoutSeconds,
    concurrency: row.concurrency,
    trace: row.trace,
    notifications: row.notifications,
    paused: row.paused,
    nextRunAt: row.nextRunAt?.toISOString() ?? null,
    lastExecution: lastExecution
      ? {
          id: lastExecution.id,
          status: lastExecution.status,
          finishedAt: lastExecution.finishedAt?.toISOString() ?? null,
        }
      : null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

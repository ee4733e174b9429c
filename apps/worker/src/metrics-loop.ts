import { type Database, insertInstanceMetric } from '@fleetwright/db';
import type { Logger } from '@fleetwright/logger';
import type { InstanceEvents } from './instance-events.ts';
import type { InstanceManager } from './instance-manager.ts';
import { type ProcessTree, readProcessTree } from './process-memory.ts';

export interface MetricsLoopOptions {
  manager: InstanceManager;
  db: Database;
  events: InstanceEvents;
  logger: Logger;
  /** METRICS_INTERVAL_MS. */
  intervalMs: number;
}

/**
 * Every METRICS_INTERVAL_MS, one sample per running instance → instance_metrics row and
 * `instance.metrics` event. One tick serves all instances, so the /proc scan that `browser`
 * isolation needs happens once per tick, not once per instance; a tick still running when the next
 * is due makes that one skip.
 */
export function startMetricsLoop(options: MetricsLoopOptions): { stop(): Promise<void> } {
  let running: Promise<void> | null = null;

  const tick = async () => {
    const sessions = options.manager.sessions().filter((session) => session.state === 'running');
    if (sessions.length === 0) return;
    let tree: ProcessTree | null = null;
    if (sessions.some((session) => session.row.isolation === 'browser')) tree = await readProcessTree();
    await Promise.all(
      sessions.map(async (session) => {
        try {
          const sample = await session.sampleMetrics(tree);
          if (!sample || session.state !== 'running') return;
          const at = new Date();
          await insertInstanceMetric(options.db, { instanceId: session.id, at, ...sample });
          options.events.metrics(session, at, sample);
        } catch (error) {
          // A session that closed mid-sample is expected; anything else is worth a debug line.
          if (session.state === 'running') session.logger.debug({ err: error }, 'metrics sample failed');
        }
      }),
    );
  };

  const timer = setInterval(() => {
    if (running) return;
    running = tick()
      .catch((error: unknown) => options.logger.warn({ err: error }, 'metrics tick failed'))
      .finally(() => {
        running = null;
      });
  }, options.intervalMs);

  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}

import { type Database, insertSessionMetric } from '@fleetwright/db';
import type { SessionEvents } from '@fleetwright/events';
import type { Logger } from '@fleetwright/logger';
import { type ProcessTree, readProcessTree } from '../browsers/process-memory.ts';
import type { SessionManager } from './session-manager.ts';

export interface MetricsLoopOptions {
  manager: SessionManager;
  db: Database;
  events: SessionEvents;
  logger: Logger;
  /** METRICS_INTERVAL_MS. */
  intervalMs: number;
}

/**
 * Every METRICS_INTERVAL_MS, one sample per running session → session_metrics row and
 * `session.metrics` event. One tick serves all sessions, so the /proc scan that `browser`
 * isolation needs happens once per tick, not once per session; a tick still running when the next
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
          await insertSessionMetric(options.db, { sessionId: session.id, at, ...sample });
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

import pg from 'pg';
import { startPlatform } from '../test/support/platform.ts';

/**
 * The schedule-latency rows (issue 11): a job on a cron of every five seconds (a run, session start and stop included, ends well within it), on the platform as
 * an operator runs it (`fleetwright server` and `worker`); for each run, its due time (the
 * execution's scheduled_for) to its first session RUNNING (the session's started_at), both
 * written by the platform itself. The CLI worker has no flow runner wired here, so each run then
 * fails at once: the row measures the scheduler, queue and session start, not the flow.
 */
export async function measureScheduleLatency(options: { url: string; runs: number }): Promise<number[]> {
  const platform = await startPlatform({
    workers: 1,
    env: { LOG_LEVEL: 'warn', RATE_LIMIT_API_PER_MINUTE: '1000000' },
  });
  const database = new pg.Client({ connectionString: platform.databaseUrl });
  await database.connect();
  try {
    const created = await platform.api<{ id: string }>('POST', '/jobs', {
      name: 'bench schedule',
      kind: 'flow',
      flow: { steps: [{ type: 'goto', url: '{{target}}' }] },
      targets: [options.url],
      schedule: { type: 'cron', cron: '*/5 * * * * *', timezone: 'UTC' },
    });
    if (created.status !== 201) throw new Error(`job create answered ${created.status}`);
    const latencies = async () =>
      (
        await database.query<{ ms: number }>(
          `SELECT extract(epoch FROM min(s.started_at) - e.scheduled_for) * 1000 AS ms
             FROM executions e JOIN sessions s ON s.execution_id = e.id
            WHERE e.job_id = $1 AND s.started_at IS NOT NULL
            GROUP BY e.id ORDER BY e.scheduled_for`,
          [created.body.id],
        )
      ).rows
        // The first run launches the worker's Chromium: a warm-up, as the start rows have.
        .slice(1)
        .map((row) => Number(row.ms));
    const deadline = Date.now() + options.runs * 5000 + 60_000;
    while ((await latencies()).length < options.runs && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    await platform.api('POST', `/jobs/${created.body.id}/pause`);
    return (await latencies()).slice(0, options.runs);
  } finally {
    await database.end();
    await platform.stop();
  }
}

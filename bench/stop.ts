import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { exitWithin, runningSession, startAllInOne } from '../test/support/all-in-one.ts';

/**
 * The "stop" row: `fleetwright start` (embedded PostgreSQL, server, one worker) with a session
 * running and a Socket.IO client watching it, SIGTERM → the process' exit, milliseconds.
 */
export async function measureStop(startUrl: string): Promise<number> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'fleetwright-bench-stop-'));
  chmodSync(dataDir, 0o755);
  const platform = await startAllInOne(dataDir, { LOG_LEVEL: 'warn' });
  try {
    const sessionId = await runningSession(platform, startUrl);
    const socket = await platform.socket();
    await socket.timeout(10_000).emitWithAck('watch', { sessionId });
    const signalled = performance.now();
    platform.child.kill('SIGTERM');
    await exitWithin(platform, 60_000);
    const elapsed = performance.now() - signalled;
    socket.disconnect();
    return elapsed;
  } finally {
    platform.child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  }
}

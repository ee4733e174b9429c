import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { startEmbeddedPostgres } from '@fleetwright/db/embedded';
import { freePort } from '@fleetwright/testing';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type AllInOneSocket,
  exitWithin,
  runCli,
  runningSession,
  startAllInOne,
} from '../support/all-in-one.ts';
import { startTestPages, type TestPages } from '../support/pages.ts';

let scratch: string;
let pages: TestPages;
beforeAll(async () => {
  scratch = mkdtempSync(path.join(os.tmpdir(), 'fleetwright-start-'));
  chmodSync(scratch, 0o755);
  pages = await startTestPages();
});
afterAll(async () => {
  await pages?.close();
  rmSync(scratch, { recursive: true, force: true });
});

// The bounds below only catch a hang (a process start alone takes seconds on a busy machine).
describe('start-up errors that help (issue 9)', () => {
  it('names the host, the port and the cause when DATABASE_URL cannot be reached', async () => {
    const port = await freePort();
    const run = runCli('server', {
      DATABASE_URL: `postgresql://fleet:secret-password@127.0.0.1:${port}/fleetwright`,
      DATA_DIR: path.join(scratch, 'refused'),
    });
    expect(await exitWithin(run, 60_000)).toBe(1);
    expect(run.output()).toContain(`127.0.0.1:${port}/fleetwright cannot be reached`);
    expect(run.output()).toContain('ECONNREFUSED');
    expect(run.output()).not.toContain('secret-password');
  });

  it('gives up with a clear error when the database accepts connections and never answers', async () => {
    const silent = net.createServer(() => {});
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const port = (silent.address() as net.AddressInfo).port;
    try {
      const runs = ['server', 'worker'].map((command) =>
        runCli(command, {
          DATABASE_URL: `postgresql://fleet:pw@127.0.0.1:${port}/fleetwright`,
          DATA_DIR: path.join(scratch, `silent-${command}`),
        }),
      );
      for (const run of runs) {
        expect(await exitWithin(run, 60_000)).toBe(1);
        expect(run.output()).toContain(
          `PostgreSQL at 127.0.0.1:${port}/fleetwright did not answer within 10 s`,
        );
      }
    } finally {
      silent.close();
    }
  }, 90_000);

  it('says so when DATA_DIR cannot be created or written', async () => {
    const file = path.join(scratch, 'a-file');
    writeFileSync(file, '');
    const underFile = runCli('start', { DATA_DIR: path.join(file, 'data'), PORT: String(await freePort()) });
    // procfs refuses new folders whoever asks, root included; Node's recursive mkdir spun there.
    const inProc = runCli('start', { DATA_DIR: '/proc/fleetwright-data', PORT: String(await freePort()) });
    expect(await exitWithin(underFile, 60_000)).toBe(1);
    expect(underFile.output()).toContain(`DATA_DIR ${path.join(file, 'data')} cannot be created`);
    expect(underFile.output()).toContain('ENOTDIR');
    expect(await exitWithin(inProc, 60_000)).toBe(1);
    expect(inProc.output()).toContain('DATA_DIR /proc/fleetwright-data cannot be created');
  });
});

describe('a stop that always stops (issue 9)', () => {
  it('ends `fleetwright start` on SIGTERM with a dashboard tab, a live-view watcher and a request in flight: worker, server, then Postgres', async () => {
    const platform = await startAllInOne(path.join(scratch, 'all-in-one'));
    let socket: AllInOneSocket | undefined;
    try {
      const sessionId = await runningSession(platform, `${pages.url}/`);
      socket = await platform.socket();
      await socket.timeout(10_000).emitWithAck('watch', { sessionId });
      // A request still running when the signal comes: a page command that takes its time.
      const inFlight = fetch(`${platform.baseUrl}/api/v1/sessions/${sessionId}/evaluate`, {
        method: 'POST',
        headers: platform.headers,
        body: JSON.stringify({ expression: 'new Promise((resolve) => setTimeout(() => resolve(1), 20000))' }),
      }).catch(() => undefined);

      platform.child.kill('SIGTERM');
      // ≤ 5 s is the target; the bench's "stop" row measures it.
      expect(await exitWithin(platform, 20_000)).toBe(0);
      await inFlight;
      const order = ['worker stopped', 'server closed', 'embedded PostgreSQL stopped'].map((line) =>
        platform.output().indexOf(line),
      );
      expect(
        order.every((at) => at >= 0),
        platform.output(),
      ).toBe(true);
      expect([...order].sort((a, b) => a - b)).toEqual(order);
      // Postgres went last: what the worker wrote on its way out reached it.
      const database = await startEmbeddedPostgres({
        dataDir: path.join(platform.dataDir, 'pg'),
        port: await freePort(),
      });
      const client = new pg.Client({ connectionString: database.connectionString });
      await client.connect();
      try {
        const { rows } = await client.query('SELECT status FROM sessions WHERE id = $1', [sessionId]);
        expect(rows[0]?.status).toBe('STOPPED');
      } finally {
        await client.end();
        await database.stop();
      }
    } finally {
      socket?.disconnect();
      platform.child.kill('SIGKILL');
    }
  }, 240_000);
});

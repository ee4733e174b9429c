import net from 'node:net';
import type { Config } from '@fleetwright/config';
import {
  type ProxyHealthJob,
  type ProxyValidationJob,
  proxyHealthJobSchema,
  proxyValidationJobSchema,
  queues,
} from '@fleetwright/contracts';
import {
  type DatabaseClient,
  finishProxyValidation,
  getOrganizationPrivateTargets,
  nextDueProxies,
  nextValidationProxies,
  type ProxyRow,
  startProxyValidation,
} from '@fleetwright/db';
import type { SessionEvents } from '@fleetwright/events';
import type { Logger } from '@fleetwright/logger';
import {
  type CheckTargetOptions,
  checkHost,
  compilePrivateTargets,
  type HostGuard,
  resolveAllAddresses,
  TargetRefusedError,
} from '@fleetwright/net-guard';
import type { JobWithMetadata, PgBoss } from '@fleetwright/queue';
import { type Keyring, openProxyPassword } from '@fleetwright/secrets';
import { ProxyCheckError } from './check-errors.ts';
import { checkProxies } from './check-proxies.ts';
import type { ProxyEndpoint } from './check-proxy.ts';
import { CheckWriter, WRITE_BATCH } from './check-writer.ts';
import type { AnonymityBaseline } from './judge-anonymity.ts';

export type ProxyJobsConfig = Pick<
  Config,
  | 'PROXY_CHECK_URL'
  | 'PROXY_CHECK_CONCURRENCY'
  | 'PROXY_CHECK_TIMEOUT_MS'
  | 'PROXY_SLOW_MS'
  | 'PROXY_DOWN_AFTER'
  | 'PROXY_HEALTH_WINDOW_HOURS'
  | 'PROXY_HEALTH_INTERVAL_MS'
>;

export interface ProxyJobsOptions {
  boss: PgBoss;
  database: Pick<DatabaseClient, 'db' | 'pool'>;
  keyring: Keyring;
  events: SessionEvents;
  logger: Logger;
  config: ProxyJobsConfig;
  /**
   * How the target guard screens each proxy's host before its check connects (the organization's
   * private targets pass); null: no screening (ALLOW_PRIVATE_TARGETS). Without it, a pool proxy
   * named `intranet.example` that resolves to 10.0.0.5 would have the checker probe the internal
   * network for whoever imported it: the API checks names at create, but an import checks IP
   * literals only, and a name can resolve differently later.
   */
  targetGuard: Pick<CheckTargetOptions, 'resolve' | 'classify'> | null;
  /** Seconds between polls of the proxy queues. @default 2 */
  pollingIntervalSeconds?: number;
  /** The clock of checks and health windows (tests move it). @default () => new Date() */
  now?: () => Date;
  /** CA certificates for https proxies and an https check URL (a private CA; tests). */
  ca?: string | readonly string[];
  /** @default learned from the check URL once per run (learnCheckBaseline) */
  baseline?: AnonymityBaseline;
}

export interface ProxyJobs {
  /** Stops taking proxy jobs and cuts the runs in progress short: their jobs fail and are retried (resumed) later. */
  stop(): Promise<void>;
}

/** A proxy as the checks take it: its row (for the writer) and how to reach it, password opened. */
interface ProxyToCheck extends ProxyEndpoint {
  row: ProxyRow;
}

/**
 * Takes `proxy-validation` and `proxy-health` jobs, one of each at a time per worker: a run already
 * checks PROXY_CHECK_CONCURRENCY proxies at once.
 */
export async function startProxyJobs(options: ProxyJobsOptions): Promise<ProxyJobs> {
  const { boss } = options;
  const stopping = new AbortController();
  const running = new Set<Promise<void>>();
  const workOptions = {
    batchSize: 1,
    includeMetadata: true,
    pollingIntervalSeconds: options.pollingIntervalSeconds ?? 2,
  } as const;
  const handlers: [string, (job: JobWithMetadata<unknown>) => Promise<void>][] = [
    [queues.proxyValidation, (job) => runValidationJob(options, job, stopping.signal)],
    [queues.proxyHealth, (job) => runHealthJob(options, job, stopping.signal)],
    [queues.proxyValidationFailed, (job) => failLostValidation(options, job)],
  ];
  for (const [queue, handle] of handlers) {
    await boss.work<unknown, void, typeof workOptions>(queue, workOptions, async ([job]) => {
      if (!job) return;
      const run = handle(job);
      running.add(run);
      try {
        await run;
      } finally {
        running.delete(run);
      }
    });
  }
  return {
    async stop() {
      stopping.abort(new Error('the worker is stopping'));
      // Not pg-boss's wait: it also waits for a fetch in flight, which on a busy database outlasts a
      // shutdown's grace. The runs end at once (aborted); their jobs fail, or, should the queue
      // close first, come back after the heartbeat: either way they resume.
      await Promise.all(handlers.map(([queue]) => boss.offWork(queue, { wait: false }).catch(() => {})));
      await Promise.allSettled([...running]);
    },
  };
}

/**
 * One validation run. A job taken again (its worker died or stopped) resumes: the proxies the run
 * already marked checked are skipped. Its last attempt failing marks the run FAILED.
 */
async function runValidationJob(
  options: ProxyJobsOptions,
  job: JobWithMetadata<unknown>,
  stopping: AbortSignal,
): Promise<void> {
  const parsed = proxyValidationJobSchema.safeParse(job.data);
  if (!parsed.success) {
    options.logger.error({ jobId: job.id }, 'invalid proxy-validation job payload');
    return;
  }
  const key = { organizationId: parsed.data.organizationId, id: parsed.data.validationId };
  const logger = options.logger.child({ jobId: job.id, validationId: key.id });
  const run = await startProxyValidation(options.database.db, key);
  if (!run) return; // over already (or its organization is gone)
  try {
    await checkAll(options, {
      proxies: validationProxies(options, parsed.data),
      validationId: key.id,
      signal: AbortSignal.any([stopping, job.signal]),
    });
    await finishProxyValidation(options.database.db, { ...key, status: 'COMPLETED' });
  } catch (error) {
    const lastAttempt = job.retryCount >= job.retryLimit;
    const message = error instanceof Error ? error.message : String(error);
    if (lastAttempt && !stopping.aborted) {
      await finishProxyValidation(options.database.db, { ...key, status: 'FAILED', error: message });
    }
    logger.warn({ err: error, lastAttempt }, 'validation run interrupted');
    throw error;
  }
}

/**
 * A dead letter of proxy-validation: every attempt failed, or the workers running it were lost
 * (no heartbeat) until the retries ran out. The run is FAILED (if its last attempt did not say so
 * already), so its organization may ask for another.
 */
async function failLostValidation(options: ProxyJobsOptions, job: JobWithMetadata<unknown>): Promise<void> {
  const parsed = proxyValidationJobSchema.safeParse(job.data);
  if (!parsed.success) return;
  const attempts = (job.sourceRetryCount ?? 0) + 1;
  await finishProxyValidation(options.database.db, {
    organizationId: parsed.data.organizationId,
    id: parsed.data.validationId,
    status: 'FAILED',
    error: `The run stopped ${attempts} times (its worker failed, stopped or was lost) and was given up.`,
  });
}

/** One health pass: every proxy due (not checked for PROXY_HEALTH_INTERVAL_MS), of every organization. */
async function runHealthJob(
  options: ProxyJobsOptions,
  job: JobWithMetadata<unknown>,
  stopping: AbortSignal,
): Promise<void> {
  const parsed = proxyHealthJobSchema.safeParse(job.data);
  if (!parsed.success) return;
  await checkAll(options, {
    proxies: dueProxies(options, parsed.data),
    validationId: null,
    signal: AbortSignal.any([stopping, job.signal]),
  });
}

async function checkAll(
  options: ProxyJobsOptions,
  run: { proxies: AsyncIterable<ProxyToCheck>; validationId: string | null; signal: AbortSignal },
): Promise<void> {
  const { config } = options;
  const writer = new CheckWriter({
    pool: options.database.pool,
    events: options.events,
    rules: { slowMs: config.PROXY_SLOW_MS, downAfter: config.PROXY_DOWN_AFTER },
    windowHours: config.PROXY_HEALTH_WINDOW_HOURS,
    validationId: run.validationId,
    now: options.now,
  });
  // Nothing to check (a health pass with no proxy due): not even the baseline request to the echo.
  const proxies = await unlessEmpty(run.proxies);
  if (!proxies) return;
  try {
    await checkProxies(proxies, {
      checkUrl: config.PROXY_CHECK_URL,
      timeoutMs: config.PROXY_CHECK_TIMEOUT_MS,
      concurrency: config.PROXY_CHECK_CONCURRENCY,
      ca: options.ca,
      baseline: options.baseline,
      signal: run.signal,
      screen: proxyHostScreen(options),
      onResult: (proxy, result) => writer.add(proxy.row, result),
    });
    await writer.flush();
  } finally {
    writer.discard();
  }
}

/**
 * Checks a proxy's host with the target guard under its organization's private targets (read once
 * per organization and run) and answers the address to connect to; a refusal is the check's
 * NOT_ALLOWED failure, a name that does not resolve its DNS failure.
 */
function proxyHostScreen(options: ProxyJobsOptions): ((proxy: ProxyToCheck) => Promise<string>) | undefined {
  const { targetGuard } = options;
  if (!targetGuard) return undefined;
  const guards = new Map<string, Promise<HostGuard>>();
  const guardOf = (organizationId: string): Promise<HostGuard> => {
    let guard = guards.get(organizationId);
    if (!guard) {
      guard = getOrganizationPrivateTargets(options.database.db, organizationId).then((entries) => ({
        resolve: targetGuard.resolve ?? resolveAllAddresses,
        classify: targetGuard.classify,
        privateTargets: compilePrivateTargets(entries),
      }));
      guards.set(organizationId, guard);
    }
    return guard;
  };
  return async (proxy) => {
    try {
      const guard = await guardOf(proxy.row.organizationId);
      const addresses = await checkHost(proxy.host, `proxy ${proxy.host}:${proxy.port}`, guard);
      // One address is connected to (the one checked): IPv4 first, as most proxies listen there
      // (`localhost` answers ::1 first, where an IPv4-only proxy refuses).
      return addresses.find((address) => net.isIPv4(address)) ?? addresses[0] ?? proxy.host;
    } catch (error) {
      if (!(error instanceof TargetRefusedError)) throw error;
      throw new ProxyCheckError(error.code === 'TARGET_UNRESOLVABLE' ? 'DNS' : 'NOT_ALLOWED', error.message);
    }
  };
}

/** `items` as they were, or null when there is none (its first item is read to know). */
async function unlessEmpty<T>(items: AsyncIterable<T>): Promise<AsyncIterable<T> | null> {
  const iterator = items[Symbol.asyncIterator]();
  const first = await iterator.next();
  if (first.done) return null;
  return (async function* () {
    yield first.value;
    yield* { [Symbol.asyncIterator]: () => iterator };
  })();
}

async function* validationProxies(
  options: ProxyJobsOptions,
  job: ProxyValidationJob,
): AsyncGenerator<ProxyToCheck> {
  let afterId: string | null = null;
  do {
    const page = await nextValidationProxies(options.database.db, {
      validationId: job.validationId,
      afterId,
      limit: WRITE_BATCH,
    });
    for (const row of page.rows) yield toCheck(options.keyring, row);
    afterId = page.lastId;
  } while (afterId);
}

async function* dueProxies(options: ProxyJobsOptions, _job: ProxyHealthJob): AsyncGenerator<ProxyToCheck> {
  const now = options.now?.() ?? new Date();
  // Half an interval of slack: a proxy checked early in the last pass is due in this one.
  const dueBefore = new Date(now.getTime() - options.config.PROXY_HEALTH_INTERVAL_MS / 2);
  let afterId: string | null = null;
  do {
    const rows = await nextDueProxies(options.database.db, { afterId, dueBefore, limit: WRITE_BATCH });
    for (const row of rows) yield toCheck(options.keyring, row);
    afterId = rows.length === WRITE_BATCH ? rows.at(-1)!.id : null;
  } while (afterId);
}

/** The endpoint of a row, its password opened with the keyring (sealProxyPassword, packages/secrets). */
function toCheck(keyring: Keyring, row: ProxyRow): ProxyToCheck {
  const password = openProxyPassword(keyring, row.id, row.password);
  return {
    row,
    protocol: row.protocol,
    host: row.host,
    port: row.port,
    ...(row.username !== null ? { username: row.username, password: password ?? undefined } : {}),
  };
}

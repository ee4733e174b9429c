import type { ProxyStatus } from '@fleetwright/contracts';
import {
  applyProxyCheckOutcomes,
  type DatabaseClient,
  insertProxyChecks,
  lockProxyHealthStates,
  type ProxyCheckOutcome,
  type ProxyRow,
  type ProxyValidationRow,
  recordValidationResults,
  withTransaction,
} from '@fleetwright/db';
import { proxyHealthCheckPacket, proxyValidatedPacket, type SessionEvents } from '@fleetwright/events';
import type { ProxyCheckResult } from './check-proxy.ts';
import { geolocate } from './geolocation.ts';
import { type HealthRules, nextProxyHealth } from './proxy-health.ts';

/** Results written per transaction at most: one statement each for 500 proxies, not 500 round trips. */
export const WRITE_BATCH = 500;
/** Results wait at most this long (ms) before they are written, so progress shows during a slow run. */
const FLUSH_AFTER_MS = 250;

export interface CheckWriterOptions {
  pool: DatabaseClient['pool'];
  events: SessionEvents;
  rules: HealthRules;
  /** Hours of history behind the success rate (PROXY_HEALTH_WINDOW_HOURS). */
  windowHours: number;
  /** The run the checks belong to (`proxy.validated` events), or null for a health pass (`proxy.health_check`). */
  validationId: string | null;
  /** The clock of the checks' times and the window. @default () => new Date() */
  now?: () => Date;
}

interface PendingResult {
  proxy: ProxyRow;
  result: ProxyCheckResult;
  at: Date;
}

/**
 * Collects check results and writes them in batches, each in one transaction: the history rows, the
 * proxies' new health (nextProxyHealth) and place (the exit's geolocation), and the run's progress.
 * The events of a batch go out once it committed. Batches are written one after another.
 */
export class CheckWriter {
  readonly #options: CheckWriterOptions;
  readonly #now: () => Date;
  #pending: PendingResult[] = [];
  #writing: Promise<void> = Promise.resolve();
  #timer: NodeJS.Timeout | null = null;
  #failure: unknown = null;

  constructor(options: CheckWriterOptions) {
    this.#options = options;
    this.#now = options.now ?? (() => new Date());
  }

  /**
   * Adds one result; a full batch is written before the promise resolves (backpressure on the
   * checks). Throws the error of an earlier failed write.
   */
  add(proxy: ProxyRow, result: ProxyCheckResult): Promise<void> | undefined {
    if (this.#failure) throw this.#failure;
    this.#pending.push({ proxy, result, at: this.#now() });
    if (this.#pending.length >= WRITE_BATCH) return this.flush();
    this.#timer ??= setTimeout(() => {
      this.#timer = null;
      this.flush().catch(() => {});
    }, FLUSH_AFTER_MS);
    return undefined;
  }

  /** Writes what is pending; resolves once every write so far is done. */
  flush(): Promise<void> {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    const batch = this.#pending.splice(0);
    if (batch.length > 0) {
      this.#writing = this.#writing.then(() =>
        this.#write(batch).catch((error: unknown) => {
          this.#failure ??= error;
        }),
      );
    }
    return this.#writing.then(() => {
      if (this.#failure) throw this.#failure;
    });
  }

  /** Stops the timer; what is pending is dropped (the run is being cut short). */
  discard(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    this.#pending = [];
  }

  async #write(batch: PendingResult[]): Promise<void> {
    const { pool, rules, validationId, windowHours } = this.#options;
    const byId = new Map(batch.map((pending) => [pending.proxy.id, pending]));
    const written = await withTransaction(pool, async ({ db }) => {
      const since = new Date(this.#now().getTime() - windowHours * 3_600_000);
      // Locked first: a proxy deleted meanwhile is missing here and gets no history row.
      const states = await lockProxyHealthStates(db, { ids: [...byId.keys()], since });
      const previous = new Map<string, ProxyStatus>();
      const outcomes: ProxyCheckOutcome[] = [];
      for (const state of states) {
        const { result, at } = byId.get(state.id)!;
        previous.set(state.id, state.status);
        const health = nextProxyHealth(
          {
            status: state.status,
            consecutiveFailures: state.consecutiveFailures,
            ok: result.ok,
            latencyMs: result.latencyMs,
            // This check is not in the table yet.
            checksInWindow: state.checksInWindow + 1,
            okInWindow: state.okInWindow + (result.ok ? 1 : 0),
          },
          rules,
        );
        outcomes.push({
          id: state.id,
          ...health,
          lastCheckedAt: at,
          success:
            result.ok && result.exitIp !== null
              ? {
                  latencyMs: result.latencyMs ?? 0,
                  exitIp: result.exitIp,
                  anonymity: result.anonymity,
                  supportsConnect: result.supportsConnect,
                  ...geolocate(result.exitIp),
                }
              : null,
        });
      }
      await insertProxyChecks(
        db,
        states.map((state) => {
          const { result, at } = byId.get(state.id)!;
          return {
            proxyId: state.id,
            organizationId: state.organizationId,
            at,
            ok: result.ok,
            latencyMs: result.latencyMs,
            error: result.error?.code ?? null,
            exitIp: result.exitIp,
          };
        }),
      );
      const rows = await applyProxyCheckOutcomes(db, outcomes);
      const run: ProxyValidationRow | undefined = validationId
        ? await recordValidationResults(db, {
            validationId,
            results: batch.map(({ proxy, result }) => ({ proxyId: proxy.id, ok: result.ok })),
          })
        : undefined;
      return { rows, run, previous };
    });
    this.#publish(written, byId);
  }

  #publish(
    written: { rows: ProxyRow[]; run: ProxyValidationRow | undefined; previous: Map<string, ProxyStatus> },
    byId: Map<string, PendingResult>,
  ): void {
    const { rows, run, previous } = written;
    const packets = run
      ? rows.map((row) => proxyValidatedPacket(row, run))
      : rows.map((row) => {
          const { result, at } = byId.get(row.id)!;
          return proxyHealthCheckPacket(row, {
            ok: result.ok,
            latencyMs: result.latencyMs,
            previousStatus: previous.get(row.id) ?? row.status,
            at,
          });
        });
    this.#options.events.publish(packets);
  }
}

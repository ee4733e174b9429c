import type { LogLevel, LogSource } from '@fleetwright/contracts';
import { type Database, insertSessionLogs, type NewSessionLogRow, type SessionLogRow } from '@fleetwright/db';
import type { SessionEvents } from '@fleetwright/events';
import type { Logger } from '@fleetwright/logger';

export interface SessionLogLine {
  sessionId: string;
  organizationId: string;
  level: LogLevel;
  source: LogSource;
  message: string;
  data?: Record<string, unknown> | null;
}

export interface LogWriterOptions {
  db: Database;
  events: SessionEvents;
  logger: Logger;
  /** Page lines (console, errors, requests, navigations, script) per session per second; the rest are counted and reported as one line. @default 200 */
  maxLinesPerSecond?: number;
}

/** Longer console messages are cut (a page logging a megabyte string must not bloat the table). */
export const MAX_LOG_MESSAGE_CHARS = 8192;
/** Rows per INSERT. */
const MAX_BATCH = 500;
/** A held session's lines go out after this long even if it is still held (a slow start). */
const MAX_HOLD_MS = 1000;

interface RateWindow {
  startedAt: number;
  lines: number;
  dropped: number;
  organizationId: string;
  timer: NodeJS.Timeout | null;
}

/**
 * Batches session log lines: lines written during one tick go out in one INSERT, then each inserted
 * row (with its id) is emitted as `session.log`. Idle, a line is written on the next tick; under a
 * burst, lines pile up while the previous INSERT runs and go out together. A session can be held
 * (while it starts): its lines keep their time and order but wait for `release`, so writing them
 * does not compete with the start for the CPU, the pool and the database.
 */
export class LogWriter {
  readonly #options: LogWriterOptions;
  readonly #maxPerSecond: number;
  #buffer: NewSessionLogRow[] = [];
  #scheduled = false;
  #flushing: Promise<void> | null = null;
  readonly #windows = new Map<string, RateWindow>();
  /** Lines of held sessions, and the timer that releases them at the latest. */
  readonly #held = new Map<string, { rows: NewSessionLogRow[]; timer: NodeJS.Timeout }>();
  #closed = false;

  constructor(options: LogWriterOptions) {
    this.#options = options;
    this.#maxPerSecond = options.maxLinesPerSecond ?? 200;
  }

  write(line: SessionLogLine): void {
    if (this.#closed) return;
    // The cap is for what the page produces; the worker's own lifecycle lines always go through.
    if (line.source !== 'lifecycle' && !this.#admit(line)) return;
    this.#push(line);
  }

  #push(line: SessionLogLine): void {
    const message =
      line.message.length > MAX_LOG_MESSAGE_CHARS
        ? `${line.message.slice(0, MAX_LOG_MESSAGE_CHARS)}… (${line.message.length} characters)`
        : line.message;
    const row: NewSessionLogRow = {
      sessionId: line.sessionId,
      organizationId: line.organizationId,
      level: line.level,
      source: line.source,
      message,
      data: line.data ?? null,
      at: new Date(),
    };
    const held = this.#held.get(line.sessionId);
    if (held) {
      held.rows.push(row);
      return;
    }
    this.#buffer.push(row);
    this.#schedule();
  }

  /** Keeps a session's lines back until `release` (or MAX_HOLD_MS). */
  hold(sessionId: string): void {
    if (this.#closed || this.#held.has(sessionId)) return;
    const timer = setTimeout(() => this.release(sessionId), MAX_HOLD_MS);
    timer.unref();
    this.#held.set(sessionId, { rows: [], timer });
  }

  /** Writes the lines held back for a session, and its next ones, as usual. */
  release(sessionId: string): void {
    const held = this.#held.get(sessionId);
    if (!held) return;
    this.#held.delete(sessionId);
    clearTimeout(held.timer);
    if (held.rows.length === 0) return;
    this.#buffer.push(...held.rows);
    this.#schedule();
  }

  /** Per-session cap over one-second windows; a window that dropped lines reports how many. */
  #admit(line: SessionLogLine): boolean {
    const now = Date.now();
    let window = this.#windows.get(line.sessionId);
    if (!window || now - window.startedAt >= 1000) {
      if (window) this.#reportDropped(line.sessionId, window);
      window = { startedAt: now, lines: 0, dropped: 0, organizationId: line.organizationId, timer: null };
      this.#windows.set(line.sessionId, window);
    }
    if (window.lines < this.#maxPerSecond) {
      window.lines += 1;
      return true;
    }
    window.dropped += 1;
    if (!window.timer) {
      const current = window;
      current.timer = setTimeout(
        () => this.#reportDropped(line.sessionId, current),
        1000 - (now - current.startedAt),
      );
      current.timer.unref();
    }
    return false;
  }

  #reportDropped(sessionId: string, window: RateWindow): void {
    if (window.timer) clearTimeout(window.timer);
    window.timer = null;
    if (window.dropped === 0) return;
    const dropped = window.dropped;
    window.dropped = 0;
    this.#push({
      sessionId,
      organizationId: window.organizationId,
      level: 'warn',
      source: 'lifecycle',
      message: `${dropped} log lines dropped (more than ${this.#maxPerSecond} lines per second)`,
      data: { dropped },
    });
  }

  /** Forget a session's rate window (it stopped). */
  forget(sessionId: string): void {
    this.release(sessionId);
    const window = this.#windows.get(sessionId);
    if (window) this.#reportDropped(sessionId, window);
    this.#windows.delete(sessionId);
  }

  #schedule(): void {
    if (this.#scheduled || this.#flushing) return;
    this.#scheduled = true;
    setImmediate(() => {
      this.#scheduled = false;
      void this.flush();
    });
  }

  /** Writes everything buffered so far; resolves when the buffer is empty. */
  async flush(): Promise<void> {
    while (this.#flushing) await this.#flushing;
    if (this.#buffer.length === 0) return;
    this.#flushing = this.#drain();
    try {
      await this.#flushing;
    } finally {
      this.#flushing = null;
    }
    if (this.#buffer.length > 0) this.#schedule();
  }

  async #drain(): Promise<void> {
    while (this.#buffer.length > 0) {
      const batch = this.#buffer.splice(0, MAX_BATCH);
      const rows = await this.#insert(batch);
      this.#options.events.logs(rows);
    }
  }

  async #insert(batch: NewSessionLogRow[]): Promise<SessionLogRow[]> {
    try {
      return await insertSessionLogs(this.#options.db, batch);
    } catch (error) {
      // One deleted session (foreign key) must not lose the other sessions' lines: retry per session.
      const bySession = new Map<string, NewSessionLogRow[]>();
      for (const row of batch) bySession.set(row.sessionId, [...(bySession.get(row.sessionId) ?? []), row]);
      if (bySession.size === 1) {
        this.#options.logger.warn({ err: error, lines: batch.length }, 'could not store session log lines');
        return [];
      }
      const results = await Promise.all(
        [...bySession.values()].map((rows) =>
          insertSessionLogs(this.#options.db, rows).catch((retryError: unknown) => {
            this.#options.logger.warn(
              { err: retryError, lines: rows.length },
              'could not store session log lines',
            );
            return [] as SessionLogRow[];
          }),
        ),
      );
      return results.flat();
    }
  }

  /** Reports pending drop counts, writes what is buffered, then ignores further lines. */
  async close(): Promise<void> {
    for (const sessionId of [...this.#held.keys()]) this.release(sessionId);
    for (const [sessionId, window] of this.#windows) this.#reportDropped(sessionId, window);
    this.#windows.clear();
    await this.flush();
    this.#closed = true;
  }
}

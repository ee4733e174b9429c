import type { NewSessionLogRow, SessionLogRow } from '@fleetwright/db';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const inserted: NewSessionLogRow[][] = [];
vi.mock('@fleetwright/db', () => ({
  insertSessionLogs: async (_db: unknown, rows: NewSessionLogRow[]) => {
    inserted.push(rows);
    return rows.map((row, index) => ({ ...row, id: index + 1 }));
  },
}));

const { LogWriter } = await import('./log-writer.ts');

const emitted: SessionLogRow[] = [];
const writer = () =>
  new LogWriter({
    db: {} as never,
    events: { logs: (rows: SessionLogRow[]) => emitted.push(...rows) } as never,
    logger: { warn: () => {} } as never,
  });
const line = (sessionId: string, message: string) => ({
  sessionId,
  organizationId: 'org',
  level: 'info' as const,
  source: 'lifecycle' as const,
  message,
});
const tick = () => new Promise((resolve) => setImmediate(resolve));

beforeEach(() => {
  inserted.length = 0;
  emitted.length = 0;
});
afterEach(() => {
  vi.useRealTimers();
});

describe('log writer', () => {
  it("keeps a held session's lines back, then writes them in order in one batch", async () => {
    const logs = writer();
    logs.hold('a');
    logs.write(line('a', 'starting'));
    logs.write(line('b', 'other session'));
    logs.write(line('a', 'navigated'));
    await tick();
    await logs.flush();
    expect(inserted.map((batch) => batch.map((row) => row.message))).toEqual([['other session']]);
    logs.write(line('a', 'started'));
    logs.release('a');
    await tick();
    await logs.flush();
    expect(inserted.at(-1)?.map((row) => row.message)).toEqual(['starting', 'navigated', 'started']);
    expect(emitted.map((row) => row.message)).toEqual(['other session', 'starting', 'navigated', 'started']);
  });

  it('writes the lines of a session held too long without waiting for its release', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const logs = writer();
    logs.hold('slow');
    logs.write(line('slow', 'starting'));
    vi.advanceTimersByTime(1000);
    await tick();
    await logs.flush();
    expect(inserted.flat().map((row) => row.message)).toEqual(['starting']);
  });

  it('writes what is held when the writer closes', async () => {
    const logs = writer();
    logs.hold('a');
    logs.write(line('a', 'starting'));
    await logs.close();
    expect(inserted.flat().map((row) => row.message)).toEqual(['starting']);
  });
});

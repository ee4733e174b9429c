import { describe, expect, it } from 'vitest';
import { dayRangeToInstants, parseExecutionHistoryParams, patchExecutionHistoryQuery } from './list-params';

const JOB = '3f1c2a9e-7b0d-4c55-9a1e-5d2f8b6c4e10';

describe('the executions history URL', () => {
  it('reads its filters from the query string and drops what it does not know', () => {
    const params = parseExecutionHistoryParams(
      new URLSearchParams(`job=${JOB}&status=FAILED&trigger=schedule&from=2026-12-01&to=2026-12-07&page=3`),
    );
    expect(params).toEqual({
      page: 3,
      pageSize: 50,
      job: JOB,
      status: 'FAILED',
      trigger: 'schedule',
      from: '2026-12-01',
      to: '2026-12-07',
    });
    const junk = parseExecutionHistoryParams(
      new URLSearchParams('job=nope&status=LOST&trigger=magic&from=yesterday&to=2026-13-45&page=-2'),
    );
    expect(junk).toEqual({ page: 1, pageSize: 50 });
  });

  it('goes back to page 1 when a filter changes', () => {
    expect(patchExecutionHistoryQuery('status=FAILED&page=4', { trigger: 'manual' })).toBe(
      'status=FAILED&trigger=manual',
    );
    expect(patchExecutionHistoryQuery('status=FAILED&page=4', { page: 5 })).toBe('status=FAILED&page=5');
  });

  it('asks the API from the start of the first day to the start of the day after the last', () => {
    const { from, to } = dayRangeToInstants('2026-12-01', '2026-12-07');
    expect(from).toBe(new Date(2026, 11, 1).toISOString());
    expect(to).toBe(new Date(2026, 11, 8).toISOString());
    expect(dayRangeToInstants(undefined, undefined)).toEqual({ from: undefined, to: undefined });
  });
});

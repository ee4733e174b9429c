import type { ExecutionResultRow } from '@fleetwright/db';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { executionDataCsv } from './data.ts';

function resultWith(data: Record<string, unknown>): ExecutionResultRow {
  return {
    id: '00000000-0000-4000-8000-000000000001',
    organizationId: '00000000-0000-4000-8000-000000000002',
    executionId: '00000000-0000-4000-8000-000000000003',
    sessionId: null,
    target: 'https://shop.example/',
    status: 'passed',
    startedAt: new Date('2026-01-01T00:00:00Z'),
    durationMs: 10,
    data,
    steps: [],
    error: null,
    createdAt: new Date('2026-01-01T00:00:00Z'),
  };
}

/** The data cells of the CSV's one result row, by column name. */
function cellsOf(data: Record<string, unknown>): Record<string, string> {
  const [row] = parse(executionDataCsv([resultWith(data)]), { columns: true }) as Record<string, string>[];
  return row!;
}

describe('the execution data CSV (issue 11)', () => {
  it('neutralises extracted text a spreadsheet would run as a formula (CSV injection)', () => {
    const cells = cellsOf({
      equals: '=HYPERLINK("http://evil.example","click")',
      plus: '+1+1',
      minus: '-2+3',
      at: '@SUM(A1)',
      tab: '\t=1',
      cr: '\r=1',
      plain: 'apple',
    });
    expect(cells).toMatchObject({
      equals: `'=HYPERLINK("http://evil.example","click")`,
      plus: "'+1+1",
      minus: "'-2+3",
      at: "'@SUM(A1)",
      tab: "'\t=1",
      cr: "'\r=1",
      plain: 'apple',
    });
  });

  it('keeps numbers as numbers, negative ones too, and booleans as true or false', () => {
    expect(cellsOf({ loss: -3, price: 4.5, inStock: true, text: '-3' })).toMatchObject({
      loss: '-3',
      price: '4.5',
      inStock: 'true',
      text: "'-3",
    });
  });
});

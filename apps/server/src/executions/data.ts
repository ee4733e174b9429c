import type { ExecutionDataRow } from '@fleetwright/contracts';
import type { ExecutionResultRow } from '@fleetwright/db';
import { stringify } from 'csv-stringify/sync';

/** One row per result: which session, target and status, then what it extracted. */
export function executionDataRows(results: ExecutionResultRow[]): ExecutionDataRow[] {
  return results.map((result) => ({
    resultId: result.id,
    sessionId: result.sessionId,
    target: result.target,
    status: result.status,
    data: result.data,
  }));
}

/**
 * The same rows as CSV: the fixed columns, then one column per data name (the union over all
 * results, in order of first appearance). A value that is not a string, number or boolean (a list
 * or an object an extract produced) is written as JSON in its cell.
 *
 * Extracted text comes from pages nobody here controls, and a spreadsheet runs a cell starting
 * with `=`, `+`, `-`, `@`, a tab or a CR as a formula (OWASP "CSV injection"): csv-stringify's
 * `escape_formulas` prefixes such a string with `'`. Numbers stay numbers (a `-3` is left alone),
 * so they go to the writer as numbers, not as their text; booleans go as text (`true`, `false`),
 * where the writer would write `1` and an empty cell.
 */
export function executionDataCsv(results: ExecutionResultRow[]): string {
  const names: string[] = [];
  for (const result of results)
    for (const name of Object.keys(result.data)) if (!names.includes(name)) names.push(name);
  const cell = (value: unknown) =>
    value === undefined || value === null
      ? ''
      : typeof value === 'number'
        ? value
        : typeof value === 'object'
          ? JSON.stringify(value)
          : String(value);
  const header = ['resultId', 'sessionId', 'target', 'status', ...names];
  const rows = results.map((result) => [
    result.id,
    result.sessionId ?? '',
    result.target,
    result.status,
    ...names.map((name) => cell(result.data[name])),
  ]);
  return stringify([header, ...rows], { escape_formulas: true });
}

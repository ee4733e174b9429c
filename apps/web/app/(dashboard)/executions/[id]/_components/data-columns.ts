import type { ExecutionResult } from '@fleetwright/contracts';

/** The data table's columns: every key any session extracted, in the order they first appear. */
export function dataColumns(results: Pick<ExecutionResult, 'data'>[]): string[] {
  const columns = new Set<string>();
  for (const result of results) for (const key of Object.keys(result.data)) columns.add(key);
  return [...columns];
}

/** A cell's text: strings as they are, anything else (lists, objects, numbers) as JSON. */
export function cellText(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}

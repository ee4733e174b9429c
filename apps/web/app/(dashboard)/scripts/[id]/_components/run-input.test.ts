import { describe, expect, it } from 'vitest';
import { countChanges } from './diff-changes';
import { parseInput } from './run-input';

describe("the run panel's input", () => {
  it('takes an empty field as no input, and a JSON object as the input', () => {
    expect(parseInput('  ')).toEqual({ input: {} });
    expect(parseInput('{"query":"shoes"}')).toEqual({ input: { query: 'shoes' } });
  });

  it('refuses text that is not JSON, and JSON that is not an object', () => {
    expect(parseInput('{query: shoes}')).toEqual({ error: 'json' });
    expect(parseInput('[1, 2]')).toEqual({ error: 'object' });
    expect(parseInput('null')).toEqual({ error: 'object' });
  });
});

describe("a diff's summary", () => {
  it('counts added and removed lines over every hunk, not the context lines', () => {
    const hunk = { oldStart: 1, oldLines: 3, newStart: 1, newLines: 4, lines: [' a', '-b', '+c', '+d'] };
    expect(countChanges({ hunks: [hunk, { ...hunk, lines: ['-x'] }] })).toEqual({ added: 2, removed: 2 });
  });
});

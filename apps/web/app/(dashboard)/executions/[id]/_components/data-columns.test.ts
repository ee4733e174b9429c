import { describe, expect, it } from 'vitest';
import { cellText, dataColumns } from './data-columns';

describe('the execution data table', () => {
  it('takes its columns from the union of the keys every session extracted, in order of appearance', () => {
    expect(
      dataColumns([{ data: { title: 'A', price: 1 } }, { data: { price: 2, stock: true } }, { data: {} }]),
    ).toEqual(['title', 'price', 'stock']);
  });

  it('shows strings as they are and other values as JSON; a missing key is an empty cell', () => {
    expect(cellText('Hello')).toBe('Hello');
    expect(cellText([{ name: 'a' }])).toBe('[{"name":"a"}]');
    expect(cellText(undefined)).toBe('');
  });
});

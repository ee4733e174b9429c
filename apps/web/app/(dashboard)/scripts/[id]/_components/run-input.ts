/** The input JSON as the test route takes it (an object), or why it is not one. */
export function parseInput(text: string): { input: Record<string, unknown> } | { error: 'json' | 'object' } {
  if (!text.trim()) return { input: {} };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { error: 'json' };
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return { error: 'object' };
  return { input: value as Record<string, unknown> };
}

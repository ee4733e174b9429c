/** Tags typed as "eu, fast residential": commas or spaces separate them; duplicates go. */
export function parseTags(text: string): string[] {
  return [...new Set(text.split(/[\s,]+/).filter(Boolean))];
}

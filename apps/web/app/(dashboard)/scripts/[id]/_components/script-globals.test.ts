import { describe, expect, it } from 'vitest';
import { scriptGlobals } from './script-globals';

describe("a script's globals for completion", () => {
  it('declares input always, and axe or webVitals only when the library is selected', () => {
    const plain = scriptGlobals([])
      .map((lib) => lib.content)
      .join('\n');
    expect(plain).toContain('declare const input');
    expect(plain).not.toContain('declare const axe');
    expect(plain).not.toContain('declare const webVitals');

    const both = scriptGlobals(['axe-core', 'web-vitals'])
      .map((lib) => lib.content)
      .join('\n');
    expect(both).toContain('declare const axe');
    expect(both).toContain('declare const webVitals');
  });
});

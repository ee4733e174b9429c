import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = path.resolve(import.meta.dirname, '..', '..', 'packages', 'testing', 'src');

describe('@fleetwright/testing', () => {
  it('imports no app code: every suite can use it, and it tests apps only through their packages', () => {
    const offenders = readdirSync(SRC)
      .filter((name) => name.endsWith('.ts'))
      .flatMap((name) =>
        [...readFileSync(path.join(SRC, name), 'utf8').matchAll(/from '([^']+)'/g)]
          .map((match) => match[1]!)
          .filter((specifier) => /^@fleetwright\/(server|worker|web)\b|(^|\/)apps\//.test(specifier))
          .map((specifier) => `${name}: ${specifier}`),
      );
    expect(offenders).toEqual([]);
  });
});

import type { LookupAddress } from 'node:dns';
import type { LookupFunction } from 'node:net';
import { describe, expect, it } from 'vitest';
import { createGuardedLookup } from './guarded-lookup.ts';

const resolve = async (hostname: string) => {
  if (hostname === 'public.test') return ['2606:4700::1111', '93.184.216.34'];
  if (hostname === 'rebound.test') return ['93.184.216.34', '127.0.0.1'];
  throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
};

interface LookupResult {
  error: NodeJS.ErrnoException | null;
  address: string | LookupAddress[];
  family?: number;
}

function lookupOnce(lookup: LookupFunction, hostname: string, all: boolean, family?: number) {
  return new Promise<LookupResult>((done) => {
    lookup(hostname, { all, family }, (error, address, resultFamily) =>
      done({ error, address, family: resultFamily }),
    );
  });
}

describe('createGuardedLookup', () => {
  const lookup = createGuardedLookup({ allowPrivate: false, resolve });

  it('answers with every address when asked for all of them', async () => {
    expect(await lookupOnce(lookup, 'public.test', true)).toMatchObject({
      error: null,
      address: [
        { address: '2606:4700::1111', family: 6 },
        { address: '93.184.216.34', family: 4 },
      ],
    });
  });

  it('answers with the first address of the requested family', async () => {
    expect(await lookupOnce(lookup, 'public.test', false, 4)).toMatchObject({
      error: null,
      address: '93.184.216.34',
      family: 4,
    });
  });

  it('fails the lookup when any address of the name is not public', async () => {
    const { error } = await lookupOnce(lookup, 'rebound.test', true);
    expect(error).toMatchObject({
      name: 'TargetRefusedError',
      code: 'TARGET_NOT_ALLOWED',
      address: '127.0.0.1',
    });
  });

  it('refuses localhost without asking the resolver', async () => {
    const { error } = await lookupOnce(lookup, 'localhost', true);
    expect(error).toMatchObject({ code: 'TARGET_NOT_ALLOWED', host: 'localhost' });
  });

  it('passes on a resolver failure as an unresolvable target', async () => {
    const { error } = await lookupOnce(lookup, 'nowhere.test', false);
    expect(error).toMatchObject({ code: 'TARGET_UNRESOLVABLE', host: 'nowhere.test' });
  });

  it('answers with private addresses when private targets are allowed', async () => {
    const open = createGuardedLookup({ allowPrivate: true, resolve });
    expect(await lookupOnce(open, 'rebound.test', false, 4)).toMatchObject({
      error: null,
      address: '93.184.216.34',
    });
    expect(await lookupOnce(open, 'rebound.test', true)).toMatchObject({
      error: null,
      address: [{ address: '93.184.216.34' }, { address: '127.0.0.1' }],
    });
  });
});

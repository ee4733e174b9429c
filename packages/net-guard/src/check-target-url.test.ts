import { describe, expect, it, vi } from 'vitest';
import {
  type CheckTargetOptions,
  canonicalHost,
  checkHostWithoutDns,
  checkTargetUrl,
} from './check-target-url.ts';
import { TargetRefusedError } from './errors.ts';
import { compilePrivateTargets } from './private-targets.ts';

/** A resolver that knows a few names and fails the test if anything else is asked. */
function fakeResolver(records: Record<string, string[]>) {
  return vi.fn(async (hostname: string) => {
    const addresses = records[hostname];
    if (addresses) return addresses;
    const error: NodeJS.ErrnoException = new Error(`getaddrinfo ENOTFOUND ${hostname}`);
    error.code = 'ENOTFOUND';
    throw error;
  });
}

const records = {
  'loopback.test': ['127.0.0.1'],
  'mixed.test': ['93.184.216.34', '10.0.0.5'],
  'public.test': ['93.184.216.34'],
  'six.test': ['2606:4700::1111', '93.184.216.34'],
};

function guarded(): CheckTargetOptions {
  return { allowPrivate: false, resolve: fakeResolver(records) };
}

describe('checkTargetUrl', () => {
  it.each([
    'http://127.0.0.1/',
    'http://127.1/',
    'http://0x7f000001/',
    'http://2130706433/',
    'http://0177.0.0.1/',
    'http://127.0.0.1./',
    'http://10.0.0.1/',
    'http://172.16.0.1/',
    'http://192.168.1.1/',
    'http://169.254.169.254/latest/meta-data/',
    'http://100.64.0.1/',
    'http://0.0.0.0/',
    'http://[::1]/',
    'http://[::]/',
    'http://[::ffff:127.0.0.1]/',
    'http://[::ffff:7f00:1]/',
    'http://[::127.0.0.1]/',
    'http://[64:ff9b::a9fe:a9fe]/',
    'http://[2002:7f00:1::]/',
    'http://[fe80::1]/',
    'http://[fc00::1]/',
    'http://[fd00:ec2::254]/',
    'https://127.0.0.1:8443/admin',
  ])('refuses %s without a DNS lookup', async (url) => {
    const options = guarded();
    await expect(checkTargetUrl(url, options)).rejects.toMatchObject({
      name: 'TargetRefusedError',
      code: 'TARGET_NOT_ALLOWED',
      address: expect.any(String),
    });
    expect(options.resolve).not.toHaveBeenCalled();
  });

  it.each([
    'http://localhost/',
    'http://localhost:3000/',
    'http://LOCALHOST/',
    'http://foo.localhost/',
    'http://localhost./',
    'http://metadata.google.internal/computeMetadata/v1/',
    'http://metadata.google.internal./',
    'http://metadata/',
  ])('refuses the local or metadata name in %s without a DNS lookup', async (url) => {
    const options = guarded();
    await expect(checkTargetUrl(url, options)).rejects.toMatchObject({ code: 'TARGET_NOT_ALLOWED' });
    expect(options.resolve).not.toHaveBeenCalled();
  });

  it('explains the refusal with the URL, the kind of address and the address', async () => {
    await expect(checkTargetUrl('http://10.0.0.1/', guarded())).rejects.toThrow(
      'http://10.0.0.1/ points to a private address (10.0.0.1); private targets are not allowed',
    );
  });

  it('keeps credentials, path and query out of the message', async () => {
    const error = await checkTargetUrl('http://user:hunter2@10.0.0.1/secret?token=abc', guarded()).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(TargetRefusedError);
    expect((error as Error).message).not.toMatch(/hunter2|secret|token/);
  });

  it('reports the IPv6 host without brackets', async () => {
    await expect(checkTargetUrl('http://[::1]:8080/', guarded())).rejects.toMatchObject({
      host: '::1',
      address: '::1',
      addressClass: 'loopback',
    });
  });

  it('refuses a name that resolves to a loopback address', async () => {
    await expect(checkTargetUrl('http://loopback.test/', guarded())).rejects.toMatchObject({
      code: 'TARGET_NOT_ALLOWED',
      host: 'loopback.test',
      address: '127.0.0.1',
      message:
        'http://loopback.test/ resolves to a loopback address (127.0.0.1); private targets are not allowed',
    });
  });

  it('refuses a name when any one of its addresses is private', async () => {
    await expect(checkTargetUrl('https://mixed.test/page', guarded())).rejects.toMatchObject({
      code: 'TARGET_NOT_ALLOWED',
      address: '10.0.0.5',
    });
  });

  it('accepts a name whose every address is public', async () => {
    await expect(checkTargetUrl('https://public.test/page', guarded())).resolves.toBeUndefined();
    await expect(checkTargetUrl('https://six.test/', guarded())).resolves.toBeUndefined();
  });

  it('accepts public IPv4 and IPv6 literals', async () => {
    await expect(checkTargetUrl('http://93.184.216.34/', guarded())).resolves.toBeUndefined();
    await expect(checkTargetUrl('https://[2606:4700::1111]/', guarded())).resolves.toBeUndefined();
  });

  it('refuses a name that does not resolve, naming the host', async () => {
    await expect(checkTargetUrl('https://nowhere.test/', guarded())).rejects.toMatchObject({
      code: 'TARGET_UNRESOLVABLE',
      host: 'nowhere.test',
      message: expect.stringContaining('nowhere.test does not resolve (ENOTFOUND)'),
    });
  });

  it('refuses a name the resolver answers with no addresses', async () => {
    const options: CheckTargetOptions = { allowPrivate: false, resolve: async () => [] };
    await expect(checkTargetUrl('https://empty.test/', options)).rejects.toMatchObject({
      code: 'TARGET_UNRESOLVABLE',
    });
  });

  it('lets everything through without a DNS lookup when private targets are allowed', async () => {
    const resolve = fakeResolver(records);
    for (const url of [
      'http://127.0.0.1/',
      'http://localhost/',
      'http://loopback.test/',
      'http://nowhere.test/',
    ]) {
      await expect(checkTargetUrl(url, { allowPrivate: true, resolve })).resolves.toBeUndefined();
    }
    expect(resolve).not.toHaveBeenCalled();
  });

  it.each(['about:blank', 'data:text/html,<h1>hi</h1>'])('leaves the non-HTTP URL %s alone', async (url) => {
    const options = guarded();
    await expect(checkTargetUrl(url, options)).resolves.toBeUndefined();
    expect(options.resolve).not.toHaveBeenCalled();
  });

  it('refuses a string that is not a URL without echoing it', async () => {
    await expect(checkTargetUrl('http://user:hunter2@[::1', guarded())).rejects.toMatchObject({
      code: 'TARGET_NOT_ALLOWED',
      message: 'The target is not a valid URL',
    });
  });
});

describe('checkHostWithoutDns (issue 10: an import checks each line without a lookup)', () => {
  it.each([
    '127.0.0.1',
    '0x7f.1',
    '2130706433',
    '0177.0.0.1',
    '10.0.0.1',
    '192.168.1.1',
    '169.254.169.254',
    '::1',
    '[::ffff:127.0.0.1]',
    'fd00::1',
    'localhost',
    'proxy.localhost',
    'metadata.google.internal',
  ])('refuses %s', (host) => {
    expect(() => checkHostWithoutDns(canonicalHost(host), 'proxy', {})).toThrow(
      expect.objectContaining({ code: 'TARGET_NOT_ALLOWED' }),
    );
  });

  it.each(['93.184.216.34', '2606:4700::1111', 'proxy.example.com', 'loopback.test'])(
    'lets %s through: public literals, and names it does not look up',
    (host) => {
      expect(() => checkHostWithoutDns(canonicalHost(host), 'proxy', {})).not.toThrow();
    },
  );

  it("lets the organization's private targets through, and nothing else", () => {
    const privateTargets = compilePrivateTargets(['10.20.0.0/16', 'localhost']);
    expect(() => checkHostWithoutDns('10.20.3.4', 'proxy', { privateTargets })).not.toThrow();
    expect(() => checkHostWithoutDns('localhost', 'proxy', { privateTargets })).not.toThrow();
    expect(() => checkHostWithoutDns('10.21.0.1', 'proxy', { privateTargets })).toThrow(TargetRefusedError);
  });

  it('reads a host as a URL would', () => {
    expect(canonicalHost('0x7F.1')).toBe('127.0.0.1');
    expect(canonicalHost('2001:DB8::1')).toBe('2001:db8::1');
    expect(canonicalHost('Proxy.Example.com')).toBe('proxy.example.com');
  });
});

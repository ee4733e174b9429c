import { describe, expect, it } from 'vitest';
import { parseProxyLine, readJsonEntries, readProxyList } from './import-parse.ts';

async function readAll(text: string, format: 'txt' | 'csv' | 'json') {
  const read = [];
  // In small chunks, as a download arrives: lines and CSV rows cross chunk boundaries.
  const chunks = (async function* () {
    for (let i = 0; i < text.length; i += 7) yield text.slice(i, i + 7);
  })();
  for await (const line of readProxyList(chunks, format)) read.push(line);
  return read;
}

describe('parseProxyLine', () => {
  it('reads every txt form', () => {
    expect(parseProxyLine('Example.COM:8080')).toEqual({
      protocol: 'http',
      host: 'example.com',
      port: 8080,
      username: null,
      password: null,
      tags: [],
    });
    expect(parseProxyLine('h.test:1:u:p:with:colons')).toMatchObject({
      username: 'u',
      password: 'p:with:colons',
    });
    expect(parseProxyLine('u:p@ss@h.test:1')).toMatchObject({
      username: 'u',
      password: 'p@ss',
      host: 'h.test',
    });
    expect(parseProxyLine('SOCKS5://u%3Ax:p%2Fw@[::1]:1080')).toMatchObject({
      protocol: 'socks5',
      host: '::1',
      username: 'u:x',
      password: 'p/w',
    });
    expect(parseProxyLine('socks4://u@h.test:1080')).toMatchObject({ username: 'u', password: null });
  });

  it('names the field of a broken line and never quotes its credentials', () => {
    expect(parseProxyLine('h.test:abc')).toEqual({
      problem: { field: 'port', reason: 'the port is not a number' },
    });
    expect(parseProxyLine('h.test:user:topsecret')).toMatchObject({ problem: { field: 'port' } });
    expect(JSON.stringify(parseProxyLine('h.test:user:topsecret'))).not.toContain('topsecret');
    expect(parseProxyLine('gopher://h.test:70')).toMatchObject({ problem: { field: 'protocol' } });
    expect(parseProxyLine('[::1:80')).toMatchObject({ problem: { field: 'host' } });
    expect(parseProxyLine('[::1]80')).toMatchObject({ problem: { field: 'port' } });
  });
});

describe('readProxyList', () => {
  it('numbers txt lines as they are in the file, across chunks, skipping blanks and comments', async () => {
    const read = await readAll(
      '\uFEFF# head\r\nh.test:1\r\n\r\nh.test:0\r\n  # indented comment\nh.test:2',
      'txt',
    );
    expect(read.map((item) => [item.line, 'entry' in item])).toEqual([
      [2, true],
      [4, false],
      [6, true],
    ]);
  });

  it('reads CSV rows by their header, whatever the case or the alias', async () => {
    const read = await readAll('IP,Port,User,Pass,constructor\n10.0.0.1,80,u,"p,1",x\n', 'csv');
    expect(read).toEqual([
      {
        line: 2,
        entry: { protocol: 'http', host: '10.0.0.1', port: 80, username: 'u', password: 'p,1', tags: [] },
      },
    ]);
  });

  it('reports a CSV row with broken quoting by its line and goes on', async () => {
    const read = await readAll('host,port\n10.0.0.1,80\n"10.0.0.2,81\n', 'csv');
    expect(read[0]).toMatchObject({ line: 2, entry: { host: '10.0.0.1' } });
    expect(read.slice(1).every((item) => 'problem' in item)).toBe(true);
  });

  it('reads JSON entries as objects or strings, by position', () => {
    const read = [...readJsonEntries([{ HOST: 'h.test', PORT: 1, tags: 'a;b' }, 'h.test:2', null], [])];
    expect(read).toEqual([
      { line: 1, entry: expect.objectContaining({ host: 'h.test', port: 1, tags: ['a', 'b'] }) },
      { line: 2, entry: expect.objectContaining({ port: 2 }) },
      { line: 3, problem: expect.objectContaining({ reason: expect.any(String) }) },
    ]);
  });
});

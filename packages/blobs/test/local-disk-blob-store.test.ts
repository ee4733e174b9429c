import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blobKey, InvalidBlobKeyError, LocalDiskBlobStore, readBlob } from '../src/index.ts';

let root: string;
let store: LocalDiskBlobStore;

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'fleetwright-blobs-'));
  store = new LocalDiskBlobStore(path.join(root, 'blobs'));
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('LocalDiskBlobStore', () => {
  it('stores a buffer and gives it back with its size and content type', async () => {
    const key = blobKey('executions', 'e1', 'a1');
    const { sizeBytes } = await store.put(key, Buffer.from('hello'), 'text/plain');
    expect(sizeBytes).toBe(5);
    const blob = await store.get(key);
    expect(blob?.contentType).toBe('text/plain');
    expect(blob?.sizeBytes).toBe(5);
    expect((await readBlob(blob!)).toString()).toBe('hello');
  });

  it('stores a stream', async () => {
    const key = blobKey('executions', 'e1', 'a2');
    await store.put(key, Readable.from([Buffer.from('ab'), Buffer.from('cd')]), 'application/zip');
    const blob = await store.get(key);
    expect((await readBlob(blob!)).toString()).toBe('abcd');
    expect(blob?.contentType).toBe('application/zip');
  });

  it('answers null for a key that holds nothing', async () => {
    expect(await store.get(blobKey('executions', 'nothing', 'here'))).toBeNull();
  });

  it('deletes keys, and every key under a prefix', async () => {
    await store.put('executions/e2/a1', Buffer.from('1'), 'text/plain');
    await store.put('executions/e2/a2', Buffer.from('2'), 'text/plain');
    await store.put('executions/e3/a1', Buffer.from('3'), 'text/plain');
    await store.delete(['executions/e2/a1', 'executions/e2/missing']);
    expect(await store.get('executions/e2/a1')).toBeNull();
    expect(await store.get('executions/e2/a2')).not.toBeNull();
    await store.deletePrefix('executions/e2');
    expect(await store.get('executions/e2/a2')).toBeNull();
    expect(await store.get('executions/e3/a1')).not.toBeNull();
  });

  it('refuses keys that could leave its folder or carry user text', async () => {
    for (const key of ['../x', 'a/../../x', 'a/./b', '/abs', 'a//b', 'a/b.png', '', 'a\\b', 'ä']) {
      await expect(store.put(key, Buffer.from('x'), 'text/plain')).rejects.toBeInstanceOf(
        InvalidBlobKeyError,
      );
    }
    await expect(store.deletePrefix('..')).rejects.toBeInstanceOf(InvalidBlobKeyError);
    expect(await readdir(root)).toEqual(['blobs']);
  });
});

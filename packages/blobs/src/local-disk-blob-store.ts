import { randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { type Blob, type BlobStore, blobKeyParts } from './blob-store.ts';

/** The content type is kept beside the bytes, in `<file>.type`. */
const TYPE_SUFFIX = '.type';

/**
 * Blobs as files under one folder (BLOB_DIR, default `<DATA_DIR>/blobs`): a key's parts are
 * folders and file name. A put writes a temporary file and renames it, so a reader never sees half
 * a blob; the content type sits in a small file beside it (key parts cannot contain `.`, so no key
 * collides with it).
 */
export class LocalDiskBlobStore implements BlobStore {
  readonly root: string;

  constructor(root: string) {
    this.root = path.resolve(root);
  }

  #pathOf(key: string): string {
    return path.join(this.root, ...blobKeyParts(key));
  }

  async put(key: string, body: Buffer | Readable, contentType: string): Promise<{ sizeBytes: number }> {
    const file = this.#pathOf(key);
    await mkdir(path.dirname(file), { recursive: true });
    const temporary = `${file}.${randomUUID()}.tmp`;
    try {
      if (Buffer.isBuffer(body)) await writeFile(temporary, body);
      else await pipeline(body, createWriteStream(temporary));
      await writeFile(`${file}${TYPE_SUFFIX}`, contentType);
      await rename(temporary, file);
    } catch (error) {
      await rm(temporary, { force: true });
      throw error;
    }
    return { sizeBytes: (await stat(file)).size };
  }

  async get(key: string): Promise<Blob | null> {
    const file = this.#pathOf(key);
    let sizeBytes: number;
    try {
      sizeBytes = (await stat(file)).size;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
    const contentType = await readFile(`${file}${TYPE_SUFFIX}`, 'utf8').catch(
      () => 'application/octet-stream',
    );
    return { body: createReadStream(file), sizeBytes, contentType };
  }

  async delete(keys: readonly string[]): Promise<void> {
    for (const key of keys) {
      const file = this.#pathOf(key);
      await rm(file, { force: true });
      await rm(`${file}${TYPE_SUFFIX}`, { force: true });
    }
  }

  async deletePrefix(prefix: string): Promise<void> {
    await rm(this.#pathOf(prefix), { recursive: true, force: true });
  }
}

/** Reads a blob's stream to the end (small blobs: tests, CSV exports). */
export async function readBlob(blob: Blob): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of blob.body as Readable) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks);
}

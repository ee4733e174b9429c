import type { Readable } from 'node:stream';

/** A stored blob as `get` answers it: its bytes as a stream, with what `put` was told. */
export interface Blob {
  body: Readable;
  sizeBytes: number;
  contentType: string;
}

/**
 * Where artifacts (screenshots, traces, exports) live: rows hold keys, never bytes. Keys are made
 * by Fleetwright (`blobKey`), never from user text; `/` separates the parts of a key, so that
 * everything of an execution can go at once by its prefix. A local-disk store is the default; an
 * S3-compatible store implements the same four calls.
 */
export interface BlobStore {
  /** Stores `body` under `key` (replacing what was there) and answers its size in bytes. */
  put(key: string, body: Buffer | Readable, contentType: string): Promise<{ sizeBytes: number }>;
  /** The blob, or null when there is none under `key`. */
  get(key: string): Promise<Blob | null>;
  /** Deletes these keys; a missing one is not an error. */
  delete(keys: readonly string[]): Promise<void>;
  /** Deletes every key that starts with `prefix/` (a whole folder of keys). */
  deletePrefix(prefix: string): Promise<void>;
}

/** Letters, digits, `-` and `_` only in each part: no `.`/`..`, no separators, no user text. */
const KEY_PART = /^[A-Za-z0-9_-]{1,128}$/;

export class InvalidBlobKeyError extends Error {
  override name = 'InvalidBlobKeyError';
}

/**
 * Checks a key (or prefix) and answers its parts. Refuses empty parts, `.` and `..`, and anything
 * but letters, digits, `-` and `_`: a key can never leave the store's folder.
 */
export function blobKeyParts(key: string): string[] {
  const parts = key.split('/');
  if (parts.length === 0 || parts.length > 8 || !parts.every((part) => KEY_PART.test(part)))
    throw new InvalidBlobKeyError(`Not a blob key: ${JSON.stringify(key.slice(0, 200))}.`);
  return parts;
}

/** A key from ids we made (uuids, names of our own): `blobKey('executions', id, artifactId)`. */
export function blobKey(...parts: string[]): string {
  const key = parts.join('/');
  blobKeyParts(key);
  return key;
}

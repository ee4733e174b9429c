export { type Blob, type BlobStore, blobKey, blobKeyParts, InvalidBlobKeyError } from './blob-store.ts';
export { LocalDiskBlobStore, readBlob } from './local-disk-blob-store.ts';

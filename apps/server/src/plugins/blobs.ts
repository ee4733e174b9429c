import { type BlobStore, LocalDiskBlobStore } from '@fleetwright/blobs';
import { blobDir, type Config } from '@fleetwright/config';
import fp from 'fastify-plugin';

declare module 'fastify' {
  interface FastifyInstance {
    /** Where executions' artifacts are (issue 11): rows hold keys, this holds the bytes. */
    blobs: BlobStore;
  }
}

export const blobsPlugin = fp<{ blobs?: BlobStore; config: Pick<Config, 'BLOB_DIR' | 'DATA_DIR'> }>(
  async (app, options) => {
    app.decorate('blobs', options.blobs ?? new LocalDiskBlobStore(blobDir(options.config)));
  },
  { name: 'blobs' },
);

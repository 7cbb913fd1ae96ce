import path from 'node:path';
import type { Config } from '../../config';
import type { BlobStore } from './blob-store';
import { createLocalDiskStore } from './local-disk-store';
import { createS3Store } from './s3-store';

/** The bucket of S3_BUCKET when set, else the local disk under DATA_DIR/files. */
export function createBlobStore(config: Pick<Config, 's3' | 'dataDir'>): BlobStore {
  return config.s3 ? createS3Store(config.s3) : createLocalDiskStore(path.join(config.dataDir, 'files'));
}

import path from 'node:path';
import type { Config } from '../../config';
import type { Keyring } from '../crypto/keyring';
import type { Database } from '../db/database';
import type { BlobStore } from './blob-store';
import { createEncryptedStore } from './encrypted-store';
import { createLocalDiskStore } from './local-disk-store';
import { createS3Store } from './s3-store';

/** The bucket of S3_BUCKET when set, else the local disk under DATA_DIR/files. */
export function createRawBlobStore(config: Pick<Config, 's3' | 'dataDir'>): BlobStore {
  return config.s3 ? createS3Store(config.s3) : createLocalDiskStore(path.join(config.dataDir, 'files'));
}

/** Where the app keeps files: the raw store, every file encrypted with its own key (`blob_keys`). */
export function createBlobStore(
  config: Pick<Config, 's3' | 'dataDir'>,
  encryption: { db: Database; keyring: Keyring },
): BlobStore {
  return createEncryptedStore(createRawBlobStore(config), encryption);
}

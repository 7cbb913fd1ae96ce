import { pipeline, type Readable } from 'node:stream';
import { eq } from 'drizzle-orm';
import { blobKeys } from '../../db/schema';
import { createDataKey, decryptStream, encryptStream } from '../crypto/file-encryption';
import { type Keyring, KeyringError } from '../crypto/keyring';
import type { Database } from '../db/database';
import type { BlobStore } from './blob-store';

/**
 * Every file encrypted at rest (`platform/crypto/file-encryption.ts`) over a local-disk or S3 store:
 * callers put and get plaintext. Each file gets its own data key, wrapped by the current master key
 * and kept in `blob_keys` under the file's key.
 *
 * The key row is written before the first byte of the file and removed after the file, so a file
 * never exists without its key. A key row without its file exists only while the file is written, or
 * after a crash in the middle: an upload's journal (`pending_uploads`) names that key, and the sweep
 * that deletes the file deletes the row with it.
 *
 * A file without a key row was stored before files were encrypted: it is served as it is.
 */
export function createEncryptedStore(store: BlobStore, deps: { db: Database; keyring: Keyring }): BlobStore {
  const { db, keyring } = deps;
  const keyRowOf = async (key: string) => {
    const [row] = await db.select().from(blobKeys).where(eq(blobKeys.blobKey, key));
    return row;
  };
  const dataKeyOf = (key: string, row: { masterKeyId: string; wrappedKey: string }) => {
    try {
      return keyring.unwrapKey(row.masterKeyId, row.wrappedKey);
    } catch (error) {
      throw new KeyringError(`The data key of file ${key} does not open: ${(error as Error).message}`);
    }
  };
  return {
    async put(key, body, contentType) {
      // A key written again (the demo seed rewrites its files) keeps its data key: the file's random
      // nonce prefix keeps the nonces apart, and the old and the new bytes both open while the store
      // swaps them.
      const existing = await keyRowOf(key);
      const dataKey = existing ? dataKeyOf(key, existing) : createDataKey();
      if (!existing) await db.insert(blobKeys).values({ blobKey: key, ...keyring.wrapKey(dataKey) });
      const encrypted = encryptStream(dataKey);
      try {
        await store.put(key, pipeline(body, encrypted, () => undefined) as Readable, contentType);
      } catch (error) {
        // A store that gave up without reading to the end: the source is released all the same.
        encrypted.destroy();
        if (!existing) await db.delete(blobKeys).where(eq(blobKeys.blobKey, key));
        throw error;
      }
    },
    async get(key) {
      const row = await keyRowOf(key);
      if (!row) return store.get(key);
      const dataKey = dataKeyOf(key, row);
      // Destroying the plaintext stream (a client gone) closes the file or the S3 response under it.
      return pipeline(await store.get(key), decryptStream(dataKey), () => undefined) as Readable;
    },
    async delete(key) {
      await store.delete(key);
      await db.delete(blobKeys).where(eq(blobKeys.blobKey, key));
    },
    exists: (key) => store.exists(key),
    sweepPartials: (before) => store.sweepPartials(before),
  };
}

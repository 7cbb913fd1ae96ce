import { and, asc, eq, gt, ne, sql } from 'drizzle-orm';
import type pg from 'pg';
import { blobKeys, totpFactors } from '../../db/schema';
import { withTransaction } from '../db/transaction';
import { type Keyring, KeyringError } from './keyring';

/**
 * Master key rotation: what the previous keys protect is re-encrypted under the current one — the data
 * key of each file (the files are not rewritten) and the authenticator secrets. In batches, each in its
 * own transaction, rows locked while they change; a row already under the current key is left alone,
 * so running it again does nothing more.
 */

export interface RewrapCount {
  /** Rows now under the current key. */
  done: number;
  /** Rows whose key is not in the keyring (or that do not open with it): left as they are. */
  failed: string[];
}

const BATCH = 500;

/** Re-wraps every file's data key that a previous master key wrapped. */
export async function rewrapDataKeys(
  pool: pg.Pool,
  keyring: Keyring,
  now: () => Date,
  batchSize = BATCH,
): Promise<RewrapCount> {
  const count: RewrapCount = { done: 0, failed: [] };
  let after = '';
  for (;;) {
    const rows = await withTransaction(pool, async (tx) => {
      const batch = await tx.db
        .select()
        .from(blobKeys)
        .where(and(ne(blobKeys.masterKeyId, keyring.currentKeyId), gt(blobKeys.blobKey, after)))
        .orderBy(asc(blobKeys.blobKey))
        .limit(batchSize)
        .for('update');
      for (const row of batch) {
        let dataKey: Buffer;
        try {
          dataKey = keyring.unwrapKey(row.masterKeyId, row.wrappedKey);
        } catch (error) {
          if (!(error instanceof KeyringError)) throw error;
          count.failed.push(row.blobKey);
          continue;
        }
        await tx.db
          .update(blobKeys)
          .set({ ...keyring.wrapKey(dataKey), rewrappedAt: now() })
          .where(eq(blobKeys.blobKey, row.blobKey));
        count.done++;
      }
      return batch;
    });
    if (rows.length < batchSize) return count;
    after = (rows.at(-1) as { blobKey: string }).blobKey;
  }
}

/** Re-seals every authenticator secret sealed with a previous master key (context `totp:<user id>`). */
export async function resealTotpSecrets(
  pool: pg.Pool,
  keyring: Keyring,
  batchSize = BATCH,
): Promise<RewrapCount> {
  const count: RewrapCount = { done: 0, failed: [] };
  // The sealed value starts with the id of its key (`<key id>.<…>`).
  const sealedWithOlderKey = sql`split_part(${totpFactors.secretEncrypted}, '.', 1) <> ${keyring.currentKeyId}`;
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const rows = await withTransaction(pool, async (tx) => {
      const batch = await tx.db
        .select({ userId: totpFactors.userId, secretEncrypted: totpFactors.secretEncrypted })
        .from(totpFactors)
        .where(and(sealedWithOlderKey, gt(totpFactors.userId, after)))
        .orderBy(asc(totpFactors.userId))
        .limit(batchSize)
        .for('update');
      for (const row of batch) {
        const context = `totp:${row.userId}`;
        let secret: string;
        try {
          secret = keyring.open(row.secretEncrypted, context);
        } catch (error) {
          if (!(error instanceof KeyringError)) throw error;
          count.failed.push(row.userId);
          continue;
        }
        await tx.db
          .update(totpFactors)
          .set({ secretEncrypted: keyring.seal(secret, context) })
          .where(eq(totpFactors.userId, row.userId));
        count.done++;
      }
      return batch;
    });
    if (rows.length < batchSize) return count;
    after = (rows.at(-1) as { userId: string }).userId;
  }
}

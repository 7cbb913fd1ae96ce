import { randomUUID } from 'node:crypto';
import type { AppDeps } from '../../deps';
import { withTransaction } from '../../platform/db/transaction';
import { discardUpload, journalUpload, keepUpload } from '../../platform/storage/upload';
import { documentsStoredInClear, repointDocumentFile } from './documents.queries';

/**
 * Hourly, a batch at a time: each document whose file was stored before files were encrypted is copied
 * into a new, encrypted file (journalled as an upload), pointed at it, and its plain file deleted. A
 * document withdrawn or changed meanwhile keeps its file and the copy is dropped; a file that cannot be
 * read is left for the next run. Returns how many were encrypted.
 */
export async function encryptEarlierDocuments(deps: AppDeps, limit = 500): Promise<number> {
  let encrypted = 0;
  for (const document of await documentsStoredInClear(deps.db, limit)) {
    const key = `dossiers/${document.dossierId}/${randomUUID()}`;
    await journalUpload(deps, key);
    try {
      // No data key under the old key: the store gives its bytes as they are, and encrypts the copy.
      await deps.storage.put(key, await deps.storage.get(document.blobKey), document.contentType);
      const moved = await withTransaction(deps.pool, async (tx) => {
        const repointed = await repointDocumentFile(tx.db, document.id, document.blobKey, key);
        if (repointed) await keepUpload(tx.db, key);
        return repointed;
      });
      if (!moved) {
        await discardUpload(deps, key);
        continue;
      }
    } catch {
      await discardUpload(deps, key);
      continue;
    }
    await deps.storage.delete(document.blobKey);
    encrypted++;
  }
  return encrypted;
}

import type { TAuditChainBreakReason, TAuditChainStatus } from '@capitune/contracts';
import type { Database } from '../../platform/db/database';
import { chainHead, chainLinks } from './audit.queries';

/** What the chain starts from: the `prev_hash` of its first entry. */
export const GENESIS_HASH = '0'.repeat(64);

/** Entries read per statement: the walk of a long log holds one batch of hashes at a time. */
const CHAIN_BATCH = 5000;

/**
 * Walks the whole chain in its order and finds the first place where it breaks: an entry whose content
 * no longer gives its hash, one that does not point at the entry before it, a gap in the sequence, or a
 * chain that does not end at its recorded head. The head is read first, so entries written while the
 * walk runs (after it) are left for the next check.
 */
export async function verifyAuditChain(db: Database, now: Date = new Date()): Promise<TAuditChainStatus> {
  const head = (await chainHead(db)) ?? { last_seq: 0, last_hash: GENESIS_HASH };
  let checked = 0;
  let expectedSeq = 1;
  let previousHash = GENESIS_HASH;
  let firstBreak: TAuditChainStatus['firstBreak'] = null;
  const broken = (seq: number, id: number | null, reason: TAuditChainBreakReason) => {
    firstBreak = { seq, id, reason };
  };
  walk: for (let afterSeq = 0; afterSeq < head.last_seq; ) {
    const links = await chainLinks(db, afterSeq, head.last_seq, CHAIN_BATCH);
    if (links.length === 0) break;
    for (const link of links) {
      if (link.seq !== expectedSeq) {
        broken(expectedSeq, null, 'missing_entry');
        break walk;
      }
      checked += 1;
      if (link.prev_hash !== previousHash) {
        broken(link.seq, link.id, 'link_broken');
        break walk;
      }
      if (!link.content_ok) {
        broken(link.seq, link.id, 'content_changed');
        break walk;
      }
      previousHash = link.hash ?? '';
      expectedSeq += 1;
    }
    afterSeq = links[links.length - 1]?.seq ?? head.last_seq;
  }
  // Entries removed at the end leave no gap: only the head tells.
  if (!firstBreak && (expectedSeq - 1 !== head.last_seq || previousHash !== head.last_hash)) {
    broken(Math.min(expectedSeq, head.last_seq), null, 'head_mismatch');
  }
  return {
    intact: firstBreak === null,
    checked,
    lastSeq: head.last_seq,
    headHash: head.last_hash,
    firstBreak,
    verifiedAt: now.toISOString(),
  };
}

import type { TAuditChainStatus } from '@capitune/contracts';
import type { AppDeps } from '../../deps';
import { withTransaction } from '../../platform/db/transaction';
import type { QueueName } from '../../platform/jobs/jobs';
import { raiseAdminAlert } from '../admin-alerts';
import { verifyAuditChain } from './audit-chain.service';

/** Hourly: walks the audit log's hash chain; a break is told to the admins once per first broken entry. */
export const AUDIT_CHAIN_QUEUE = 'audit.verify-chain' satisfies QueueName;

export async function runAuditChainCheck(deps: AppDeps): Promise<TAuditChainStatus> {
  const status = await verifyAuditChain(deps.db, deps.clock.now());
  const { firstBreak } = status;
  if (firstBreak) {
    await withTransaction(deps.pool, (tx) =>
      raiseAdminAlert(deps, tx, {
        kind: 'audit_chain_broken',
        dedupeKey: `audit_chain_broken:${firstBreak.seq}`,
        payload: {
          seq: firstBreak.seq,
          id: firstBreak.id,
          reason: firstBreak.reason,
          checked: status.checked,
        },
      }),
    );
  }
  return status;
}

import type { AppDeps } from '../../deps';
import type { QueueName } from '../../platform/jobs/jobs';
import { type RetentionRun, runRetention } from './retention.service';

/**
 * Daily (03:45 in Montréal, a quiet hour): completes the deletions past their grace and destroys what
 * the retention rules say is due, each destruction in the register (`runRetention`). A stately queue:
 * one run at a time, and a run that failed is retried; each step takes only what is still due.
 */
export const RETENTION_RUN_QUEUE = 'privacy.retention-run' satisfies QueueName;

export async function runRetentionJob(deps: AppDeps): Promise<RetentionRun> {
  return runRetention(deps);
}

import type { TFlagTargetType } from '@capitune/contracts';
import type { AppDeps } from '../../deps';
import type { Transaction } from '../../platform/db/transaction';
import { raiseAdminAlert } from '../admin-alerts';
import { openFlagCounts } from './flag-wave.queries';

/** Open flags created across Inside within `FLAG_WAVE_MINUTES` that make a wave (a raid, a spam run). */
export const FLAG_WAVE_COUNT = 10;
export const FLAG_WAVE_MINUTES = 15;
/** Open flags on one post, comment or review that make a wave of their own. */
export const FLAG_WAVE_PER_TARGET = 3;

/**
 * After a new flag (in its transaction): alerts the admins' channel of a wave of flags, across Inside or
 * on one target. One alert per hour (per target for the second), however many flags follow.
 */
export async function raiseFlagWave(
  deps: AppDeps,
  tx: Transaction,
  target: { type: TFlagTargetType; id: string },
  now: Date,
): Promise<void> {
  const since = new Date(now.getTime() - FLAG_WAVE_MINUTES * 60 * 1000);
  const { recent, onTarget } = await openFlagCounts(tx.db, target, since);
  const hour = now.toISOString().slice(0, 13);
  if (recent >= FLAG_WAVE_COUNT) {
    await raiseAdminAlert(deps, tx, {
      kind: 'flag_wave',
      dedupeKey: `flag_wave:${hour}`,
      payload: { count: recent, minutes: FLAG_WAVE_MINUTES },
    });
  }
  if (onTarget >= FLAG_WAVE_PER_TARGET) {
    await raiseAdminAlert(deps, tx, {
      kind: 'flag_wave',
      dedupeKey: `flag_wave:${hour}:${target.type}:${target.id}`,
      payload: { count: onTarget, targetType: target.type, targetId: target.id },
    });
  }
}

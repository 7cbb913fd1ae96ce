import { eq } from 'drizzle-orm';
import { oneTimeCodes, passkeys, recoveryCodes, totpFactors, users } from '../../db/schema';
import type { Database } from '../../platform/db/database';

/** The statement of an administrator's recovery of an account that lost every factor. */

/**
 * Removes every second factor of a user (authenticator, passkeys, recovery codes, email and SMS codes,
 * codes in flight) and opens a new grace to set one up. Says what was removed, for the audit log.
 */
export async function removeEveryFactor(db: Database, userId: string, graceEndsAt: Date, now: Date) {
  const totp = await db
    .delete(totpFactors)
    .where(eq(totpFactors.userId, userId))
    .returning({ confirmedAt: totpFactors.confirmedAt });
  const keys = await db.delete(passkeys).where(eq(passkeys.userId, userId)).returning({ id: passkeys.id });
  const codes = await db
    .delete(recoveryCodes)
    .where(eq(recoveryCodes.userId, userId))
    .returning({ usedAt: recoveryCodes.usedAt });
  await db.delete(oneTimeCodes).where(eq(oneTimeCodes.userId, userId));
  await db
    .update(users)
    .set({
      emailFactorEnabledAt: null,
      smsFactorPhone: null,
      smsFactorConfirmedAt: null,
      twoFactorGraceEndsAt: graceEndsAt,
      updatedAt: now,
    })
    .where(eq(users.id, userId));
  return {
    totp: totp.some((row) => row.confirmedAt !== null),
    passkeys: keys.length,
    recoveryCodes: codes.filter((row) => row.usedAt === null).length,
  };
}

import { and, eq, isNotNull, isNull } from 'drizzle-orm';
import { users } from '../../db/schema';
import type { Database } from '../../platform/db/database';

/** Every statement about the contact factors of an account: email codes and the confirmed phone for SMS codes. */

/** Turns email codes on (`enabledAt`) or off (null): whether that changed anything. */
export async function setEmailFactor(
  db: Database,
  userId: string,
  enabledAt: Date | null,
  now: Date,
): Promise<boolean> {
  const changed = await db
    .update(users)
    .set({ emailFactorEnabledAt: enabledAt, updatedAt: now })
    .where(
      and(
        eq(users.id, userId),
        enabledAt ? isNull(users.emailFactorEnabledAt) : isNotNull(users.emailFactorEnabledAt),
      ),
    )
    .returning({ id: users.id });
  return changed.length > 0;
}

/** The phone that receives SMS codes from now on, confirmed by a code it received. */
export async function setSmsFactor(db: Database, userId: string, phone: string, now: Date): Promise<void> {
  await db
    .update(users)
    .set({ smsFactorPhone: phone, smsFactorConfirmedAt: now, updatedAt: now })
    .where(eq(users.id, userId));
}

export async function clearSmsFactor(db: Database, userId: string, now: Date): Promise<void> {
  await db
    .update(users)
    .set({ smsFactorPhone: null, smsFactorConfirmedAt: null, updatedAt: now })
    .where(eq(users.id, userId));
}

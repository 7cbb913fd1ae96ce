import { and, asc, count, eq, gt, isNotNull, isNull, lt } from 'drizzle-orm';
import { passkeys, totpFactors, users, webauthnChallenges } from '../../db/schema';
import type { Database } from '../../platform/db/database';
import { returnedRow } from '../../platform/db/rows';

/** Every statement of passkeys: the credentials of each user and the WebAuthn challenges handed out. */

export type PasskeyRow = typeof passkeys.$inferSelect;
export type WebAuthnPurpose = (typeof webauthnChallenges.$inferSelect)['purpose'];

// Passkeys

/** A user's passkeys, oldest first. */
export async function passkeysOf(db: Database, userId: string): Promise<PasskeyRow[]> {
  return db.select().from(passkeys).where(eq(passkeys.userId, userId)).orderBy(asc(passkeys.createdAt));
}

export async function countPasskeys(db: Database, userId: string): Promise<number> {
  const [row] = await db.select({ total: count() }).from(passkeys).where(eq(passkeys.userId, userId));
  return row?.total ?? 0;
}

export async function passkeyByCredentialId(
  db: Database,
  credentialId: string,
): Promise<PasskeyRow | undefined> {
  const [row] = await db.select().from(passkeys).where(eq(passkeys.credentialId, credentialId));
  return row;
}

/** The new passkey, or undefined when that credential is registered already (to anyone). */
export async function insertPasskey(
  db: Database,
  values: {
    userId: string;
    credentialId: string;
    publicKey: string;
    signCount: number;
    transports: string[];
    deviceType: string;
    backedUp: boolean;
    name: string;
    now: Date;
  },
): Promise<PasskeyRow | undefined> {
  const [row] = await db
    .insert(passkeys)
    .values({
      userId: values.userId,
      credentialId: values.credentialId,
      publicKey: values.publicKey,
      signCount: values.signCount,
      transports: values.transports,
      deviceType: values.deviceType,
      backedUp: values.backedUp,
      name: values.name,
      createdAt: values.now,
    })
    .onConflictDoNothing({ target: passkeys.credentialId })
    .returning();
  return row;
}

/** Renames one of the user's passkeys; undefined when the user has no such passkey. */
export async function renamePasskey(
  db: Database,
  userId: string,
  id: string,
  name: string,
): Promise<PasskeyRow | undefined> {
  const [row] = await db
    .update(passkeys)
    .set({ name })
    .where(and(eq(passkeys.id, id), eq(passkeys.userId, userId)))
    .returning();
  return row;
}

/**
 * The ids of the user's passkeys, read once the user's row is locked for the transaction (as every
 * removal of a factor locks it): removals take turns and each reads, in statements after the lock, what
 * the one before committed, so two at once cannot each leave the other as the last factor.
 */
export async function passkeyIdsLockingUser(db: Database, userId: string): Promise<string[]> {
  await db.select({ id: users.id }).from(users).where(eq(users.id, userId)).for('no key update');
  const rows = await db.select({ id: passkeys.id }).from(passkeys).where(eq(passkeys.userId, userId));
  return rows.map((row) => row.id);
}

export async function hasConfirmedTotp(db: Database, userId: string): Promise<boolean> {
  const [row] = await db
    .select({ userId: totpFactors.userId })
    .from(totpFactors)
    .where(and(eq(totpFactors.userId, userId), isNotNull(totpFactors.confirmedAt)));
  return row !== undefined;
}

export async function deletePasskey(db: Database, userId: string, id: string): Promise<PasskeyRow> {
  const rows = await db
    .delete(passkeys)
    .where(and(eq(passkeys.id, id), eq(passkeys.userId, userId)))
    .returning();
  return returnedRow(rows, 'passkey delete');
}

/**
 * Records a use of the passkey: its new signature counter, and whether it is backed up now. Only when
 * the counter is still the one the answer was checked against, so two answers checked at once cannot
 * both move it; false when it moved meanwhile.
 */
export async function recordPasskeyUse(
  db: Database,
  use: { id: string; checkedCount: number; newCount: number; backedUp: boolean; now: Date },
): Promise<boolean> {
  const rows = await db
    .update(passkeys)
    .set({ signCount: use.newCount, backedUp: use.backedUp, lastUsedAt: use.now })
    .where(and(eq(passkeys.id, use.id), eq(passkeys.signCount, use.checkedCount)))
    .returning({ id: passkeys.id });
  return rows.length === 1;
}

// Challenges

/** Stores a challenge handed to a browser and forgets those that expired. Its id. */
export async function insertChallenge(
  db: Database,
  challenge: {
    purpose: WebAuthnPurpose;
    userId: string | null;
    challenge: string;
    expiresAt: Date;
    now: Date;
  },
): Promise<string> {
  await db.delete(webauthnChallenges).where(lt(webauthnChallenges.expiresAt, challenge.now));
  const rows = await db
    .insert(webauthnChallenges)
    .values({
      purpose: challenge.purpose,
      userId: challenge.userId,
      challenge: challenge.challenge,
      expiresAt: challenge.expiresAt,
      createdAt: challenge.now,
    })
    .returning({ id: webauthnChallenges.id });
  return returnedRow(rows, 'webauthn challenge insert').id;
}

const usable = (purpose: WebAuthnPurpose, now: Date) =>
  and(
    eq(webauthnChallenges.purpose, purpose),
    isNull(webauthnChallenges.usedAt),
    gt(webauthnChallenges.expiresAt, now),
  );

/** Spends the challenge of this id (for a passkey sign-in): its value, or undefined when not usable. */
export async function spendChallengeById(
  db: Database,
  id: string,
  purpose: WebAuthnPurpose,
  now: Date,
): Promise<string | undefined> {
  const [row] = await db
    .update(webauthnChallenges)
    .set({ usedAt: now })
    .where(and(eq(webauthnChallenges.id, id), isNull(webauthnChallenges.userId), usable(purpose, now)))
    .returning({ challenge: webauthnChallenges.challenge });
  return row?.challenge;
}

/** Spends the user's challenge of this value and purpose; false when there is none still usable. */
export async function spendChallengeOf(
  db: Database,
  spend: { userId: string; purpose: WebAuthnPurpose; challenge: string; now: Date },
): Promise<boolean> {
  const rows = await db
    .update(webauthnChallenges)
    .set({ usedAt: spend.now })
    .where(
      and(
        eq(webauthnChallenges.userId, spend.userId),
        eq(webauthnChallenges.challenge, spend.challenge),
        usable(spend.purpose, spend.now),
      ),
    )
    .returning({ id: webauthnChallenges.id });
  return rows.length > 0;
}

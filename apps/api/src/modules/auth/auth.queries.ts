import type { TRegisterBody } from '@capitune/contracts';
import { and, desc, eq, gt, isNull, or, sql } from 'drizzle-orm';
import { z } from 'zod';
import { emailTokens, organisations, rateLimits, refreshTokens, sessions, users } from '../../db/schema';
import { anyOf } from '../../lib/sql';
import type { Database } from '../../platform/db/database';
import { returnedRow, selectRows } from '../../platform/db/rows';

/** Every statement of the auth module: accounts, email links, sessions and their refresh tokens, failed logins. */

export type UserRow = typeof users.$inferSelect;
export type SessionRow = typeof sessions.$inferSelect;
export type RefreshTokenRow = typeof refreshTokens.$inferSelect;
export type EmailTokenPurpose = (typeof emailTokens.purpose.enumValues)[number];

// Accounts

export async function userByEmail(db: Database, email: string): Promise<UserRow | undefined> {
  const [user] = await db.select().from(users).where(eq(users.email, email));
  return user;
}

export async function userById(db: Database, id: string): Promise<UserRow | undefined> {
  const [user] = await db.select().from(users).where(eq(users.id, id));
  return user;
}

/** The new account, or undefined when the email already has one. */
export async function insertUser(
  db: Database,
  body: TRegisterBody,
  passwordHash: string,
  now: Date,
): Promise<UserRow | undefined> {
  const [created] = await db
    .insert(users)
    .values({
      email: body.email,
      passwordHash,
      role: body.role,
      firstName: body.firstName,
      lastName: body.lastName,
      locale: body.locale,
      // The browser's zone at sign-up, so reminders and message times are right from the start.
      ...(body.timeZone ? { timeZone: body.timeZone } : {}),
      createdAt: now,
      updatedAt: now,
    })
    .onConflictDoNothing({ target: users.email })
    .returning();
  return created;
}

/** A pro's own organisation, made at sign-up, and the pro in it. */
export async function createOrganisationOf(db: Database, userId: string, name: string, now: Date) {
  const rows = await db
    .insert(organisations)
    .values({ name, createdAt: now })
    .returning({ id: organisations.id });
  const organisation = returnedRow(rows, 'organisation insert');
  await db.update(users).set({ organisationId: organisation.id }).where(eq(users.id, userId));
}

export async function markEmailVerified(db: Database, userId: string, now: Date): Promise<void> {
  await db
    .update(users)
    .set({ emailVerifiedAt: now, updatedAt: now })
    .where(and(eq(users.id, userId), isNull(users.emailVerifiedAt)));
}

export async function setPasswordHash(
  db: Database,
  userId: string,
  change: { passwordHash: string; emailVerifiedAt?: Date; now: Date },
): Promise<void> {
  await db
    .update(users)
    .set({
      passwordHash: change.passwordHash,
      ...(change.emailVerifiedAt ? { emailVerifiedAt: change.emailVerifiedAt } : {}),
      updatedAt: change.now,
    })
    .where(eq(users.id, userId));
}

// Email links

export async function insertEmailToken(
  db: Database,
  token: {
    userId: string;
    purpose: EmailTokenPurpose;
    tokenHash: string;
    expiresAt: Date;
    now: Date;
    sessionId?: string;
  },
): Promise<void> {
  await db.insert(emailTokens).values({
    userId: token.userId,
    purpose: token.purpose,
    ...(token.sessionId ? { sessionId: token.sessionId } : {}),
    tokenHash: token.tokenHash,
    expiresAt: token.expiresAt,
    createdAt: token.now,
  });
}

/** The email link of this hash and purpose, locked (in a transaction) when asked. */
export async function emailTokenByHash(
  db: Database,
  tokenHash: string,
  purpose: EmailTokenPurpose,
  options: { lock: boolean },
) {
  const query = db
    .select()
    .from(emailTokens)
    .where(and(eq(emailTokens.tokenHash, tokenHash), eq(emailTokens.purpose, purpose)));
  const [row] = options.lock ? await query.for('update') : await query;
  return row;
}

export async function markEmailTokenUsed(db: Database, id: string, now: Date): Promise<void> {
  await db.update(emailTokens).set({ usedAt: now }).where(eq(emailTokens.id, id));
}

/** Spends every unused link of this purpose of a user. */
export async function spendEmailTokensOf(
  db: Database,
  userId: string,
  purpose: EmailTokenPurpose,
  now: Date,
): Promise<void> {
  await db
    .update(emailTokens)
    .set({ usedAt: now })
    .where(and(eq(emailTokens.userId, userId), eq(emailTokens.purpose, purpose), isNull(emailTokens.usedAt)));
}

// Failed logins

/** The login counters among `keys` whose window has not ended. */
export async function liveCounters(db: Database, keys: string[], now: Date) {
  return db
    .select()
    .from(rateLimits)
    .where(and(anyOf(rateLimits.key, keys), gt(rateLimits.resetAt, now)));
}

/** Deletes an email's failure counter and every per-address counter of it (`<prefix><email>|…`). */
export async function deleteLoginCounters(
  db: Database,
  emailKey: string,
  perAddressPrefixes: string[],
): Promise<void> {
  const perAddress = perAddressPrefixes.map((prefix) => sql`starts_with(${rateLimits.key}, ${prefix})`);
  await db.delete(rateLimits).where(or(eq(rateLimits.key, emailKey), ...perAddress));
}

// Sessions and refresh tokens

export async function insertSession(
  db: Database,
  session: {
    userId: string;
    userAgent: string | null;
    ip: string | null;
    now: Date;
    expiresAt: Date;
    factor: string;
    reauthenticatedAt: Date | null;
    country: string | null;
  },
  refreshTokenHash: string,
): Promise<{ id: string }> {
  const rows = await db
    .insert(sessions)
    .values({
      userId: session.userId,
      userAgent: session.userAgent,
      ip: session.ip,
      createdAt: session.now,
      lastUsedAt: session.now,
      expiresAt: session.expiresAt,
      factor: session.factor,
      reauthenticatedAt: session.reauthenticatedAt,
      country: session.country,
    })
    .returning({ id: sessions.id });
  const created = returnedRow(rows, 'session insert');
  await insertRefreshToken(db, created.id, refreshTokenHash, session.now);
  return created;
}

export async function insertRefreshToken(
  db: Database,
  sessionId: string,
  tokenHash: string,
  now: Date,
): Promise<void> {
  await db.insert(refreshTokens).values({ sessionId, tokenHash, createdAt: now });
}

/** A refresh token with its session and user; the token's and the session's rows locked. */
export async function refreshTokenForUpdate(db: Database, tokenHash: string) {
  const [found] = await db
    .select({ token: refreshTokens, session: sessions, user: users })
    .from(refreshTokens)
    .innerJoin(sessions, eq(sessions.id, refreshTokens.sessionId))
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(refreshTokens.tokenHash, tokenHash))
    // The token's row is locked too: a simultaneous refresh with it waits here, then reads it exchanged.
    .for('update', { of: [refreshTokens, sessions] });
  return found;
}

/** Whether the session holds this token, still unused. */
export async function hasUnusedToken(db: Database, sessionId: string, tokenHash: string): Promise<boolean> {
  const [row] = await db
    .select({ id: refreshTokens.id })
    .from(refreshTokens)
    .where(
      and(
        eq(refreshTokens.tokenHash, tokenHash),
        eq(refreshTokens.sessionId, sessionId),
        isNull(refreshTokens.usedAt),
      ),
    );
  return row !== undefined;
}

/** The token is exchanged for its successor, and the session extended from where it is used. */
export async function rotateRefreshToken(
  db: Database,
  exchange: {
    tokenId: string;
    sessionId: string;
    successorHash: string;
    now: Date;
    expiresAt: Date;
    ip: string | null;
    userAgent: string | null;
  },
): Promise<void> {
  await db.update(refreshTokens).set({ usedAt: exchange.now }).where(eq(refreshTokens.id, exchange.tokenId));
  await insertRefreshToken(db, exchange.sessionId, exchange.successorHash, exchange.now);
  await db
    .update(sessions)
    .set({
      lastUsedAt: exchange.now,
      expiresAt: exchange.expiresAt,
      ip: exchange.ip,
      userAgent: exchange.userAgent,
    })
    .where(eq(sessions.id, exchange.sessionId));
}

export async function revokeSession(
  db: Database,
  sessionId: string,
  reason: string,
  now: Date,
): Promise<void> {
  await db.update(sessions).set({ revokedAt: now, revokedReason: reason }).where(eq(sessions.id, sessionId));
}

const ZEndedSession = z.object({ id: z.string(), user_id: z.string() });

/** Ends the open session a refresh token belongs to: the session, or undefined when there is none. */
export async function revokeSessionOfToken(db: Database, tokenHash: string, now: Date) {
  const [session] = await selectRows(
    db,
    ZEndedSession,
    sql`
    update sessions set revoked_at = ${now}, revoked_reason = 'logout'
    where revoked_at is null and id = (select session_id from refresh_tokens where token_hash = ${tokenHash})
    returning id, user_id`,
    'auth.logout',
  );
  return session;
}

/** A user's open, unexpired sessions, the most recently used first (at most 100). */
export async function openSessionsOf(db: Database, userId: string, now: Date): Promise<SessionRow[]> {
  return db
    .select()
    .from(sessions)
    .where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt), gt(sessions.expiresAt, now)))
    .orderBy(desc(sessions.lastUsedAt))
    .limit(100);
}

/** Ends one open session of this user: whether there was one. */
export async function revokeOwnSession(
  db: Database,
  userId: string,
  sessionId: string,
  now: Date,
  reason = 'ended_by_user',
): Promise<boolean> {
  const ended = await db
    .update(sessions)
    .set({ revokedAt: now, revokedReason: reason })
    .where(and(eq(sessions.id, sessionId), eq(sessions.userId, userId), isNull(sessions.revokedAt)))
    .returning({ id: sessions.id });
  return ended.length > 0;
}

/** Ends every open session of a user, but `except`: the ids of those it ended. */
export async function revokeSessionsOf(
  db: Database,
  userId: string,
  reason: string,
  now: Date,
  except?: string,
): Promise<string[]> {
  const ended = await db
    .update(sessions)
    .set({ revokedAt: now, revokedReason: reason })
    .where(
      and(
        eq(sessions.userId, userId),
        isNull(sessions.revokedAt),
        except === undefined ? undefined : sql`${sessions.id} <> ${except}`,
      ),
    )
    .returning({ id: sessions.id });
  return ended.map((session) => session.id);
}

import { and, eq, gt, isNull } from 'drizzle-orm';
import { sessions, users } from '../../db/schema';
import type { Database } from '../../platform/db/database';

/** Whether a socket's session is open now: not ended, not expired, and its account active. */
export async function sessionIsOpen(db: Database, sessionId: string, now: Date): Promise<boolean> {
  const [session] = await db
    .select({ id: sessions.id, status: users.status })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.id, sessionId), isNull(sessions.revokedAt), gt(sessions.expiresAt, now)));
  return session?.status === 'active';
}

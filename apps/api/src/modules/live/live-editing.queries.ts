import { and, eq } from 'drizzle-orm';
import { eventCoHosts, eventRegistrations, events, proVerifications, users } from '../../db/schema';
import { anyOf } from '../../lib/sql';
import type { Database } from '../../platform/db/database';
import { returnedRow } from '../../platform/db/rows';
import type { Transaction } from '../../platform/db/transaction';
import { platformToday, standingSql } from '../access';
import type { EventRow } from './live.queries';

/** Every statement that writes a webinar or its co-hosts (creation, edits, publication, cancellation). */

type EventValues = typeof events.$inferInsert;

export async function insertEvent(tx: Transaction, values: EventValues): Promise<EventRow> {
  return returnedRow(await tx.db.insert(events).values(values).returning(), 'event insert');
}

/** The event row, locked for the rest of the transaction (undefined if there is none). */
export async function lockEvent(tx: Transaction, eventId: string): Promise<EventRow | undefined> {
  const [locked] = await tx.db.select().from(events).where(eq(events.id, eventId)).for('update');
  return locked;
}

export async function updateEventRow(
  tx: Transaction,
  eventId: string,
  values: Partial<EventValues>,
): Promise<EventRow> {
  const rows = await tx.db.update(events).set(values).where(eq(events.id, eventId)).returning();
  return returnedRow(rows, 'event update');
}

export async function insertCoHosts(tx: Transaction, eventId: string, userIds: string[]): Promise<void> {
  if (userIds.length > 0) {
    await tx.db.insert(eventCoHosts).values(userIds.map((userId) => ({ eventId, userId })));
  }
}

/** The co-hosts of an event replaced by these. */
export async function replaceCoHosts(tx: Transaction, eventId: string, userIds: string[]): Promise<void> {
  await tx.db.delete(eventCoHosts).where(eq(eventCoHosts.eventId, eventId));
  await insertCoHosts(tx, eventId, userIds);
}

/** Those of these users who are active pros, with their standing today. */
export async function activeProStandings(db: Database, userIds: string[], now: Date) {
  return db
    .select({ id: users.id, standing: standingSql(platformToday(now), proVerifications) })
    .from(users)
    .leftJoin(proVerifications, eq(proVerifications.userId, users.id))
    .where(and(anyOf(users.id, userIds), eq(users.role, 'pro'), eq(users.status, 'active')));
}

/** These users' roles and standings today. */
export async function rolesAndStandings(db: Database, userIds: string[], now: Date) {
  return db
    .select({ id: users.id, role: users.role, standing: standingSql(platformToday(now), proVerifications) })
    .from(users)
    .leftJoin(proVerifications, eq(proVerifications.userId, users.id))
    .where(anyOf(users.id, userIds));
}

/** Everyone with a live registration (a seat or on the waitlist). */
export async function activeRegistrants(tx: Transaction, eventId: string) {
  return tx.db
    .select({ userId: eventRegistrations.userId, status: eventRegistrations.status })
    .from(eventRegistrations)
    .where(
      and(
        eq(eventRegistrations.eventId, eventId),
        anyOf(eventRegistrations.status, ['registered', 'waitlisted']),
      ),
    );
}

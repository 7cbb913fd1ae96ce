import { and, asc, eq, gt, lte, notExists, sql } from 'drizzle-orm';
import { eventRegistrations, events, reminderDeliveries, users } from '../../db/schema';
import type { Database } from '../../platform/db/database';
import type { Transaction } from '../../platform/db/transaction';

/** Every statement of the reminders (the jobs themselves are pg-boss's). */

/** The reminder job ids kept on an event, so that a change of time or a cancellation can cancel them. */
export async function setReminderJobIds(db: Database, eventId: string, jobIds: string[]): Promise<void> {
  await db.update(events).set({ reminderJobIds: jobIds }).where(eq(events.id, eventId));
}

/**
 * Published webinars starting after `startsAfter` with no reminder queued, after `afterId` in id order,
 * locked: at most `limit`.
 */
export async function lockEventsWithoutReminders(
  tx: Transaction,
  startsAfter: Date,
  afterId: string,
  limit: number,
) {
  return tx.db
    .select({ id: events.id, startsAt: events.startsAt })
    .from(events)
    .where(
      and(
        eq(events.status, 'scheduled'),
        gt(events.startsAt, startsAfter),
        sql`cardinality(${events.reminderJobIds}) = 0`,
        gt(events.id, afterId),
      ),
    )
    .orderBy(asc(events.id))
    .limit(limit)
    .for('update');
}

export async function nameOf(db: Database, userId: string) {
  const [user] = await db
    .select({ firstName: users.firstName, lastName: users.lastName })
    .from(users)
    .where(eq(users.id, userId));
  return user;
}

/**
 * A page of the registrations (with a seat since `dueAt`) that this reminder has not reached yet, after
 * `afterId` in id order.
 */
export async function registrationsToRemind(
  db: Database,
  reminder: { eventId: string; kind: '24h' | '1h'; startsAt: Date; dueAt: Date },
  afterId: string,
  limit: number,
) {
  return db
    .select({ id: eventRegistrations.id, userId: eventRegistrations.userId })
    .from(eventRegistrations)
    .where(
      and(
        eq(eventRegistrations.eventId, reminder.eventId),
        eq(eventRegistrations.status, 'registered'),
        // Those who had a seat when the reminder was due: a later registration waits for the next one.
        lte(eventRegistrations.seatAt, reminder.dueAt),
        gt(eventRegistrations.id, afterId),
        notExists(
          db
            .select({ registrationId: reminderDeliveries.registrationId })
            .from(reminderDeliveries)
            .where(
              and(
                eq(reminderDeliveries.registrationId, eventRegistrations.id),
                eq(reminderDeliveries.kind, reminder.kind),
                eq(reminderDeliveries.startsAt, reminder.startsAt),
              ),
            ),
        ),
      ),
    )
    .orderBy(asc(eventRegistrations.id))
    .limit(limit);
}

/**
 * A registration's status with its event's status and start, read under a share lock: a cancellation
 * that commits first is seen, one that comes later waits for the caller's transaction.
 */
export async function shareRegistrationState(tx: Transaction, registrationId: string) {
  const [row] = await tx.db
    .select({ registration: eventRegistrations.status, event: events.status, startsAt: events.startsAt })
    .from(eventRegistrations)
    .innerJoin(events, eq(events.id, eventRegistrations.eventId))
    .where(eq(eventRegistrations.id, registrationId))
    .for('share');
  return row;
}

/** Claims the sending of a reminder to a registration: false if it was claimed before. */
export async function claimDelivery(
  tx: Transaction,
  claim: { registrationId: string; kind: '24h' | '1h'; startsAt: Date; sentAt: Date },
): Promise<boolean> {
  const claimed = await tx.db
    .insert(reminderDeliveries)
    .values(claim)
    .onConflictDoNothing()
    .returning({ registrationId: reminderDeliveries.registrationId });
  return claimed.length > 0;
}

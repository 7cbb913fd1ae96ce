import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { rateLimits } from '../../db/schema';
import { isoTime } from '../../lib/sql';
import type { Database } from '../../platform/db/database';
import { selectRows } from '../../platform/db/rows';

/** The statements of the grace reminders: who is due one, and the mark that it was sent. */

const DAY_MS = 24 * 60 * 60 * 1000;

/** A reminder is sent when the grace has at most this many days left, once per step. */
export const REMINDER_DAYS = [7, 3, 1] as const;

const ZDueReminder = z.object({
  id: z.uuid(),
  email: z.string(),
  first_name: z.string(),
  locale: z.enum(['fr', 'en']),
  time_zone: z.string(),
  /** ISO 8601, UTC. */
  grace_ends_at: z.iso.datetime(),
  /** The smallest of 7, 3 and 1 days that the time left fits in. */
  days: z.number().int(),
});
export type DueReminder = z.infer<typeof ZDueReminder>;

/**
 * The mark of one reminder: the person, the end of their grace to the second (a new grace reminds
 * anew) and the step. The query above builds the same text.
 */
export const reminderKey = (reminder: Pick<DueReminder, 'id' | 'grace_ends_at' | 'days'>) =>
  `two-factor-reminder:${reminder.id}:${Math.floor(Date.parse(reminder.grace_ends_at) / 1000)}:${reminder.days}`;

/**
 * Pros and admins whose grace ends within 7 days and who still have no authenticator or passkey, with
 * the reminder step they are at, not sent yet. Members of a firm that requires two-factor have no grace
 * (the policy asks at once): they are not reminded. Grace is `two_factor_grace_ends_at`, or 7 days
 * (`graceMs`) from the account's creation.
 */
export async function dueReminders(db: Database, now: Date, graceMs: number, limit: number) {
  return selectRows(
    db,
    ZDueReminder,
    sql`
      with pending as (
        select u.id, u.email, u.first_name, u.locale, u.time_zone,
          coalesce(u.two_factor_grace_ends_at, u.created_at + ${graceMs} * interval '1 millisecond') as grace_ends_at
        from users u
        left join organisations o on o.id = u.organisation_id
        where u.role in ('pro', 'admin') and u.status = 'active'
          and not coalesce(o.require_two_factor, false)
          and not exists (select 1 from totp_factors t where t.user_id = u.id and t.confirmed_at is not null)
          and not exists (select 1 from passkeys p where p.user_id = u.id)
      ), staged as (
        select pending.*,
          case
            when grace_ends_at - ${now}::timestamptz <= ${1 * DAY_MS} * interval '1 millisecond' then 1
            when grace_ends_at - ${now}::timestamptz <= ${3 * DAY_MS} * interval '1 millisecond' then 3
            else 7
          end as days
        from pending
        where grace_ends_at > ${now}
          and grace_ends_at - ${now}::timestamptz <= ${7 * DAY_MS} * interval '1 millisecond'
      )
      select id, email::text as email, first_name, locale::text as locale, time_zone,
        ${isoTime(sql`grace_ends_at`)} as grace_ends_at, days
      from staged
      where not exists (
        select 1 from rate_limits r
        where r.key = 'two-factor-reminder:' || staged.id || ':'
          || floor(extract(epoch from staged.grace_ends_at))::bigint || ':' || staged.days
      )
      order by id
      limit ${limit}`,
    'due two-factor reminders',
  );
}

/**
 * Marks a reminder as sent, kept until a day after the grace ends (the hourly clean-up then drops it):
 * false when another run marked it first.
 */
export async function markReminderSent(db: Database, reminder: DueReminder): Promise<boolean> {
  const marked = await db
    .insert(rateLimits)
    .values({
      key: reminderKey(reminder),
      hits: 0,
      resetAt: new Date(Date.parse(reminder.grace_ends_at) + DAY_MS),
    })
    .onConflictDoNothing()
    .returning({ key: rateLimits.key });
  return marked.length > 0;
}

import {
  type TConsentPurpose,
  type TConsentSource,
  ZConsentPurpose,
  ZConsentSource,
} from '@capitune/contracts';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { isoTime } from '../../lib/sql';
import type { Database } from '../../platform/db/database';
import { selectRows } from '../../platform/db/rows';

/**
 * Every statement on consents (append-only: what stands is a purpose's latest row), and the two things
 * a consent switches elsewhere: the announcement emails of a member's preferences and their reviews'
 * agreement to be featured.
 */

export interface ConsentChangeRow {
  purpose: TConsentPurpose;
  granted: boolean;
  version: string;
}

/**
 * Appends the changes. A row never takes an instant at or before the person's previous row (a clock
 * that does not move, two answers in the same microsecond): "latest" stays the last one written, and
 * the history keeps the order the answers were given in.
 */
export async function insertConsents(
  db: Database,
  userId: string,
  changes: readonly ConsentChangeRow[],
  source: TConsentSource,
  now: Date,
): Promise<void> {
  if (changes.length === 0) return;
  await db.execute(sql`
    insert into consents (user_id, purpose, granted, version, source, created_at)
    select ${userId}, c.purpose, c.granted, c.version, ${source},
      greatest(${now}::timestamptz, (select max(p.created_at) + interval '1 microsecond' from consents p
        where p.user_id = ${userId}))
    from unnest(${sql.param(changes.map((c) => c.purpose))}::consent_purpose[],
      ${sql.param(changes.map((c) => c.granted))}::boolean[],
      ${sql.param(changes.map((c) => c.version))}::text[]) as c(purpose, granted, version)`);
}

const ZLatestConsentRow = z.object({
  purpose: ZConsentPurpose,
  granted: z.boolean(),
  version: z.string(),
  created_at: z.string(),
});
export type LatestConsentRow = z.infer<typeof ZLatestConsentRow>;

/**
 * Each purpose's latest row for the person (one walk of `consents_user_idx`). The order names the
 * column `c.created_at`: bare, it would be the output's text of milliseconds.
 */
export async function latestConsents(db: Database, userId: string): Promise<LatestConsentRow[]> {
  return selectRows(
    db,
    ZLatestConsentRow,
    sql`
    select distinct on (c.purpose) c.purpose, c.granted, c.version, ${isoTime(sql`c.created_at`)} as created_at
    from consents c where c.user_id = ${userId}
    order by c.purpose, c.created_at desc`,
    'latest consents',
  );
}

const ZConsentHistoryRow = ZLatestConsentRow.extend({ source: ZConsentSource });
export type ConsentHistoryRow = z.infer<typeof ZConsentHistoryRow>;

/** Every consent given or withdrawn, newest first, `limit` at most. */
export async function consentHistory(
  db: Database,
  userId: string,
  limit: number,
): Promise<ConsentHistoryRow[]> {
  return selectRows(
    db,
    ZConsentHistoryRow,
    sql`
    select c.purpose, c.granted, c.version, c.source, ${isoTime(sql`c.created_at`)} as created_at
    from consents c where c.user_id = ${userId}
    order by c.created_at desc, c.purpose
    limit ${limit}`,
    'consent history',
  );
}

/**
 * The announcement emails of the member's preferences switched on or off (in-app kept as it was):
 * announcements are the optional emails the `optional_emails` consent governs.
 */
export async function setAnnouncementEmails(
  db: Database,
  userId: string,
  email: boolean,
  now: Date,
): Promise<void> {
  await db.execute(sql`
    update users set notification_preferences = jsonb_set(coalesce(notification_preferences, '{}'::jsonb),
        '{announcements}', jsonb_build_object(
          'inApp', coalesce((notification_preferences -> 'announcements' ->> 'inApp')::boolean, true),
          'email', ${email}::boolean)),
      updated_at = ${now}
    where id = ${userId}`);
}

/**
 * The `testimonials` consent withdrawn: none of the person's reviews may be featured any more, and
 * those featured stop being so (not an edit of the review: its `updated_at` stays). Returns how many
 * reviews changed.
 */
export async function withdrawFeatureConsent(db: Database, userId: string): Promise<number> {
  const rows = await selectRows(
    db,
    z.object({ id: z.string() }),
    sql`
    update pro_reviews set feature_consent = false, featured = false
    where author_id = ${userId} and (feature_consent or featured)
    returning id`,
    'withdraw feature consent',
  );
  return rows.length;
}

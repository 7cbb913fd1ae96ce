import { type TDashboard, ZIncomingRequest, ZInvitation, ZMilestone, ZNextAction } from '@capitune/contracts';
import { eq, type Placeholder, type SQL, type SQLWrapper, sql } from 'drizzle-orm';
import { z } from 'zod';
import { proVerifications, users } from '../../db/schema';
import { anyOf, isoTime } from '../../lib/sql';
import { builtQuery } from '../../platform/db/built-query';
import type { Database } from '../../platform/db/database';
import { checkRows } from '../../platform/db/rows';
import {
  dossierFirmOf,
  firmNetworkParams,
  type firmNetworkValues,
  platformToday,
  standingSql,
  todayParam,
} from '../access';
import { incomingRequestsJson, pendingInvitationsJson } from '../dossiers';
import { nextRegisteredEventJson, ZNextWebinarJson } from '../live';
import { latestNotificationsJson, ZNotificationJson } from '../notifications';

/**
 * The short lists around a user's dossiers, each a scalar subquery returning JSON on the user's row: one
 * statement where there was one per list. Each module writes its own list (the `…Json` functions); this
 * one, the pro's documents to review and upcoming milestones.
 */

/** The firm's oldest documents waiting for review (the pending-documents index, in upload order). */
function documentsToReviewJson(firm: SQLWrapper): SQL<TDashboard['nextActions']> {
  return sql`coalesce((
    select json_agg(json_build_object('kind', 'review_document', 'dossierId', d.dossier_id,
      'itemId', d.item_id, 'memberId', d.member_id, 'documentId', d.id, 'milestoneId', null,
      'date', ${isoTime(sql`d.created_at`)}) order by d.created_at, d.id desc)
    from (select doc.* from documents doc join dossiers ds on ds.id = doc.dossier_id
      where ds.organisation_id = ${firm} and doc.status = 'pending'
      order by doc.created_at, doc.id desc limit 20) d
  ), '[]')`;
}

/** An upcoming milestone: the contract's milestone and its dossier (`toMilestone` and the dossier's id). */
export const ZUpcomingMilestone = ZMilestone.extend({ dossierId: z.uuid() });

/** The five soonest open milestones, from today, of the dossiers given. */
export function upcomingMilestonesJson(
  dossierIds: Placeholder,
  today: SQLWrapper,
): SQL<TDashboard['upcomingMilestones']> {
  return sql`coalesce((
    select json_agg(json_build_object('id', m.id, 'dossierId', m.dossier_id, 'kind', m.kind, 'label', m.label,
      'date', m.date, 'done', m.done, 'note', m.note) order by m.date, m.id)
    from (select * from milestones where ${anyOf(sql`dossier_id`, dossierIds)} and not done and date >= ${today}
      order by date, id limit 5) m
  ), '[]')`;
}

/**
 * The user's row, qualified: in a one-table select drizzle writes bare column names, which the subqueries
 * would take for their own tables' columns.
 */
const me = {
  id: sql`${users}.id`,
  email: sql`${users}.email`,
  organisationId: sql`${users}.organisation_id`,
};

const everyone = {
  recentNotifications: latestNotificationsJson(me.id, 5),
  nextWebinar: nextRegisteredEventJson(me.id, sql.placeholder('now')),
};

/** The row schemas of the lists, checked on every row read (`checkRows`). */
const ZEveryone = z.object({
  recentNotifications: z.array(ZNotificationJson),
  nextWebinar: ZNextWebinarJson,
});
const ZAroundCandidate = ZEveryone.extend({ invitations: z.array(ZInvitation) });
const ZAroundPro = ZEveryone.extend({
  incomingRequests: z.array(ZIncomingRequest),
  toReview: z.array(ZNextAction),
  upcomingMilestones: z.array(ZUpcomingMilestone),
});

/** The row, once its JSON is checked against its schema. */
function checked<R>(schema: z.ZodType, row: R | undefined, what: string): R | undefined {
  if (row) checkRows(schema, [row], what);
  return row;
}

/** What every dashboard shows besides dossiers: the latest notifications and the next webinar. */
export async function aroundAnyone(db: Database, userId: string, now: Date) {
  const [row] = await builtQuery(db, 'dashboard.around', (db) =>
    db
      .select(everyone)
      .from(users)
      .where(eq(users.id, sql.placeholder('user'))),
  ).execute({ user: userId, now: now.toISOString() });
  return checked(ZEveryone, row, 'dashboard.around');
}

/** …and a candidate's invitations from pros. */
export async function aroundCandidate(db: Database, userId: string, now: Date) {
  const [row] = await builtQuery(db, 'dashboard.around_candidate', (db) =>
    db
      .select({ ...everyone, invitations: pendingInvitationsJson(me.email) })
      .from(users)
      .where(eq(users.id, sql.placeholder('user'))),
  ).execute({ user: userId, now: now.toISOString(), today: platformToday(now) });
  return checked(ZAroundCandidate, row, 'dashboard.around_candidate');
}

/**
 * …and a pro's: the requests addressed to them (only while verified: no one else may accept one), their
 * firm's documents to review (while their standing opens the firm's dossiers, from where the request
 * comes) and the upcoming milestones of the dossiers their dashboard shows.
 */
export async function aroundPro(
  db: Database,
  userId: string,
  now: Date,
  dossierIds: string[],
  today: string,
  network: ReturnType<typeof firmNetworkValues>,
) {
  const [row] = await builtQuery(db, 'dashboard.around_pro', (db) =>
    db
      .select({
        ...everyone,
        incomingRequests: sql<TDashboard['incomingRequests']>`case
          when ${standingSql(todayParam, proVerifications)} = 'verified' then ${incomingRequestsJson(me.id)}
          else '[]' end`,
        toReview: documentsToReviewJson(dossierFirmOf(sql`${users}`, todayParam, firmNetworkParams)),
        upcomingMilestones: upcomingMilestonesJson(sql.placeholder('ids'), sql.placeholder('day')),
      })
      .from(users)
      .leftJoin(proVerifications, eq(proVerifications.userId, users.id))
      .where(eq(users.id, sql.placeholder('user'))),
  ).execute({
    user: userId,
    now: now.toISOString(),
    ids: dossierIds,
    day: today,
    today: platformToday(now),
    ...network,
  });
  return checked(ZAroundPro, row, 'dashboard.around_pro');
}

import type { TDashboard } from '@capitune/contracts';
import { and, asc, eq, getTableColumns, gt, lt, or, type SQL, type SQLWrapper, sql } from 'drizzle-orm';
import { alias, type SelectedFieldsFlat } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import { eventCoHosts, eventRegistrations, events, organisations, users } from '../../db/schema';
import { anyOf, isoTime } from '../../lib/sql';
import { builtQuery } from '../../platform/db/built-query';
import type { Database } from '../../platform/db/database';
import { checkRows } from '../../platform/db/rows';

/** Every statement that reads webinars: lists, one webinar, its hosts and co-hosts. */

/** A webinar as its table holds it. */
export type EventRow = typeof events.$inferSelect;

/** A host or co-host as read (`toEventPerson` maps it to the contract). */
export interface Person {
  id: string;
  firstName: string;
  lastName: string;
  organisation: string | null;
}

export type TNextWebinar = NonNullable<TDashboard['nextWebinar']>;

/** A person as the JSON built in SQL gives them (`coHosts`): checked against this in development and tests. */
const ZPersonJson = z.object({
  id: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  organisation: z.string().nullable(),
});

/** The parts of a summary row built in SQL. */
const ZSummaryJson = z.object({ coHosts: z.array(ZPersonJson) });

export async function coHostIdsOf(db: Database, eventId: string): Promise<string[]> {
  const rows = await db
    .select({ userId: eventCoHosts.userId })
    .from(eventCoHosts)
    .where(eq(eventCoHosts.eventId, eventId));
  return rows.map((row) => row.userId);
}

/** Hosts and co-hosts as shown on events, in one query. */
export async function peopleById(db: Database, ids: string[]): Promise<Map<string, Person>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await builtQuery(db, 'events.people_by_id', (db) =>
    db
      .select({
        id: users.id,
        firstName: users.firstName,
        lastName: users.lastName,
        organisation: organisations.name,
      })
      .from(users)
      .leftJoin(organisations, eq(organisations.id, users.organisationId))
      .where(anyOf(users.id, sql.placeholder('ids'))),
  ).execute({ ids: unique });
  return new Map(rows.map((row) => [row.id, row]));
}

export async function eventById(db: Database, eventId: string): Promise<EventRow | undefined> {
  const [event] = await db.select().from(events).where(eq(events.id, eventId));
  return event;
}

/** People waiting for a seat. */
export async function waitlistCount(db: Database, eventId: string): Promise<number> {
  const [waitlist] = await db
    .select({ count: sql<number>`count(*)::int` })
    .from(eventRegistrations)
    .where(and(eq(eventRegistrations.eventId, eventId), eq(eventRegistrations.status, 'waitlisted')));
  return waitlist?.count ?? 0;
}

export type ListVisibility = 'all' | 'published' | 'published-or-managed';

/**
 * Drafts and cancelled webinars appear in lists only for those who manage them: admins see all,
 * anonymous visitors the published ones, anyone else also those they host or co-host (`viewer`).
 */
function listVisibility(visibility: ListVisibility): SQL | undefined {
  if (visibility === 'all') return undefined;
  if (visibility === 'published') return eq(events.status, 'scheduled');
  return or(
    eq(events.status, 'scheduled'),
    eq(events.hostId, sql.placeholder('viewer')),
    sql`exists (select 1 from event_co_hosts c where c.event_id = ${events.id} and c.user_id = ${sql.placeholder('viewer')})`,
  );
}

/** What a summary shows of a webinar: not its description or bookkeeping (a month page reads a hundred). */
const summaryColumns = {
  id: events.id,
  hostId: events.hostId,
  title: events.title,
  language: events.language,
  category: events.category,
  tags: events.tags,
  status: events.status,
  startsAt: events.startsAt,
  endsAt: events.endsAt,
  timeZone: events.timeZone,
  capacity: events.capacity,
  seatsTaken: events.seatsTaken,
  replayUrl: events.replayUrl,
};
export type SummaryEvent = Pick<EventRow, keyof typeof summaryColumns>;

export interface SummaryRow<E extends SummaryEvent = SummaryEvent> {
  event: E;
  myStatus: 'registered' | 'waitlisted' | 'cancelled' | null;
  host: { firstName: string | null; lastName: string | null; organisation: string | null } | null;
  coHosts: Person[];
}

const hostUser = alias(users, 'host');
const hostFirm = alias(organisations, 'host_firm');

/**
 * What every summary shows beside the webinar, read in the same statement: the viewer's registration
 * (`viewer`; no one has the nil id, given for anonymous visitors), the host with their firm (primary-key
 * joins) and the co-hosts (one index lookup per row).
 */
function withSummaryParts<T extends SelectedFieldsFlat>(db: Database, event: T) {
  return db
    .select({
      event,
      myStatus: eventRegistrations.status,
      host: { firstName: hostUser.firstName, lastName: hostUser.lastName, organisation: hostFirm.name },
      coHosts: sql<
        Person[]
      >`coalesce((select json_agg(json_build_object('id', u.id, 'firstName', u.first_name,
          'lastName', u.last_name, 'organisation', o.name) order by u.id)
        from event_co_hosts c join users u on u.id = c.user_id left join organisations o on o.id = u.organisation_id
        where c.event_id = ${events.id}), '[]')`,
    })
    .from(events)
    .leftJoin(
      eventRegistrations,
      and(
        eq(eventRegistrations.eventId, events.id),
        eq(eventRegistrations.userId, sql.placeholder('viewer')),
      ),
    )
    .leftJoin(hostUser, eq(hostUser.id, events.hostId))
    .leftJoin(hostFirm, eq(hostFirm.id, hostUser.organisationId));
}

/** The shape of a list statement: one prepared statement per shape. */
export interface ListShape {
  ranged: boolean;
  visibility: ListVisibility;
  category: boolean;
  host: boolean;
  after: boolean;
}

export interface ListParams {
  viewer: string;
  from: Date;
  to: Date | undefined;
  since: Date;
  category: string | undefined;
  host: string | undefined;
  at: Date | undefined;
  id: string | undefined;
  limit: number;
}

/**
 * Webinars overlapping from–to (`ranged`), or not ended at `from` (now), in start order, keyset-paginated
 * on (starts_at, id).
 */
export async function eventSummaryRows(
  db: Database,
  shape: ListShape,
  params: ListParams,
): Promise<SummaryRow[]> {
  const name = `events.list_${shape.ranged ? 'range' : 'upcoming'}_${shape.visibility}${shape.category ? '_category' : ''}${shape.host ? '_host' : ''}${shape.after ? '_after' : ''}`;
  const rows = await builtQuery(db, name, (db) =>
    withSummaryParts(db, summaryColumns)
      .where(
        and(
          // Events overlapping from–to, or not ended at `from` (now). A webinar lasts at most
          // EVENT_MAX_DURATION_HOURS, so it started after `since`: said explicitly, that bounds the scan of
          // the start-time index from below; without it every earlier webinar is read and dropped.
          shape.ranged ? lt(events.startsAt, sql.placeholder('to')) : undefined,
          gt(events.endsAt, sql.placeholder('from')),
          gt(events.startsAt, sql.placeholder('since')),
          listVisibility(shape.visibility),
          shape.category ? eq(events.category, sql.placeholder('category')) : undefined,
          shape.host
            ? or(
                eq(events.hostId, sql.placeholder('host')),
                sql`exists (select 1 from event_co_hosts c where c.event_id = ${events.id} and c.user_id = ${sql.placeholder('host')})`,
              )
            : undefined,
          shape.after
            ? sql`(${events.startsAt}, ${events.id}) > (${sql.placeholder('at')}, ${sql.placeholder('id')})`
            : undefined,
        ),
      )
      .orderBy(asc(events.startsAt), asc(events.id))
      .limit(sql.placeholder('limit')),
  ).execute({ ...params });
  checkRows(ZSummaryJson, rows, name);
  return rows;
}

/** One webinar with its summary parts, as `viewer` sees it. */
export async function eventWithParts(
  db: Database,
  viewerId: string,
  eventId: string,
): Promise<SummaryRow<EventRow> | undefined> {
  const rows = await builtQuery(db, 'events.get', (db) =>
    withSummaryParts(db, getTableColumns(events)).where(eq(events.id, sql.placeholder('event'))),
  ).execute({ viewer: viewerId, event: eventId });
  checkRows(ZSummaryJson, rows, 'events.get');
  return rows[0];
}

/** A user's registrations among some webinars (one index lookup each). */
export async function registrationStatusesOf(db: Database, userId: string, eventIds: string[]) {
  return builtQuery(db, 'events.registration_statuses', (db) =>
    db
      .select({ eventId: eventRegistrations.eventId, status: eventRegistrations.status })
      .from(eventRegistrations)
      .where(
        and(
          eq(eventRegistrations.userId, sql.placeholder('user')),
          anyOf(eventRegistrations.eventId, sql.placeholder('ids')),
        ),
      ),
  ).execute({ user: userId, ids: eventIds });
}

/** What `nextRegisteredEventJson` gives, checked by the page that reads it (a row schema: no transform). */
export const ZNextWebinarJson = z
  .object({
    id: z.string(),
    title: z.string(),
    startsAt: z.string(),
    endsAt: z.string(),
    timeZone: z.string(),
  })
  .nullable();

/**
 * The next webinar the user holds a seat in (not cancelled, not ended), as JSON (or null), for a page
 * that reads it within its own statement (the dashboard). The same object as `toNextWebinar` (a test
 * asserts it).
 */
export function nextRegisteredEventJson(user: SQLWrapper, now: SQLWrapper): SQL<TNextWebinar | null> {
  return sql`(
    select json_build_object('id', e.id, 'title', e.title, 'startsAt', ${isoTime(sql`e.starts_at`)},
      'endsAt', ${isoTime(sql`e.ends_at`)}, 'timeZone', e.time_zone)
    from event_registrations r join events e on e.id = r.event_id
    where r.user_id = ${user} and r.status = 'registered' and e.status = 'scheduled' and e.ends_at > ${now}
    order by e.starts_at limit 1)`;
}

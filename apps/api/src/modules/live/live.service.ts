import {
  EVENT_MAX_DURATION_HOURS,
  EVENT_RANGE_MAX_DAYS,
  STREAM_OPENS_MINUTES_BEFORE,
  type TCreateEventBody,
  type TDashboard,
  type TEvent,
  type TEventListQuery,
  type TEventPage,
  type TEventSummary,
  type TUpdateEventBody,
} from '@capitune/contracts';
import {
  and,
  asc,
  eq,
  getTableColumns,
  gt,
  inArray,
  lt,
  or,
  type SQL,
  type SQLWrapper,
  sql,
} from 'drizzle-orm';
import { alias, type SelectedFieldsFlat } from 'drizzle-orm/pg-core';
import {
  eventCoHosts,
  eventRegistrations,
  events,
  organisations,
  proVerifications,
  users,
} from '../../db/schema';
import type { AppDeps } from '../../deps';
import { decodeCursor, encodeCursor } from '../../lib/cursor';
import { AppError } from '../../lib/errors';
import { anyOf, isoTime } from '../../lib/sql';
import type { AuthUser } from '../../lib/tokens';
import { builtQuery } from '../../platform/db/built-query';
import type { Database } from '../../platform/db/database';
import { type Transaction, withTransaction } from '../../platform/db/transaction';
import { recordAudit } from '../audit/audit.service';
import { notify } from '../notifications/notifications.service';
import { platformToday, standingSql } from '../pros';
import {
  assertAllowedLink,
  assertVisible,
  canManage,
  canonicalTimeZone,
  coHostIdsOf,
  DAY_MS,
  derivedStatus,
  type EventRow,
  eventIcs,
  eventPath,
  eventUrl,
  fieldError,
  forEmail,
  fullName,
  HOUR,
  isOwner,
  MINUTE,
  type Person,
  peopleById,
  streamOf,
  type Viewer,
} from './live.common';
import { eventCancelledEmail, eventUpdatedEmail } from './live.emails';
import { myRegistration, promoteFromWaitlist, registrationOpen } from './registrations.service';
import { cancelReminderJobs, scheduleReminders } from './reminders';

function checkTimes(startsAt: Date, endsAt: Date, now: Date, startChanged: boolean): void {
  if (endsAt <= startsAt)
    throw fieldError('body.endsAt', 'The end must be after the start', 'ends_before_start');
  if (endsAt.getTime() - startsAt.getTime() > EVENT_MAX_DURATION_HOURS * HOUR) {
    throw fieldError('body.endsAt', `A webinar lasts ${EVENT_MAX_DURATION_HOURS} hours at most`, 'too_long');
  }
  if (startChanged && startsAt <= now) {
    throw fieldError('body.startsAt', 'The start must be in the future', 'in_past');
  }
}

const notVerified = (message: string) => new AppError('PRO_NOT_VERIFIED', message);

/** Co-hosts are other active pros, verified: a webinar is a way to reach candidates. */
async function checkCoHosts(db: AppDeps['db'], hostId: string, ids: string[], now: Date): Promise<string[]> {
  const unique = [...new Set(ids)];
  if (unique.includes(hostId)) {
    throw fieldError('body.coHostIds', 'The host cannot also be a co-host', 'host_as_co_host');
  }
  if (unique.length === 0) return unique;
  const found = await db
    .select({ id: users.id, standing: standingSql(platformToday(now), proVerifications) })
    .from(users)
    .leftJoin(proVerifications, eq(proVerifications.userId, users.id))
    .where(and(anyOf(users.id, unique), eq(users.role, 'pro'), eq(users.status, 'active')));
  if (found.length !== unique.length) {
    throw fieldError('body.coHostIds', 'Co-hosts must be active professionals', 'invalid_co_host');
  }
  if (found.some((coHost) => coHost.standing !== 'verified')) {
    throw notVerified('Co-hosts must be verified professionals');
  }
  return unique;
}

/**
 * Publishing reaches candidates: a pro publishes only while verified, and only a verified pro's webinar
 * (a co-host cannot publish for an unverified host). Admins publish anything; drafts need nothing.
 */
async function assertMayPublish(db: AppDeps['db'], viewer: AuthUser, hostId: string, now: Date) {
  if (viewer.role === 'admin') return;
  const people = await db
    .select({ id: users.id, role: users.role, standing: standingSql(platformToday(now), proVerifications) })
    .from(users)
    .leftJoin(proVerifications, eq(proVerifications.userId, users.id))
    .where(anyOf(users.id, [...new Set([viewer.id, hostId])]));
  if (people.some((person) => person.role === 'pro' && person.standing !== 'verified')) {
    throw notVerified('Your licence must be verified before you can publish a webinar');
  }
}

function requireStreamToPublish(streamUrl: string | null): void {
  if (!streamUrl) {
    throw fieldError('body.streamUrl', 'A stream link is required to publish', 'required_to_publish');
  }
}

/** A pro or an admin creates a webinar, as a draft or published at once. */
export async function createEvent(deps: AppDeps, viewer: AuthUser, body: TCreateEventBody): Promise<TEvent> {
  const now = deps.clock.now();
  const startsAt = new Date(body.startsAt);
  const endsAt = new Date(body.endsAt);
  checkTimes(startsAt, endsAt, now, true);
  const timeZone = canonicalTimeZone(body.timeZone);
  assertAllowedLink(body.streamUrl, 'body.streamUrl');
  assertAllowedLink(body.replayUrl, 'body.replayUrl');
  const coHostIds = await checkCoHosts(deps.db, viewer.id, body.coHostIds, now);
  const publish = body.status === 'scheduled';
  if (publish) {
    requireStreamToPublish(body.streamUrl);
    await assertMayPublish(deps.db, viewer, viewer.id, now);
  }

  const id = await withTransaction(deps.pool, async (tx) => {
    const [created] = await tx.db
      .insert(events)
      .values({
        hostId: viewer.id,
        title: body.title,
        description: body.description,
        language: body.language,
        category: body.category,
        tags: [...new Set(body.tags)],
        startsAt,
        endsAt,
        timeZone,
        capacity: body.capacity,
        streamUrl: body.streamUrl,
        replayUrl: body.replayUrl,
        status: publish ? 'scheduled' : 'draft',
        publishedAt: publish ? now : null,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    if (!created) throw new Error('event insert returned nothing');
    if (coHostIds.length > 0) {
      await tx.db.insert(eventCoHosts).values(coHostIds.map((userId) => ({ eventId: created.id, userId })));
    }
    if (publish) {
      const jobIds = await scheduleReminders(deps, tx, created);
      await tx.db.update(events).set({ reminderJobIds: jobIds }).where(eq(events.id, created.id));
    }
    return created.id;
  });
  if (publish) await deps.readCache.invalidate('live_calendar');
  return getEvent(deps, viewer, id);
}

/** Everyone with a live registration (a seat or on the waitlist). */
async function activeRegistrants(tx: Transaction, eventId: string) {
  return tx.db
    .select({ userId: eventRegistrations.userId, status: eventRegistrations.status })
    .from(eventRegistrations)
    .where(
      and(
        eq(eventRegistrations.eventId, eventId),
        inArray(eventRegistrations.status, ['registered', 'waitlisted']),
      ),
    );
}

/**
 * Edits by a host, a co-host or an admin; publishing (draft → scheduled) and cancelling (host or admin).
 * Once started, the start time cannot move and the webinar cannot be cancelled; once ended, only the
 * description, the labels and the replay link change. Moving a scheduled webinar tells its registrants
 * and moves their reminders; raising the capacity gives seats to the waitlist.
 */
export async function updateEvent(
  deps: AppDeps,
  viewer: AuthUser,
  eventId: string,
  body: TUpdateEventBody,
  ip: string | undefined,
): Promise<TEvent> {
  await withTransaction(deps.pool, async (tx) => {
    const now = deps.clock.now();
    const [locked] = await tx.db.select().from(events).where(eq(events.id, eventId)).for('update');
    const currentCoHosts = await coHostIdsOf(tx.db, eventId);
    const event = assertVisible(viewer, locked, currentCoHosts);
    if (!canManage(viewer, event, currentCoHosts)) {
      throw new AppError('FORBIDDEN', 'Only the hosts of this webinar can change it');
    }
    if (event.status === 'cancelled') throw new AppError('EVENT_NOT_EDITABLE', 'This webinar was cancelled');
    if ((body.coHostIds !== undefined || body.status === 'cancelled') && !isOwner(viewer, event)) {
      throw new AppError(
        'FORBIDDEN',
        'Only the host or an admin can cancel the webinar or choose its co-hosts',
      );
    }

    const started = event.status === 'scheduled' && now >= event.startsAt;
    const ended = event.status === 'scheduled' && now >= event.endsAt;
    const startsAt = body.startsAt !== undefined ? new Date(body.startsAt) : event.startsAt;
    const endsAt = body.endsAt !== undefined ? new Date(body.endsAt) : event.endsAt;
    const startChanged = startsAt.getTime() !== event.startsAt.getTime();
    const endChanged = endsAt.getTime() !== event.endsAt.getTime();
    const capacity = body.capacity !== undefined ? body.capacity : event.capacity;
    const streamUrl = body.streamUrl !== undefined ? body.streamUrl : event.streamUrl;

    if (started && (startChanged || body.status === 'cancelled')) {
      throw new AppError('EVENT_NOT_EDITABLE', 'This webinar has started: its start cannot change');
    }
    if (ended && (endChanged || capacity !== event.capacity || streamUrl !== event.streamUrl)) {
      throw new AppError(
        'EVENT_NOT_EDITABLE',
        'This webinar has ended: only its description, labels and replay can change',
      );
    }
    if (startChanged || endChanged) {
      checkTimes(startsAt, endsAt, now, startChanged);
      if (started && endsAt <= now)
        throw fieldError('body.endsAt', 'The end must be in the future', 'in_past');
    }
    assertAllowedLink(body.streamUrl, 'body.streamUrl');
    assertAllowedLink(body.replayUrl, 'body.replayUrl');
    const timeZone = body.timeZone !== undefined ? canonicalTimeZone(body.timeZone) : event.timeZone;
    const coHostIds =
      body.coHostIds !== undefined
        ? await checkCoHosts(tx.db, event.hostId, body.coHostIds, now)
        : currentCoHosts;

    const publishing = body.status === 'scheduled' && event.status === 'draft';
    const cancelling = body.status === 'cancelled';
    if (publishing) {
      requireStreamToPublish(streamUrl);
      if (startsAt <= now) throw fieldError('body.startsAt', 'The start must be in the future', 'in_past');
      await assertMayPublish(tx.db, viewer, event.hostId, now);
    }
    const title = body.title ?? event.title;
    const timeMoved = startChanged || endChanged;
    const bumpSequence = timeMoved || title !== event.title || cancelling || timeZone !== event.timeZone;

    const [updated] = await tx.db
      .update(events)
      .set({
        title,
        description: body.description ?? event.description,
        language: body.language ?? event.language,
        category: body.category ?? event.category,
        tags: body.tags !== undefined ? [...new Set(body.tags)] : event.tags,
        startsAt,
        endsAt,
        timeZone,
        capacity,
        streamUrl,
        replayUrl: body.replayUrl !== undefined ? body.replayUrl : event.replayUrl,
        status: cancelling ? 'cancelled' : publishing ? 'scheduled' : event.status,
        publishedAt: publishing ? now : event.publishedAt,
        cancelledAt: cancelling ? now : event.cancelledAt,
        sequence: bumpSequence ? event.sequence + 1 : event.sequence,
        updatedAt: now,
      })
      .where(eq(events.id, eventId))
      .returning();
    if (!updated) throw new Error('event update returned nothing');

    if (body.coHostIds !== undefined) {
      await tx.db.delete(eventCoHosts).where(eq(eventCoHosts.eventId, eventId));
      if (coHostIds.length > 0) {
        await tx.db.insert(eventCoHosts).values(coHostIds.map((userId) => ({ eventId, userId })));
      }
    }

    // Reminders: queued on publication, moved with the start, dropped on cancellation.
    if (publishing || cancelling || (updated.status === 'scheduled' && startChanged)) {
      await cancelReminderJobs(deps, tx, event.reminderJobIds);
      const jobIds = cancelling ? [] : await scheduleReminders(deps, tx, updated);
      await tx.db.update(events).set({ reminderJobIds: jobIds }).where(eq(events.id, eventId));
    }

    const hostName = fullName((await peopleById(tx.db, [updated.hostId])).get(updated.hostId));
    const content = forEmail(deps, updated, hostName);
    if (cancelling) {
      const ics = eventIcs(deps, updated, hostName);
      for (const registrant of await activeRegistrants(tx, eventId)) {
        await notify(deps, tx, {
          userId: registrant.userId,
          type: 'webinar_cancelled',
          params: { eventId, title: updated.title, startsAt: updated.startsAt.toISOString() },
          link: eventPath(eventId),
          email: (recipient) =>
            eventCancelledEmail(recipient, content, registrant.status === 'registered' ? ics : null),
        });
      }
      await recordAudit(tx.db, {
        actorId: viewer.id,
        action: 'event.cancelled',
        subjectType: 'event',
        subjectId: eventId,
        before: { status: event.status },
        after: { status: 'cancelled' },
        ip: ip ?? null,
      });
    } else if (updated.status === 'scheduled' && !publishing && timeMoved) {
      const ics = eventIcs(deps, updated, hostName);
      for (const registrant of await activeRegistrants(tx, eventId)) {
        await notify(deps, tx, {
          userId: registrant.userId,
          type: 'webinar_updated',
          params: {
            eventId,
            title: updated.title,
            startsAt: updated.startsAt.toISOString(),
            previousStartsAt: event.startsAt.toISOString(),
          },
          link: eventPath(eventId),
          email: (recipient) =>
            eventUpdatedEmail(recipient, content, registrant.status === 'registered' ? ics : null),
        });
      }
    }
    if (publishing) {
      await recordAudit(tx.db, {
        actorId: viewer.id,
        action: 'event.published',
        subjectType: 'event',
        subjectId: eventId,
        ip: ip ?? null,
      });
    }
    // More seats (or no limit any more): the waitlist moves up at once.
    if (!cancelling && updated.status === 'scheduled') await promoteFromWaitlist(deps, tx, updated, hostName);
  });
  await deps.readCache.invalidate('live_calendar');
  return getEvent(deps, viewer, eventId);
}

type ListVisibility = 'all' | 'published' | 'published-or-managed';

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
type SummaryEvent = Pick<EventRow, keyof typeof summaryColumns>;

interface SummaryRow {
  event: SummaryEvent;
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
const viewerIdOf = (viewer: Viewer) => viewer?.id ?? '00000000-0000-0000-0000-000000000000';

function toSummary({ event, myStatus, host, coHosts }: SummaryRow, now: Date): TEventSummary {
  return {
    id: event.id,
    title: event.title,
    language: event.language,
    category: event.category,
    tags: event.tags,
    status: derivedStatus(event, now),
    startsAt: event.startsAt.toISOString(),
    endsAt: event.endsAt.toISOString(),
    timeZone: event.timeZone,
    capacity: event.capacity,
    seatsTaken: event.seatsTaken,
    seatsLeft: event.capacity === null ? null : Math.max(0, event.capacity - event.seatsTaken),
    host: {
      id: event.hostId,
      firstName: host?.firstName ?? '',
      lastName: host?.lastName ?? '',
      organisation: host?.organisation ?? null,
    },
    coHosts,
    myRegistration: myStatus === 'registered' || myStatus === 'waitlisted' ? myStatus : null,
    hasReplay: event.replayUrl !== null,
  };
}

/** The viewer's registrations among the webinars of a list (one index lookup each). */
async function registrationStatuses(deps: AppDeps, userId: string, rows: SummaryRow[]) {
  if (rows.length === 0) return new Map<string, SummaryRow['myStatus']>();
  const found = await builtQuery(deps.db, 'events.registration_statuses', (db) =>
    db
      .select({ eventId: eventRegistrations.eventId, status: eventRegistrations.status })
      .from(eventRegistrations)
      .where(
        and(
          eq(eventRegistrations.userId, sql.placeholder('user')),
          anyOf(eventRegistrations.eventId, sql.placeholder('ids')),
        ),
      ),
  ).execute({ user: userId, ids: rows.map((row) => row.event.id) });
  return new Map(found.map((row) => [row.eventId, row.status]));
}

/**
 * A calendar range (events overlapping `from`–`to`, at most 62 days) or the upcoming list (not yet
 * ended), in start order, keyset-paginated on (starts_at, id).
 */
export async function listEvents(deps: AppDeps, viewer: Viewer, query: TEventListQuery): Promise<TEventPage> {
  const ranged = query.from !== undefined || query.to !== undefined;
  let from = deps.clock.now();
  let to: Date | undefined;
  if (ranged) {
    if (query.from === undefined || query.to === undefined) {
      throw fieldError(query.from ? 'query.to' : 'query.from', 'Give both from and to', 'range_incomplete');
    }
    from = new Date(query.from);
    to = new Date(query.to);
    if (to <= from) throw fieldError('query.to', 'to must be after from', 'range_reversed');
    if (to.getTime() - from.getTime() > EVENT_RANGE_MAX_DAYS * DAY_MS) {
      throw fieldError('query.to', `A range covers ${EVENT_RANGE_MAX_DAYS} days at most`, 'range_too_long');
    }
  }
  const after = query.cursor ? decodeCursor(query.cursor) : null;
  // Candidates host nothing: they see what anonymous visitors see.
  const visibility: ListVisibility =
    viewer?.role === 'admin'
      ? 'all'
      : viewer && viewer.role !== 'candidate'
        ? 'published-or-managed'
        : 'published';
  // One prepared query per shape: range or upcoming, visibility, and the filters given.
  const name = `events.list_${ranged ? 'range' : 'upcoming'}_${visibility}${query.category ? '_category' : ''}${query.host ? '_host' : ''}${after ? '_after' : ''}`;
  const read = (viewerId: string) =>
    builtQuery(deps.db, name, (db) =>
      withSummaryParts(db, summaryColumns)
        .where(
          and(
            // Events overlapping from–to, or not ended at `from` (now). A webinar lasts at most
            // EVENT_MAX_DURATION_HOURS, so it started after `since`: said explicitly, that bounds the scan of
            // the start-time index from below; without it every earlier webinar is read and dropped.
            ranged ? lt(events.startsAt, sql.placeholder('to')) : undefined,
            gt(events.endsAt, sql.placeholder('from')),
            gt(events.startsAt, sql.placeholder('since')),
            listVisibility(visibility),
            query.category ? eq(events.category, sql.placeholder('category')) : undefined,
            query.host
              ? or(
                  eq(events.hostId, sql.placeholder('host')),
                  sql`exists (select 1 from event_co_hosts c where c.event_id = ${events.id} and c.user_id = ${sql.placeholder('host')})`,
                )
              : undefined,
            after
              ? sql`(${events.startsAt}, ${events.id}) > (${sql.placeholder('at')}, ${sql.placeholder('id')})`
              : undefined,
          ),
        )
        .orderBy(asc(events.startsAt), asc(events.id))
        .limit(sql.placeholder('limit')),
    ).execute({
      viewer: viewerId,
      from,
      to,
      since: new Date(from.getTime() - EVENT_MAX_DURATION_HOURS * HOUR),
      category: query.category,
      host: query.host,
      at: after?.at,
      id: after?.id,
      limit: query.limit + 1,
    });
  let rows: SummaryRow[];
  if (ranged && visibility === 'published') {
    // A calendar range of published webinars reads the same for everyone: kept per instance
    // (platform/read-cache.ts) and forgotten whenever a webinar or a registration changes; the viewer's
    // own registrations are read beside it.
    const key = JSON.stringify([from, to, query.category, query.host, query.cursor, query.limit]);
    const shared = await deps.readCache.read('live_calendar', key, () => read(viewerIdOf(null)));
    const mine = viewer ? await registrationStatuses(deps, viewer.id, shared) : new Map();
    rows = shared.map((row) => ({ ...row, myStatus: mine.get(row.event.id) ?? null }));
  } else {
    rows = await read(viewerIdOf(viewer));
  }
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: page.map((row) => toSummary(row, deps.clock.now())),
    nextCursor:
      rows.length > query.limit && last ? encodeCursor({ at: last.event.startsAt, id: last.event.id }) : null,
  };
}

/**
 * One webinar as the viewer may see it. The stream goes only to registrants with a seat, from 15 minutes
 * before the start to the end, and to those who manage the event; the replay to signed-in viewers after
 * the end.
 */
export async function getEvent(deps: AppDeps, viewer: Viewer, eventId: string): Promise<TEvent> {
  const now = deps.clock.now();
  const [row] = await builtQuery(deps.db, 'events.get', (db) =>
    withSummaryParts(db, getTableColumns(events)).where(eq(events.id, sql.placeholder('event'))),
  ).execute({ viewer: viewerIdOf(viewer), event: eventId });
  const coHostIds = row?.coHosts.map((person) => person.id) ?? [];
  const event = assertVisible(viewer, row?.event, coHostIds);
  if (!row) throw new AppError('NOT_FOUND', 'No such webinar');
  const summary = toSummary(row, now);
  const manager = canManage(viewer, event, coHostIds);
  const registration = await myRegistration(deps, viewer, eventId);
  const [waitlist] = await deps.db
    .select({ count: sql<number>`count(*)::int` })
    .from(eventRegistrations)
    .where(and(eq(eventRegistrations.eventId, eventId), eq(eventRegistrations.status, 'waitlisted')));

  const streamWindow =
    event.status === 'scheduled' &&
    now.getTime() >= event.startsAt.getTime() - STREAM_OPENS_MINUTES_BEFORE * MINUTE &&
    now < event.endsAt;
  const seeStream = manager || (streamWindow && registration?.status === 'registered');
  const ended = event.status === 'scheduled' && now >= event.endsAt;
  return {
    ...summary,
    description: event.description,
    waitlistCount: waitlist?.count ?? 0,
    createdAt: event.createdAt.toISOString(),
    updatedAt: event.updatedAt.toISOString(),
    publishedAt: event.publishedAt?.toISOString() ?? null,
    cancelledAt: event.cancelledAt?.toISOString() ?? null,
    url: eventUrl(deps, event.id),
    viewer: {
      registration,
      canManage: manager,
      registrationOpen: registrationOpen(event, now),
    },
    stream: seeStream ? streamOf(event.streamUrl) : null,
    replay: (ended && viewer !== null) || manager ? streamOf(event.replayUrl) : null,
    links: manager ? { streamUrl: event.streamUrl, replayUrl: event.replayUrl } : null,
  };
}

/** The calendar file of one webinar, for whoever may see it. */
export async function eventIcsFile(
  deps: AppDeps,
  viewer: Viewer,
  eventId: string,
): Promise<{ filename: string; body: string }> {
  const [event] = await deps.db.select().from(events).where(eq(events.id, eventId));
  const visible = assertVisible(viewer, event, await coHostIdsOf(deps.db, eventId));
  const hostName = fullName((await peopleById(deps.db, [visible.hostId])).get(visible.hostId));
  return { filename: `capitune-${visible.id.slice(0, 8)}.ics`, body: eventIcs(deps, visible, hostName) };
}

/** The next webinar the user holds a seat in (not cancelled, not ended), for the dashboard. */
/**
 * The next webinar the user holds a seat in, as JSON (or null), for a page that reads it within its own
 * statement (the dashboard).
 */
export function nextRegisteredEventJson(user: SQLWrapper, now: SQLWrapper): SQL<TNextRegisteredEvent | null> {
  return sql`(
    select json_build_object('id', e.id, 'title', e.title, 'startsAt', ${isoTime(sql`e.starts_at`)},
      'endsAt', ${isoTime(sql`e.ends_at`)}, 'timeZone', e.time_zone)
    from event_registrations r join events e on e.id = r.event_id
    where r.user_id = ${user} and r.status = 'registered' and e.status = 'scheduled' and e.ends_at > ${now}
    order by e.starts_at limit 1)`;
}
type TNextRegisteredEvent = NonNullable<TDashboard['nextWebinar']>;

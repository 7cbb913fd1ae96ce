import {
  EVENT_MAX_DURATION_HOURS,
  type TCreateEventBody,
  type TEvent,
  type TUpdateEventBody,
} from '@capitune/contracts';
import type { AppDeps } from '../../deps';
import { AppError, fieldError } from '../../lib/errors';
import { type Transaction, withTransaction } from '../../platform/db/transaction';
import { type Caller, requireRole } from '../access';
import { recordAudit } from '../audit';
import { notify } from '../notifications';
import { assertMayPublish, checkCoHosts } from './co-hosts.service';
import {
  assertAllowedLink,
  assertVisible,
  canManage,
  canonicalTimeZone,
  eventIcs,
  eventPath,
  forEmail,
  fullName,
  HOUR,
  isOwner,
} from './live.common';
import { eventCancelledEmail, eventUpdatedEmail } from './live.emails';
import { coHostIdsOf, type EventRow, peopleById } from './live.queries';
import { getEvent } from './live.service';
import {
  activeRegistrants,
  insertCoHosts,
  insertEvent,
  lockEvent,
  replaceCoHosts,
  updateEventRow,
} from './live-editing.queries';
import { promoteFromWaitlist } from './registrations.service';
import { cancelReminderJobs, scheduleReminders } from './reminders';
import { setReminderJobIds } from './reminders.queries';

/** Creating, editing, publishing and cancelling a webinar. */

function checkTimes(startsAt: Date, endsAt: Date, now: Date, startChanged: boolean): void {
  if (endsAt <= startsAt)
    throw fieldError('body.endsAt', 'ends_before_start', 'The end must be after the start');
  if (endsAt.getTime() - startsAt.getTime() > EVENT_MAX_DURATION_HOURS * HOUR) {
    throw fieldError('body.endsAt', 'too_long', `A webinar lasts ${EVENT_MAX_DURATION_HOURS} hours at most`);
  }
  if (startChanged && startsAt <= now) {
    throw fieldError('body.startsAt', 'in_past', 'The start must be in the future');
  }
}

function requireStreamToPublish(streamUrl: string | null): void {
  if (!streamUrl) {
    throw fieldError('body.streamUrl', 'required_to_publish', 'A stream link is required to publish');
  }
}

/** A pro or an admin creates a webinar, as a draft or published at once. */
export async function createEvent(deps: AppDeps, caller: Caller, body: TCreateEventBody): Promise<TEvent> {
  requireRole(caller, ['pro', 'admin']);
  const now = deps.clock.now();
  const startsAt = new Date(body.startsAt);
  const endsAt = new Date(body.endsAt);
  checkTimes(startsAt, endsAt, now, true);
  const timeZone = canonicalTimeZone(body.timeZone);
  assertAllowedLink(body.streamUrl, 'body.streamUrl');
  assertAllowedLink(body.replayUrl, 'body.replayUrl');
  const coHostIds = await checkCoHosts(deps.db, caller.id, body.coHostIds, now);
  const publish = body.status === 'scheduled';
  if (publish) {
    requireStreamToPublish(body.streamUrl);
    await assertMayPublish(deps.db, caller, caller.id, now);
  }

  const id = await withTransaction(deps.pool, async (tx) => {
    const created = await insertEvent(tx, {
      hostId: caller.id,
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
    });
    await insertCoHosts(tx, created.id, coHostIds);
    if (publish) await setReminderJobIds(tx.db, created.id, await scheduleReminders(deps, tx, created));
    return created.id;
  });
  if (publish) await deps.readCache.invalidate('live_calendar');
  return getEvent(deps, caller, id);
}

/**
 * The event locked for an edit, if the caller manages it: 404 if they may not see it, 403 if they do not
 * manage it (or, not its owner, cancel it or choose its co-hosts), EVENT_NOT_EDITABLE once cancelled.
 */
async function lockEventToEdit(tx: Transaction, caller: Caller, eventId: string, body: TUpdateEventBody) {
  const locked = await lockEvent(tx, eventId);
  const coHostIds = await coHostIdsOf(tx.db, eventId);
  const event = assertVisible(caller, locked, coHostIds);
  if (!canManage(caller, event, coHostIds)) {
    throw new AppError('FORBIDDEN', 'Only the hosts of this webinar can change it');
  }
  if (event.status === 'cancelled') throw new AppError('EVENT_NOT_EDITABLE', 'This webinar was cancelled');
  if ((body.coHostIds !== undefined || body.status === 'cancelled') && !isOwner(caller, event)) {
    throw new AppError(
      'FORBIDDEN',
      'Only the host or an admin can cancel the webinar or choose its co-hosts',
    );
  }
  return { event, coHostIds };
}

/** What an edit changes, every rule of it checked. */
interface Edit {
  startsAt: Date;
  endsAt: Date;
  startChanged: boolean;
  /** The start or the end moved. */
  timeMoved: boolean;
  timeZone: string;
  capacity: number | null;
  streamUrl: string | null;
  coHostIds: string[];
  publishing: boolean;
  cancelling: boolean;
}

/**
 * Once started, the start time cannot move and the webinar cannot be cancelled; once ended, only the
 * description, the labels and the replay link change. Publishing needs a stream link, a start ahead and
 * a verified host.
 */
async function checkEdit(
  tx: Transaction,
  caller: Caller,
  { event, coHostIds: currentCoHosts }: { event: EventRow; coHostIds: string[] },
  body: TUpdateEventBody,
  now: Date,
): Promise<Edit> {
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
    if (started && endsAt <= now) throw fieldError('body.endsAt', 'in_past', 'The end must be in the future');
  }
  assertAllowedLink(body.streamUrl, 'body.streamUrl');
  assertAllowedLink(body.replayUrl, 'body.replayUrl');
  const timeZone = body.timeZone !== undefined ? canonicalTimeZone(body.timeZone) : event.timeZone;
  const coHostIds =
    body.coHostIds !== undefined
      ? await checkCoHosts(tx.db, event.hostId, body.coHostIds, now)
      : currentCoHosts;

  const publishing = body.status === 'scheduled' && event.status === 'draft';
  if (publishing) {
    requireStreamToPublish(streamUrl);
    if (startsAt <= now) throw fieldError('body.startsAt', 'in_past', 'The start must be in the future');
    await assertMayPublish(tx.db, caller, event.hostId, now);
  }
  const timeMoved = startChanged || endChanged;
  const cancelling = body.status === 'cancelled';
  return {
    startsAt,
    endsAt,
    startChanged,
    timeMoved,
    timeZone,
    capacity,
    streamUrl,
    coHostIds,
    publishing,
    cancelling,
  };
}

/** The row as edited. Calendar apps take a change of time, title or zone, or a cancellation, by its sequence. */
function editedValues(event: EventRow, body: TUpdateEventBody, edit: Edit, now: Date) {
  const title = body.title ?? event.title;
  const bumpSequence =
    edit.timeMoved || title !== event.title || edit.cancelling || edit.timeZone !== event.timeZone;
  return {
    title,
    description: body.description ?? event.description,
    language: body.language ?? event.language,
    category: body.category ?? event.category,
    tags: body.tags !== undefined ? [...new Set(body.tags)] : event.tags,
    startsAt: edit.startsAt,
    endsAt: edit.endsAt,
    timeZone: edit.timeZone,
    capacity: edit.capacity,
    streamUrl: edit.streamUrl,
    replayUrl: body.replayUrl !== undefined ? body.replayUrl : event.replayUrl,
    status: edit.cancelling ? 'cancelled' : edit.publishing ? 'scheduled' : event.status,
    publishedAt: edit.publishing ? now : event.publishedAt,
    cancelledAt: edit.cancelling ? now : event.cancelledAt,
    sequence: bumpSequence ? event.sequence + 1 : event.sequence,
    updatedAt: now,
  } satisfies Partial<EventRow>;
}

/** Reminders: queued on publication, moved with the start, dropped on cancellation. */
async function moveReminders(deps: AppDeps, tx: Transaction, event: EventRow, updated: EventRow, edit: Edit) {
  if (edit.publishing || edit.cancelling || (updated.status === 'scheduled' && edit.startChanged)) {
    await cancelReminderJobs(deps, tx, event.reminderJobIds);
    const jobIds = edit.cancelling ? [] : await scheduleReminders(deps, tx, updated);
    await setReminderJobIds(tx.db, event.id, jobIds);
  }
}

/**
 * Registrants are told of a cancellation and of a move of a scheduled webinar (with the calendar file
 * when they hold a seat); cancelling and publishing are written to the audit log.
 */
async function announceEdit(
  deps: AppDeps,
  tx: Transaction,
  caller: Caller,
  event: EventRow,
  updated: EventRow,
  edit: Edit,
  hostName: string,
) {
  const eventId = event.id;
  const content = forEmail(deps, updated, hostName);
  if (edit.cancelling) {
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
      actorId: caller.id,
      action: 'event.cancelled',
      subjectType: 'event',
      subjectId: eventId,
      before: { status: event.status },
      after: { status: 'cancelled' },
      ip: caller.ip ?? null,
    });
  } else if (updated.status === 'scheduled' && !edit.publishing && edit.timeMoved) {
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
  if (edit.publishing) {
    await recordAudit(tx.db, {
      actorId: caller.id,
      action: 'event.published',
      subjectType: 'event',
      subjectId: eventId,
      ip: caller.ip ?? null,
    });
  }
}

/**
 * Edits by a host, a co-host or an admin; publishing (draft → scheduled) and cancelling (host or admin).
 * Once started, the start time cannot move and the webinar cannot be cancelled; once ended, only the
 * description, the labels and the replay link change. Moving a scheduled webinar tells its registrants
 * and moves their reminders; raising the capacity gives seats to the waitlist.
 */
export async function updateEvent(
  deps: AppDeps,
  caller: Caller,
  eventId: string,
  body: TUpdateEventBody,
): Promise<TEvent> {
  await withTransaction(deps.pool, async (tx) => {
    const now = deps.clock.now();
    const managed = await lockEventToEdit(tx, caller, eventId, body);
    const { event } = managed;
    const edit = await checkEdit(tx, caller, managed, body, now);
    const updated = await updateEventRow(tx, eventId, editedValues(event, body, edit, now));
    if (body.coHostIds !== undefined) await replaceCoHosts(tx, eventId, edit.coHostIds);
    await moveReminders(deps, tx, event, updated, edit);
    const hostName = fullName((await peopleById(tx.db, [updated.hostId])).get(updated.hostId));
    await announceEdit(deps, tx, caller, event, updated, edit, hostName);
    // More seats (or no limit any more): the waitlist moves up at once.
    if (!edit.cancelling && updated.status === 'scheduled')
      await promoteFromWaitlist(deps, tx, updated, hostName);
  });
  await deps.readCache.invalidate('live_calendar');
  return getEvent(deps, caller, eventId);
}

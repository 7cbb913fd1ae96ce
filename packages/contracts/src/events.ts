import { z } from 'zod';
import { ZDateTime, ZDateTimeWithOffset, ZLine, ZString, ZText, ZUrl } from './primitives';
import { ZStream } from './stream-links';

/** Live: webinars given by pros and admins, with registration, reminders, calendar files and replays. */

export const eventCategories = [
  'express_entry',
  'quebec',
  'study',
  'work',
  'family',
  'settlement',
  'other',
] as const;
export const ZEventCategory = z.enum(eventCategories);
export type TEventCategory = z.infer<typeof ZEventCategory>;

/** The language the session is given in. */
export const eventLanguages = ['fr', 'en', 'bilingual'] as const;
export const ZEventLanguage = z.enum(eventLanguages);
export type TEventLanguage = z.infer<typeof ZEventLanguage>;

/**
 * `draft`, `scheduled` and `cancelled` are stored; `live` (between the start and the end) and `ended`
 * (after the end) are derived from the time for a scheduled event.
 */
export const eventStatuses = ['draft', 'scheduled', 'live', 'ended', 'cancelled'] as const;
export const ZEventStatus = z.enum(eventStatuses);
export type TEventStatus = z.infer<typeof ZEventStatus>;

export const registrationStatuses = ['registered', 'waitlisted', 'cancelled'] as const;
export const ZRegistrationStatus = z.enum(registrationStatuses);
export type TRegistrationStatus = z.infer<typeof ZRegistrationStatus>;

export const EVENT_MAX_DURATION_HOURS = 12;
export const EVENT_MAX_CO_HOSTS = 5;
export const EVENT_MAX_TAGS = 10;
/** The longest `from`–`to` range a calendar may ask for (a month view with its edges). */
export const EVENT_RANGE_MAX_DAYS = 62;
/** The stream is given to registrants from this many minutes before the start. */
export const STREAM_OPENS_MINUTES_BEFORE = 15;

const ZTag = ZLine.trim()
  .toLowerCase()
  .min(1)
  .max(32)
  .regex(/^[\p{L}\p{N}][\p{L}\p{N} _-]*$/u, 'Letters, digits, spaces, - and _ only');
const ZLink = ZLine.trim().min(1).max(2000);

/** Fields a host sets; checked further by the API (time zone, stream link allowlist, co-hosts). */
const eventFields = {
  title: ZLine.trim().min(3).max(200),
  description: ZText.trim().max(10_000),
  language: ZEventLanguage,
  category: ZEventCategory,
  tags: z.array(ZTag).max(EVENT_MAX_TAGS),
  /** UTC instants (any offset is accepted and converted). */
  startsAt: ZDateTimeWithOffset,
  endsAt: ZDateTimeWithOffset,
  /** The host's IANA time zone (America/Toronto…): shown on the page and used in calendar files. */
  timeZone: ZLine.min(1).max(64),
  /** Seats; null for no limit. Beyond it, registrations go to the waitlist. */
  capacity: z.number().int().min(1).max(100_000).nullable(),
  /** YouTube, Vimeo, Zoom, Microsoft Teams or Google Meet link (https only). */
  streamUrl: ZLink.nullable(),
  /** Shown after the end: YouTube, Vimeo (or a provider's recording link). */
  replayUrl: ZLink.nullable(),
  /** Other pros presenting with the host; they can edit the event and see its registrations. */
  coHostIds: z.array(z.uuid()).max(EVENT_MAX_CO_HOSTS),
};

export const ZCreateEventBody = z.strictObject({
  ...eventFields,
  description: eventFields.description.default(''),
  tags: eventFields.tags.default([]),
  capacity: eventFields.capacity.default(null),
  streamUrl: eventFields.streamUrl.default(null),
  replayUrl: eventFields.replayUrl.default(null),
  coHostIds: eventFields.coHostIds.default([]),
  /** `scheduled` publishes at once (a stream link is then required); `draft` by default. */
  status: z.enum(['draft', 'scheduled']).default('draft'),
});
/** What the API receives once defaults are applied; `TCreateEventInput` is what a client sends. */
export type TCreateEventBody = z.infer<typeof ZCreateEventBody>;
export type TCreateEventInput = z.input<typeof ZCreateEventBody>;

/**
 * Edits, and the two transitions: `status: 'scheduled'` publishes a draft, `status: 'cancelled'` cancels
 * (registrants are told). Changing the time of a scheduled event tells its registrants and moves their reminders.
 */
export const ZUpdateEventBody = z
  .strictObject({ ...eventFields, status: z.enum(['scheduled', 'cancelled']) })
  .partial();
export type TUpdateEventBody = z.infer<typeof ZUpdateEventBody>;

export const ZEventPerson = z.object({
  id: z.uuid(),
  firstName: ZString,
  lastName: ZString,
  organisation: ZString.nullable(),
});
export type TEventPerson = z.infer<typeof ZEventPerson>;

export const ZEventSummary = z.object({
  id: z.uuid(),
  title: ZString,
  language: ZEventLanguage,
  category: ZEventCategory,
  tags: z.array(ZString),
  status: ZEventStatus,
  startsAt: ZDateTime,
  endsAt: ZDateTime,
  timeZone: ZString,
  capacity: z.number().int().nullable(),
  /** Confirmed registrations. */
  seatsTaken: z.number().int(),
  /** Null when there is no limit. */
  seatsLeft: z.number().int().nullable(),
  host: ZEventPerson,
  coHosts: z.array(ZEventPerson),
  /** The signed-in viewer's registration, null when none (or anonymous). */
  myRegistration: z.enum(['registered', 'waitlisted']).nullable(),
  /** Whether the host added a replay link (given only by the event's page, after the end). */
  hasReplay: z.boolean(),
});
export type TEventSummary = z.infer<typeof ZEventSummary>;

export const ZMyRegistration = z.object({
  status: z.enum(['registered', 'waitlisted']),
  /** 1 for the first in line; null when registered. */
  waitlistPosition: z.number().int().nullable(),
  registeredAt: ZDateTime,
  attendedAt: ZDateTime.nullable(),
});
export type TMyRegistration = z.infer<typeof ZMyRegistration>;

export const ZEvent = ZEventSummary.extend({
  description: ZString,
  waitlistCount: z.number().int(),
  createdAt: ZDateTime,
  updatedAt: ZDateTime,
  publishedAt: ZDateTime.nullable(),
  cancelledAt: ZDateTime.nullable(),
  /** The page of the event in the web app. */
  url: ZUrl,
  viewer: z.object({
    registration: ZMyRegistration.nullable(),
    /** Host, co-host or admin: may edit, see the registrations and always sees the stream. */
    canManage: z.boolean(),
    /** Whether a registration would be accepted now (signed-in state aside). */
    registrationOpen: z.boolean(),
  }),
  /**
   * Given only to registrants from 15 minutes before the start until the end, and to those who manage
   * the event; null for everyone else.
   */
  stream: ZStream.nullable(),
  /** After the end, to signed-in viewers, when the host added one. */
  replay: ZStream.nullable(),
  /** The links as the host entered them: only for those who manage the event. */
  links: z.object({ streamUrl: ZString.nullable(), replayUrl: ZString.nullable() }).nullable(),
});
export type TEvent = z.infer<typeof ZEvent>;

/**
 * Either a range for the month calendar (`from` and `to`, at most 62 days apart: events overlapping it),
 * or, without them, the upcoming list (events not yet ended). Both are keyset pages in start order.
 */
export const ZEventListQuery = z.object({
  from: ZDateTimeWithOffset.optional(),
  to: ZDateTimeWithOffset.optional(),
  category: ZEventCategory.optional(),
  /** A host or co-host. */
  host: z.uuid().optional(),
  cursor: ZLine.max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
export type TEventListQuery = z.infer<typeof ZEventListQuery>;

export const ZEventPage = z.object({
  items: z.array(ZEventSummary),
  nextCursor: ZString.nullable(),
});
export type TEventPage = z.infer<typeof ZEventPage>;

export const ZRegistrationResult = z.object({
  status: z.enum(['registered', 'waitlisted']),
  waitlistPosition: z.number().int().nullable(),
  registeredAt: ZDateTime,
});
export type TRegistrationResult = z.infer<typeof ZRegistrationResult>;

export const ZRegistrationListQuery = z.object({
  status: ZRegistrationStatus.default('registered'),
  cursor: ZLine.max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
  format: z.enum(['json', 'csv']).default('json'),
});

export const ZRegistration = z.object({
  id: z.uuid(),
  user: z.object({ id: z.uuid(), firstName: ZString, lastName: ZString, email: ZString }),
  status: ZRegistrationStatus,
  waitlistPosition: z.number().int().nullable(),
  registeredAt: ZDateTime,
  cancelledAt: ZDateTime.nullable(),
  attendedAt: ZDateTime.nullable(),
});
export type TRegistration = z.infer<typeof ZRegistration>;

export const ZRegistrationPage = z.object({
  items: z.array(ZRegistration),
  nextCursor: ZString.nullable(),
  counts: z.object({
    registered: z.number().int(),
    waitlisted: z.number().int(),
    cancelled: z.number().int(),
    attended: z.number().int(),
  }),
});
export type TRegistrationPage = z.infer<typeof ZRegistrationPage>;

export const ZAttendanceResult = z.object({
  /** False outside the event's time (the page may call before the start): nothing was recorded. */
  counted: z.boolean(),
  attendedAt: ZDateTime.nullable(),
});
export type TAttendanceResult = z.infer<typeof ZAttendanceResult>;

/** The personal calendar feed: a secret address that calendar apps subscribe to. */
export const ZCalendarFeed = z.object({
  url: ZUrl,
  /** The same address with the webcal: scheme, which opens the calendar app. */
  webcalUrl: ZString,
  createdAt: ZDateTime,
});
export type TCalendarFeed = z.infer<typeof ZCalendarFeed>;

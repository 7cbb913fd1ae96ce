import {
  EVENT_MAX_TAGS,
  type TEvent,
  type TUpdateEventBody,
  ZCreateEventBody,
  ZEventCategory,
  ZEventLanguage,
} from '@capitune/contracts';
import type { FieldNamesMarkedBoolean, Path } from 'react-hook-form';
import { z } from 'zod';
import { isApiError } from '../../../lib/api-error';
import { encodeMessage, serverFieldMessage } from '../../../lib/form-errors';
import { type EventFormValues, eventTimes, parseTags } from './event-form';

/*
 * The event editor's rules, and the way from its values to the API's body and back from the API's field
 * errors to its fields (the page is `routes/event-editor-page.tsx`).
 */

const TAG = /^[\p{L}\p{N}][\p{L}\p{N} _-]*$/u;
const field = ZCreateEventBody.shape;

/** The form's rules: the contract's fields, with strings where the controls give strings. */
export const ZEventForm = z.object({
  title: field.title,
  description: field.description.unwrap(),
  language: ZEventLanguage,
  category: ZEventCategory,
  tags: z.string().superRefine((value, context) => {
    const tags = parseTags(value);
    if (tags.length > EVENT_MAX_TAGS) {
      context.addIssue({
        code: 'custom',
        message: encodeMessage('live:editor.tagsTooMany', { max: EVENT_MAX_TAGS }),
      });
    } else if (tags.some((tag) => tag.length > 32 || !TAG.test(tag))) {
      context.addIssue({ code: 'custom', message: encodeMessage('live:editor.tagsInvalid') });
    }
  }),
  capacity: z
    .string()
    .trim()
    .refine(
      (value) => value === '' || (/^\d+$/.test(value) && Number(value) >= 1 && Number(value) <= 100_000),
      {
        message: encodeMessage('live:editor.capacityInvalid'),
      },
    ),
  streamUrl: z.string().trim().max(2000),
  replayUrl: z.string().trim().max(2000),
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  time: z.string().regex(/^\d{2}:\d{2}$/),
  durationMinutes: z.string().regex(/^\d+$/),
  timeZone: z.string().min(1),
});
export type EventFormOutput = z.output<typeof ZEventForm>;

/** The form fields, and where the API's field errors go (`body.startsAt` under the date…). */
const formFields = [
  'title',
  'description',
  'language',
  'category',
  'tags',
  'capacity',
  'streamUrl',
  'replayUrl',
  'date',
  'time',
  'durationMinutes',
  'timeZone',
] as const satisfies readonly Path<EventFormValues>[];
const apiFieldOf: Record<string, Path<EventFormValues>> = {
  'body.startsAt': 'date',
  'body.endsAt': 'durationMinutes',
};
/** API field codes with a message of their own (the others get the generic one). */
const knownFieldCodes = new Set([
  'in_past',
  'ends_before_start',
  'too_long',
  'required_to_publish',
  'invalid_time_zone',
]);

/** Puts the API's field errors under the fields (focusing the first); false when none applied. */
export function showServerErrors(
  error: unknown,
  setError: (
    name: Path<EventFormValues>,
    error: { type: string; message: string },
    options: { shouldFocus: boolean },
  ) => void,
): boolean {
  if (!isApiError(error)) return false;
  const done = new Set<string>();
  for (const fieldError of error.fieldErrors) {
    const target = apiFieldOf[fieldError.path] ?? fieldError.path.replace(/^body\./, '');
    if (!(formFields as readonly string[]).includes(target) || done.has(target)) continue;
    const message = knownFieldCodes.has(fieldError.code)
      ? encodeMessage(`live:editor.serverErrors.${fieldError.code}`)
      : serverFieldMessage(fieldError.code, error.code, error.detail);
    setError(target as Path<EventFormValues>, { type: 'server', message }, { shouldFocus: done.size === 0 });
    done.add(target);
  }
  return done.size > 0;
}

/** Every field of the API's body, from the form's checked values. */
export const toBodyFields = (values: EventFormOutput) => {
  const times = eventTimes(values);
  return {
    title: values.title,
    description: values.description,
    language: values.language,
    category: values.category,
    tags: parseTags(values.tags),
    capacity: values.capacity === '' ? null : Number(values.capacity),
    streamUrl: values.streamUrl === '' ? null : values.streamUrl,
    replayUrl: values.replayUrl === '' ? null : values.replayUrl,
    timeZone: values.timeZone,
    startsAt: times?.startsAt ?? '',
    endsAt: times?.endsAt ?? '',
  };
};

/**
 * The body of an update: only what changed (a co-host may not send some fields, and a started webinar's
 * start is fixed); `publish` makes a draft scheduled.
 */
export function changedFields(
  event: TEvent,
  output: EventFormOutput,
  dirty: Partial<Readonly<FieldNamesMarkedBoolean<EventFormValues>>>,
  publish: boolean,
): TUpdateEventBody {
  const fields = toBodyFields(output);
  const body: TUpdateEventBody = {};
  if (dirty.title) body.title = fields.title;
  if (dirty.description) body.description = fields.description;
  if (dirty.language) body.language = fields.language;
  if (dirty.category) body.category = fields.category;
  if (dirty.tags) body.tags = fields.tags;
  if (dirty.capacity) body.capacity = fields.capacity;
  if (dirty.streamUrl) body.streamUrl = fields.streamUrl;
  if (dirty.replayUrl) body.replayUrl = fields.replayUrl;
  const startMoved = Boolean(dirty.date || dirty.time || dirty.timeZone);
  if (startMoved) body.startsAt = fields.startsAt;
  if (startMoved) body.endsAt = fields.endsAt;
  else if (dirty.durationMinutes) {
    // The start as stored (it may hold seconds that the time control does not show).
    body.endsAt = new Date(
      Date.parse(event.startsAt) + Number(output.durationMinutes) * 60_000,
    ).toISOString();
  }
  if (dirty.timeZone) body.timeZone = fields.timeZone;
  if (publish) body.status = 'scheduled';
  return body;
}

import {
  EVENT_MAX_TAGS,
  eventCategories,
  eventLanguages,
  parseStreamLink,
  type TEvent,
  type TUpdateEventBody,
  ZCreateEventBody,
  ZEventCategory,
  ZEventLanguage,
} from '@capitune/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from '@tanstack/react-router';
import { type ReactNode, useMemo, useState } from 'react';
import { type Path, useForm, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { ServerErrorAlert } from '../../../components/forms/server-error-alert';
import { TimeZoneOptions } from '../../../components/forms/time-zone-options';
import { Alert } from '../../../components/ui/alert';
import { Button, ButtonLink } from '../../../components/ui/button';
import { Input } from '../../../components/ui/input';
import { Select } from '../../../components/ui/select';
import { Spinner } from '../../../components/ui/spinner';
import { SubmitButton } from '../../../components/ui/submit-button';
import { Textarea } from '../../../components/ui/textarea';
import { isApiError } from '../../../lib/api-error';
import { useSession } from '../../../lib/auth';
import { encodeMessage, serverFieldMessage, translateMessage } from '../../../lib/form-errors';
import { formResolver } from '../../../lib/form-resolver';
import { timeZoneGroups } from '../../../lib/time-zones';
import { usePageMeta } from '../../../lib/use-page-meta';
import { createEvent, getEvent, liveKeys, updateEvent } from '../api/live-api';
import { ConfirmDialog } from '../components/confirm-dialog';
import { EventDescription, EventFacts, EventHeading, type EventView } from '../components/event-details';
import { ChevronLeftIcon } from '../components/live-icons';
import {
  durationOptions,
  type EventFormValues,
  eventTimes,
  eventToValues,
  newEventValues,
  parseTags,
  sameInstantElsewhere,
} from '../lib/event-form';
import { describeZone, formatDateTimeShort, formatDuration } from '../lib/format-event';
import { useViewerTimeZone } from '../lib/use-viewer-time-zone';
import { isKnownTimeZone } from '../lib/zoned-time';

const TAG = /^[\p{L}\p{N}][\p{L}\p{N} _-]*$/u;
const field = ZCreateEventBody.shape;

/** The form's rules: the contract's fields, with strings where the controls give strings. */
const ZEventForm = z.object({
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
type EventFormOutput = z.output<typeof ZEventForm>;

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
function showServerErrors(
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

const toBodyFields = (values: EventFormOutput) => {
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

/** `/live/new`: a pro or an admin creates a webinar. */
export function NewEventPage() {
  const { t } = useTranslation('live');
  usePageMeta(t('editor.newTitle'));
  const { user } = useSession();
  const timeZone = useViewerTimeZone();
  const initial = useMemo(
    () => newEventValues(Date.now(), user?.timeZone ?? timeZone),
    [user?.timeZone, timeZone],
  );
  if (!user) return null;
  if (user.role === 'candidate')
    return <NotAllowed title={t('editor.newTitle')} body={t('editor.prosOnly')} />;
  if (!user.emailVerified) {
    return <NotAllowed title={t('editor.newTitle')} body={t('editor.verifyFirst')} />;
  }
  return <EventEditor mode="new" initial={initial} />;
}

/** `/live/:id/edit`: its hosts edit, publish or cancel a webinar. */
export function EditEventPage() {
  const { t } = useTranslation('live');
  const { id } = useParams({ from: '/live/$id/edit' });
  const event = useQuery({ queryKey: liveKeys.event(id), queryFn: ({ signal }) => getEvent(id, signal) });
  usePageMeta(event.data ? t('editor.editTitle', { title: event.data.title }) : t('editor.editShort'));
  if (event.isPending) {
    return (
      <div className="mx-auto max-w-7xl px-4 py-10 sm:px-6 lg:px-8">
        <Spinner label={t('loading')} />
      </div>
    );
  }
  if (event.isError) {
    return (
      <NotAllowed title={t('editor.editShort')}>
        <ServerErrorAlert error={event.error} />
      </NotAllowed>
    );
  }
  if (!event.data.viewer.canManage) {
    return <NotAllowed title={t('editor.editShort')} body={t('editor.hostsOnly')} />;
  }
  if (event.data.status === 'cancelled') {
    return <NotAllowed title={t('editor.editShort')} body={t('editor.cancelledNoEdit')} eventId={id} />;
  }
  return (
    <EventEditor
      key={event.data.updatedAt}
      mode="edit"
      initial={eventToValues(event.data)}
      event={event.data}
    />
  );
}

function NotAllowed({
  title,
  body,
  eventId,
  children,
}: {
  title: string;
  body?: string;
  eventId?: string;
  children?: ReactNode;
}) {
  const { t } = useTranslation('live');
  return (
    <div className="mx-auto max-w-3xl px-4 py-10 sm:px-6 sm:py-14 lg:px-8">
      <h1 className="font-bold text-3xl text-brand-950 tracking-tight sm:text-4xl">{title}</h1>
      {body && <p className="mt-3 text-lg text-slate-700">{body}</p>}
      {children && <div className="mt-6">{children}</div>}
      {eventId ? (
        <ButtonLink to="/live/$id" params={{ id: eventId }} variant="secondary" className="mt-6">
          {t('editor.backToEvent')}
        </ButtonLink>
      ) : (
        <ButtonLink to="/live" variant="secondary" className="mt-6">
          {t('event.back')}
        </ButtonLink>
      )}
    </div>
  );
}

type SaveIntent = 'draft' | 'publish' | 'save';

function EventEditor({
  mode,
  initial,
  event,
}: {
  mode: 'new' | 'edit';
  initial: EventFormValues;
  event?: TEvent;
}) {
  const { t, i18n } = useTranslation(['live', 'forms', 'common']);
  const language = i18n.language;
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { user } = useSession();
  const viewerZone = useViewerTimeZone();
  const [formError, setFormError] = useState<unknown>(null);
  const [intent, setIntent] = useState<SaveIntent | null>(null);

  const form = useForm<EventFormValues, unknown, EventFormOutput>({
    resolver: formResolver<EventFormValues, EventFormOutput>(ZEventForm),
    defaultValues: initial,
  });
  const { errors, dirtyFields } = form.formState;
  const fieldError = (name: keyof EventFormValues) => translateMessage(t, errors[name]?.message);
  const values = useWatch({ control: form.control }) as EventFormValues;

  const isDraft = mode === 'new' || event?.status === 'draft';
  const started = event !== undefined && Date.now() >= Date.parse(event.startsAt) && !isDraft;
  const zones = useMemo(() => timeZoneGroups(language, initial.timeZone), [language, initial.timeZone]);

  const save = useMutation({
    mutationFn: async ({ values: output, intent: how }: { values: EventFormOutput; intent: SaveIntent }) => {
      const fields = toBodyFields(output);
      if (mode === 'new') {
        return createEvent({ ...fields, status: how === 'publish' ? 'scheduled' : 'draft' });
      }
      if (!event) throw new Error('no event to update');
      // Only what changed: a co-host may not send some fields, and a started webinar's start is fixed.
      const body: TUpdateEventBody = {};
      const dirty = dirtyFields;
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
      if (how === 'publish') body.status = 'scheduled';
      return updateEvent(event.id, body);
    },
  });

  const cancelEvent = useMutation({
    mutationFn: () => {
      if (!event) throw new Error('no event to cancel');
      return updateEvent(event.id, { status: 'cancelled' });
    },
    onSuccess: async (updated) => {
      queryClient.setQueryData(liveKeys.event(updated.id), updated);
      await queryClient.invalidateQueries({ queryKey: liveKeys.all });
      await navigate({ to: '/live/$id', params: { id: updated.id } });
    },
  });

  const submit = (how: SaveIntent) =>
    form.handleSubmit(async (output) => {
      setFormError(null);
      setIntent(how);
      try {
        const saved = await save.mutateAsync({ values: output, intent: how });
        queryClient.setQueryData(liveKeys.event(saved.id), saved);
        await queryClient.invalidateQueries({ queryKey: liveKeys.all });
        await navigate({ to: '/live/$id', params: { id: saved.id } });
      } catch (error) {
        if (!showServerErrors(error, form.setError)) setFormError(error);
      }
    });

  const detected = values.streamUrl?.trim() ? parseStreamLink(values.streamUrl) : null;
  const elsewhere = isKnownTimeZone(values.timeZone ?? '') ? sameInstantElsewhere(values, viewerZone) : null;
  const times = eventTimes(values);
  const host = event?.host ?? {
    id: user?.id ?? '',
    firstName: user?.firstName ?? '',
    lastName: user?.lastName ?? '',
    organisation: user?.organisation?.name ?? null,
  };
  const preview: EventView | null = times
    ? {
        title: values.title ?? '',
        description: values.description ?? '',
        language: values.language ?? 'fr',
        category: values.category ?? '',
        tags: parseTags(values.tags ?? ''),
        startsAt: times.startsAt,
        endsAt: times.endsAt,
        timeZone: values.timeZone,
        status: event?.status === 'draft' || mode === 'new' ? 'draft' : 'scheduled',
        capacity: /^\d+$/.test(values.capacity ?? '') ? Number(values.capacity) : null,
        seatsLeft: /^\d+$/.test(values.capacity ?? '')
          ? Math.max(0, Number(values.capacity) - (event?.seatsTaken ?? 0))
          : null,
        host,
        coHosts: event?.coHosts ?? [],
      }
    : null;
  const isOwner =
    user !== null && (user.role === 'admin' || (event !== undefined && event.host.id === user.id));
  const pageTitle =
    mode === 'new' ? t('editor.newTitle') : t('editor.editTitle', { title: event?.title ?? '' });

  return (
    <div className="mx-auto max-w-7xl px-4 py-8 sm:px-6 sm:py-12 lg:px-8">
      {event ? (
        <Link
          to="/live/$id"
          params={{ id: event.id }}
          className="inline-flex min-h-11 items-center gap-1 rounded-lg font-medium text-brand-800 no-underline hover:underline"
        >
          <ChevronLeftIcon />
          {t('editor.backToEvent')}
        </Link>
      ) : (
        <Link
          to="/live"
          className="inline-flex min-h-11 items-center gap-1 rounded-lg font-medium text-brand-800 no-underline hover:underline"
        >
          <ChevronLeftIcon />
          {t('event.back')}
        </Link>
      )}
      <h1 className="mt-2 break-words font-bold text-3xl text-brand-950 tracking-tight sm:text-4xl">
        {pageTitle}
      </h1>
      <p className="mt-3 max-w-2xl text-lg text-slate-700">
        {t(mode === 'new' ? 'editor.newIntro' : 'editor.editIntro')}
      </p>

      <div className="mt-8 grid gap-8 lg:grid-cols-[minmax(0,1fr)_minmax(0,26rem)]">
        <form
          noValidate
          onSubmit={submit(isDraft ? 'draft' : 'save')}
          className="flex min-w-0 flex-col gap-6 rounded-2xl bg-white p-5 shadow-sm ring-1 ring-slate-200 sm:p-8"
        >
          <p className="text-slate-600 text-sm">{t('forms:requiredLegend')}</p>
          <Input
            label={t('editor.fields.title')}
            required
            error={fieldError('title')}
            {...form.register('title')}
          />
          <Textarea
            label={t('editor.fields.description')}
            hint={t('editor.fields.descriptionHint')}
            rows={6}
            error={fieldError('description')}
            {...form.register('description')}
          />
          <div className="grid gap-5 sm:grid-cols-2">
            <Select
              label={t('editor.fields.language')}
              required
              error={fieldError('language')}
              {...form.register('language')}
            >
              {eventLanguages.map((value) => (
                <option key={value} value={value}>
                  {t(`languages.${value}`)}
                </option>
              ))}
            </Select>
            <Select
              label={t('editor.fields.category')}
              required
              error={fieldError('category')}
              {...form.register('category')}
            >
              <option value="">{t('editor.fields.choose')}</option>
              {eventCategories.map((value) => (
                <option key={value} value={value}>
                  {t(`categories.${value}`)}
                </option>
              ))}
            </Select>
          </div>
          <div className="grid gap-5 sm:grid-cols-2">
            <Input
              label={t('editor.fields.tags')}
              hint={t('editor.fields.tagsHint', { max: EVENT_MAX_TAGS })}
              error={fieldError('tags')}
              {...form.register('tags')}
            />
            <Input
              label={t('editor.fields.capacity')}
              hint={t('editor.fields.capacityHint')}
              type="number"
              inputMode="numeric"
              min={1}
              max={100000}
              error={fieldError('capacity')}
              disabled={started && Date.now() >= Date.parse(event?.endsAt ?? '')}
              {...form.register('capacity')}
            />
          </div>

          <fieldset className="flex flex-col gap-5 rounded-xl bg-slate-50 p-4 ring-1 ring-slate-200 ring-inset">
            <legend className="float-left mb-1 w-full font-semibold text-brand-950 text-lg">
              {t('editor.when')}
            </legend>
            {started && (
              <Alert tone="info" live={false}>
                {t('editor.startedNotice')}
              </Alert>
            )}
            <div className="grid gap-5 sm:grid-cols-2">
              <Input
                label={t('editor.fields.date')}
                type="date"
                required
                disabled={started}
                error={fieldError('date')}
                {...form.register('date')}
              />
              <Input
                label={t('editor.fields.time')}
                type="time"
                required
                disabled={started}
                error={fieldError('time')}
                {...form.register('time')}
              />
            </div>
            <div className="grid gap-5 sm:grid-cols-2">
              <Select
                label={t('editor.fields.duration')}
                required
                error={fieldError('durationMinutes')}
                {...form.register('durationMinutes')}
              >
                {durationOptions(initial.durationMinutes).map((minutes) => (
                  <option key={minutes} value={String(minutes)}>
                    {formatDuration(minutes, language)}
                  </option>
                ))}
              </Select>
              <Select
                label={t('editor.fields.timeZone')}
                hint={t('editor.fields.timeZoneHint')}
                required
                disabled={started}
                error={fieldError('timeZone')}
                {...form.register('timeZone')}
              >
                <TimeZoneOptions groups={zones} />
              </Select>
            </div>
            <p role="status" className="text-slate-800 text-sm">
              {elsewhere && times
                ? values.timeZone === viewerZone
                  ? t('editor.sameZone', {
                      time: formatDateTimeShort(times.startsAt, language, viewerZone),
                      zone: describeZone(times.startsAt, viewerZone, language),
                    })
                  : t('editor.inYourZone', {
                      time: formatDateTimeShort(times.startsAt, language, viewerZone),
                      zone: describeZone(times.startsAt, viewerZone, language),
                    })
                : ''}
            </p>
          </fieldset>

          <fieldset className="flex flex-col gap-5">
            <legend className="float-left mb-1 w-full font-semibold text-brand-950 text-lg">
              {t('editor.links')}
            </legend>
            <div className="flex flex-col gap-1.5">
              <Input
                label={t('editor.fields.streamUrl')}
                hint={t('editor.fields.streamUrlHint')}
                type="url"
                inputMode="url"
                autoComplete="off"
                spellCheck={false}
                error={fieldError('streamUrl')}
                disabled={started && Date.now() >= Date.parse(event?.endsAt ?? '')}
                {...form.register('streamUrl')}
              />
              <p className="text-slate-700 text-sm" aria-live="polite">
                {detected
                  ? t(detected.kind === 'embed' ? 'editor.detectedEmbed' : 'editor.detectedJoin', {
                      provider: t(`providers.${detected.provider}`),
                    })
                  : ''}
              </p>
            </div>
            <Input
              label={t('editor.fields.replayUrl')}
              hint={t('editor.fields.replayUrlHint')}
              type="url"
              inputMode="url"
              autoComplete="off"
              spellCheck={false}
              error={fieldError('replayUrl')}
              {...form.register('replayUrl')}
            />
          </fieldset>

          <ServerErrorAlert error={formError} />
          <div className="flex flex-col gap-3 border-slate-200 border-t pt-5 sm:flex-row sm:flex-wrap">
            {isDraft ? (
              <>
                <SubmitButton
                  pending={save.isPending && intent === 'draft'}
                  disabled={save.isPending}
                  variant="secondary"
                >
                  {t('editor.saveDraft')}
                </SubmitButton>
                <Button
                  disabled={save.isPending}
                  aria-busy={(save.isPending && intent === 'publish') || undefined}
                  onClick={() => void submit('publish')()}
                >
                  {t('editor.publish')}
                </Button>
              </>
            ) : (
              <SubmitButton pending={save.isPending} disabled={save.isPending}>
                {t('editor.saveChanges')}
              </SubmitButton>
            )}
          </div>
          {isDraft && <p className="-mt-3 text-slate-600 text-sm">{t('editor.publishHint')}</p>}
        </form>

        <div className="flex min-w-0 flex-col gap-6 lg:sticky lg:top-24 lg:self-start">
          <section
            aria-labelledby="preview-title"
            className="rounded-2xl bg-white p-5 shadow-sm ring-1 ring-slate-200 sm:p-6"
          >
            <h2 id="preview-title" className="font-semibold text-slate-600 text-sm uppercase tracking-wide">
              {t('editor.preview')}
            </h2>
            <div className="mt-4 flex flex-col gap-5">
              {preview ? (
                <>
                  <EventHeading event={preview} viewerTimeZone={viewerZone} level={2} />
                  <EventDescription description={preview.description} />
                  <EventFacts event={preview} />
                </>
              ) : (
                <p className="text-slate-700">{t('editor.previewIncomplete')}</p>
              )}
            </div>
          </section>
          {event && isOwner && event.status !== 'cancelled' && !started && (
            <section
              aria-labelledby="cancel-event-title"
              className="rounded-2xl bg-white p-5 shadow-sm ring-1 ring-slate-200"
            >
              <h2 id="cancel-event-title" className="font-semibold text-brand-950 text-lg">
                {t('editor.cancelTitle')}
              </h2>
              <p className="mt-1 text-slate-700 text-sm">
                {t(event.status === 'draft' ? 'editor.cancelDraftIntro' : 'editor.cancelIntro', {
                  count: event.seatsTaken + event.waitlistCount,
                })}
              </p>
              <div className="mt-3">
                <ConfirmDialog
                  trigger={t('editor.cancelEvent')}
                  title={t('editor.cancelConfirmTitle')}
                  description={t('editor.cancelConfirmBody')}
                  confirmLabel={t('editor.cancelConfirm')}
                  pending={cancelEvent.isPending}
                  error={cancelEvent.error}
                  onConfirm={() => cancelEvent.mutateAsync()}
                  danger
                />
              </div>
            </section>
          )}
        </div>
      </div>
    </div>
  );
}

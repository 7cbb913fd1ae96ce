import { EVENT_MAX_TAGS, eventCategories, eventLanguages, parseStreamLink } from '@capitune/contracts';
import { useMemo } from 'react';
import type { UseFormReturn } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { TimeZoneOptions } from '../../../components/forms/time-zone-options';
import { Alert } from '../../../components/ui/alert';
import { Input } from '../../../components/ui/input';
import { Select } from '../../../components/ui/select';
import { Textarea } from '../../../components/ui/textarea';
import { translateMessage } from '../../../lib/form-errors';
import { timeZoneGroups } from '../../../lib/time-zones';
import type { EventFormOutput } from '../lib/event-editor-form';
import { durationOptions, type EventFormValues, eventTimes, sameInstantElsewhere } from '../lib/event-form';
import { describeZone, formatDateTimeShort, formatDuration } from '../lib/format-event';
import { isKnownTimeZone } from '../lib/zoned-time';

/*
 * The event editor's fields, in three groups: what it is about, when, and its links. The form itself
 * (submit, buttons, errors) is `routes/event-editor-page.tsx`.
 */

type EventForm = UseFormReturn<EventFormValues, unknown, EventFormOutput>;

function useFieldError(form: EventForm) {
  const { t } = useTranslation(['live', 'forms', 'common']);
  const { errors } = form.formState;
  return (name: keyof EventFormValues) => translateMessage(t, errors[name]?.message);
}

/** Title, description, language, category, tags, capacity. */
export function EventAboutFields({ form, ended }: { form: EventForm; ended: boolean }) {
  const { t } = useTranslation('live');
  const fieldError = useFieldError(form);
  return (
    <>
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
          disabled={ended}
          {...form.register('capacity')}
        />
      </div>
    </>
  );
}

/** Date, time, length and zone; the start in the viewer's zone too. A started webinar's start is fixed. */
export function EventWhenFields({
  form,
  values,
  initial,
  started,
  viewerZone,
}: {
  form: EventForm;
  values: EventFormValues;
  initial: EventFormValues;
  started: boolean;
  viewerZone: string;
}) {
  const { t, i18n } = useTranslation('live');
  const language = i18n.language;
  const fieldError = useFieldError(form);
  const zones = useMemo(() => timeZoneGroups(language, initial.timeZone), [language, initial.timeZone]);
  const elsewhere = isKnownTimeZone(values.timeZone ?? '') ? sameInstantElsewhere(values, viewerZone) : null;
  const times = eventTimes(values);
  const inViewerZone = times && {
    time: formatDateTimeShort(times.startsAt, language, viewerZone),
    zone: describeZone(times.startsAt, viewerZone, language),
  };

  return (
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
        {elsewhere && inViewerZone
          ? t(values.timeZone === viewerZone ? 'editor.sameZone' : 'editor.inYourZone', inViewerZone)
          : ''}
      </p>
    </fieldset>
  );
}

/** The stream link (with the provider it was recognised as) and the replay link. */
export function EventLinkFields({
  form,
  streamUrl,
  ended,
}: {
  form: EventForm;
  streamUrl: string | undefined;
  ended: boolean;
}) {
  const { t } = useTranslation('live');
  const fieldError = useFieldError(form);
  const detected = streamUrl?.trim() ? parseStreamLink(streamUrl) : null;
  return (
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
          disabled={ended}
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
  );
}

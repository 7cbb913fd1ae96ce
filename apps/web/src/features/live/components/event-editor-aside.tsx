import type { TEvent, TMe } from '@capitune/contracts';
import { useNavigate } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { Button } from '../../../components/ui/button';
import { ConfirmDialog } from '../../../components/ui/confirm-dialog';
import { useUpdateEvent } from '../api/save-event';
import { type EventFormValues, eventTimes, parseTags } from '../lib/event-form';
import { EventDescription, EventFacts, EventHeading, type EventView } from './event-details';

/** The event as it will show, from what the form holds now (null while the date or time is incomplete). */
export function previewOf(
  values: EventFormValues,
  event: TEvent | undefined,
  user: TMe | null,
  isNew: boolean,
): EventView | null {
  const times = eventTimes(values);
  if (!times) return null;
  const host = event?.host ?? {
    id: user?.id ?? '',
    firstName: user?.firstName ?? '',
    lastName: user?.lastName ?? '',
    organisation: user?.organisation?.name ?? null,
  };
  const capacity = /^\d+$/.test(values.capacity ?? '') ? Number(values.capacity) : null;
  return {
    title: values.title ?? '',
    description: values.description ?? '',
    language: values.language ?? 'fr',
    category: values.category ?? '',
    tags: parseTags(values.tags ?? ''),
    startsAt: times.startsAt,
    endsAt: times.endsAt,
    timeZone: values.timeZone,
    status: event?.status === 'draft' || isNew ? 'draft' : 'scheduled',
    capacity,
    seatsLeft: capacity === null ? null : Math.max(0, capacity - (event?.seatsTaken ?? 0)),
    host,
    coHosts: event?.coHosts ?? [],
  };
}

/** The live preview beside the form. */
export function EventPreview({ preview, viewerZone }: { preview: EventView | null; viewerZone: string }) {
  const { t } = useTranslation('live');
  return (
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
  );
}

/** For its owner (or an admin): cancel the webinar; the registrants are told. */
export function CancelEventSection({ event }: { event: TEvent }) {
  const { t } = useTranslation('live');
  const navigate = useNavigate();
  const cancel = useUpdateEvent(event.id);

  async function confirm() {
    const updated = await cancel.mutateAsync({ status: 'cancelled' });
    await navigate({ to: '/live/$id', params: { id: updated.id } });
  }

  return (
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
          trigger={<Button variant="secondary">{t('editor.cancelEvent')}</Button>}
          title={t('editor.cancelConfirmTitle')}
          description={t('editor.cancelConfirmBody')}
          confirmLabel={t('editor.cancelConfirm')}
          cancelLabel={t('confirm.back')}
          onConfirm={confirm}
        />
      </div>
    </section>
  );
}

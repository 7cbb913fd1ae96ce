import type { TEvent } from '@capitune/contracts';
import { Link, useNavigate, useParams } from '@tanstack/react-router';
import { type ReactNode, useMemo, useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { ServerErrorAlert } from '../../../components/forms/server-error-alert';
import { Button, ButtonLink } from '../../../components/ui/button';
import { Spinner } from '../../../components/ui/spinner';
import { SubmitButton } from '../../../components/ui/submit-button';
import { useSession } from '../../../lib/auth';
import { formResolver } from '../../../lib/form-resolver';
import { usePageMeta } from '../../../lib/use-page-meta';
import { useEvent } from '../api/get-event';
import { useCreateEvent, useUpdateEvent } from '../api/save-event';
import { CancelEventSection, EventPreview, previewOf } from '../components/event-editor-aside';
import { EventAboutFields, EventLinkFields, EventWhenFields } from '../components/event-editor-fields';
import { ChevronLeftIcon } from '../components/live-icons';
import {
  changedFields,
  type EventFormOutput,
  showServerErrors,
  toBodyFields,
  ZEventForm,
} from '../lib/event-editor-form';
import { type EventFormValues, eventToValues, newEventValues } from '../lib/event-form';
import { useViewerTimeZone } from '../lib/use-viewer-time-zone';

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
  const event = useEvent(id);
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

/** The form of a new or an existing webinar, with its live preview (and, for its owner, the way to cancel it). */
function EventEditor({
  mode,
  initial,
  event,
}: {
  mode: 'new' | 'edit';
  initial: EventFormValues;
  event?: TEvent;
}) {
  const { t } = useTranslation(['live', 'forms', 'common']);
  const navigate = useNavigate();
  const { user } = useSession();
  const viewerZone = useViewerTimeZone();
  const [formError, setFormError] = useState<unknown>(null);
  const [intent, setIntent] = useState<SaveIntent | null>(null);
  const create = useCreateEvent();
  const update = useUpdateEvent(event?.id ?? '');
  const saving = create.isPending || update.isPending;

  const form = useForm<EventFormValues, unknown, EventFormOutput>({
    resolver: formResolver<EventFormValues, EventFormOutput>(ZEventForm),
    defaultValues: initial,
  });
  // Read while rendering, so that the form keeps track of them.
  const { dirtyFields } = form.formState;
  const values = useWatch({ control: form.control }) as EventFormValues;

  const isDraft = mode === 'new' || event?.status === 'draft';
  const started = event !== undefined && Date.now() >= Date.parse(event.startsAt) && !isDraft;
  const ended = started && Date.now() >= Date.parse(event?.endsAt ?? '');

  /** Creates the event, or sends what changed; the cache is updated by the hooks, then its page opens. */
  const save = (output: EventFormOutput, how: SaveIntent) =>
    event
      ? update.mutateAsync(changedFields(event, output, dirtyFields, how === 'publish'))
      : create.mutateAsync({ ...toBodyFields(output), status: how === 'publish' ? 'scheduled' : 'draft' });

  const submit = (how: SaveIntent) =>
    form.handleSubmit(async (output) => {
      setFormError(null);
      setIntent(how);
      try {
        const saved = await save(output, how);
        await navigate({ to: '/live/$id', params: { id: saved.id } });
      } catch (error) {
        if (!showServerErrors(error, form.setError)) setFormError(error);
      }
    });

  const isOwner =
    user !== null && (user.role === 'admin' || (event !== undefined && event.host.id === user.id));
  const pageTitle =
    mode === 'new' ? t('editor.newTitle') : t('editor.editTitle', { title: event?.title ?? '' });

  return (
    <div className="mx-auto max-w-7xl px-4 py-8 sm:px-6 sm:py-12 lg:px-8">
      <BackLink eventId={event?.id} />
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
          <EventAboutFields form={form} ended={ended} />
          <EventWhenFields
            form={form}
            values={values}
            initial={initial}
            started={started}
            viewerZone={viewerZone}
          />
          <EventLinkFields form={form} streamUrl={values.streamUrl} ended={ended} />

          <ServerErrorAlert error={formError} />
          <div className="flex flex-col gap-3 border-slate-200 border-t pt-5 sm:flex-row sm:flex-wrap">
            {isDraft ? (
              <>
                <SubmitButton pending={saving && intent === 'draft'} disabled={saving} variant="secondary">
                  {t('editor.saveDraft')}
                </SubmitButton>
                <Button
                  disabled={saving}
                  aria-busy={(saving && intent === 'publish') || undefined}
                  onClick={() => void submit('publish')()}
                >
                  {t('editor.publish')}
                </Button>
              </>
            ) : (
              <SubmitButton pending={saving} disabled={saving}>
                {t('editor.saveChanges')}
              </SubmitButton>
            )}
          </div>
          {isDraft && <p className="-mt-3 text-slate-600 text-sm">{t('editor.publishHint')}</p>}
        </form>

        <div className="flex min-w-0 flex-col gap-6 lg:sticky lg:top-24 lg:self-start">
          <EventPreview preview={previewOf(values, event, user, mode === 'new')} viewerZone={viewerZone} />
          {event && isOwner && event.status !== 'cancelled' && !started && (
            <CancelEventSection event={event} />
          )}
        </div>
      </div>
    </div>
  );
}

function BackLink({ eventId }: { eventId: string | undefined }) {
  const { t } = useTranslation('live');
  const className =
    'inline-flex min-h-11 items-center gap-1 rounded-lg font-medium text-brand-800 no-underline hover:underline';
  return eventId ? (
    <Link to="/live/$id" params={{ id: eventId }} className={className}>
      <ChevronLeftIcon />
      {t('editor.backToEvent')}
    </Link>
  ) : (
    <Link to="/live" className={className}>
      <ChevronLeftIcon />
      {t('event.back')}
    </Link>
  );
}

import { type TIncident, ZIncidentEntryKind } from '@capitune/contracts';
import { Link, useParams } from '@tanstack/react-router';
import { type FormEvent, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SaveStatus } from '../../../components/forms/save-status';
import { ServerErrorAlert } from '../../../components/forms/server-error-alert';
import { Alert } from '../../../components/ui/alert';
import { Button } from '../../../components/ui/button';
import { Input } from '../../../components/ui/input';
import { Select } from '../../../components/ui/select';
import { Spinner } from '../../../components/ui/spinner';
import { SubmitButton } from '../../../components/ui/submit-button';
import { Textarea } from '../../../components/ui/textarea';
import { isApiError } from '../../../lib/api-error';
import { usePageMeta } from '../../../lib/use-page-meta';
import { useAddIncidentEntry } from '../api/add-incident-entry';
import { useIncident } from '../api/get-incident';
import { useUpdateIncident } from '../api/update-incident';
import { AdminGate } from '../components/admin-gate';
import { AdminNav } from '../components/admin-nav';
import { IncidentBadges, missingNotices } from '../components/incident-badges';
import { IncidentForm, serverFieldErrors } from '../components/incident-form';
import { fromLocalInput, toLocalInput } from '../components/privacy-format';
import { useAdminFormatters } from '../components/user-formatters';

export function PrivacyIncidentPage() {
  return (
    <AdminGate>
      <IncidentDetail />
    </AdminGate>
  );
}

const card = 'rounded-2xl bg-white p-4 shadow-sm ring-1 ring-slate-200 sm:p-6';

/** `/admin/privacy/incidents/$id`: an incident's dates, facts, dated log, and the form of a new entry. */
function IncidentDetail() {
  const { t } = useTranslation('admin-privacy');
  const { id } = useParams({ from: '/admin/privacy/incidents/$id' });
  const incident = useIncident(id);
  usePageMeta(
    incident.data ? t('incident.metaTitle', { title: incident.data.title }) : t('incident.metaTitleDefault'),
  );

  return (
    <div className="mx-auto max-w-5xl px-4 py-10 sm:px-6 sm:py-14">
      <AdminNav />
      <Link
        to="/admin/privacy/incidents"
        className="mt-6 inline-block font-medium text-brand-800 underline-offset-4 hover:underline"
      >
        ← {t('incident.back')}
      </Link>
      {incident.isPending && (
        <>
          <h1 className="sr-only">{t('incident.metaTitleDefault')}</h1>
          <Spinner label={t('incident.loading')} className="mt-6" />
        </>
      )}
      {incident.isError && (
        <>
          <h1 className="mt-4 font-bold text-3xl text-brand-950 tracking-tight">
            {t('incident.metaTitleDefault')}
          </h1>
          {isApiError(incident.error) && incident.error.status === 404 ? (
            <p className="mt-4 text-lg text-slate-700">{t('incident.notFound')}</p>
          ) : (
            <ServerErrorAlert error={incident.error} className="mt-6" />
          )}
        </>
      )}
      {incident.data && <IncidentView incident={incident.data} />}
    </div>
  );
}

function IncidentView({ incident }: { incident: TIncident }) {
  const { t } = useTranslation('admin-privacy');
  return (
    <>
      <div className="mt-4 flex flex-wrap items-center gap-3">
        <h1 className="min-w-0 break-words font-bold text-3xl text-brand-950 tracking-tight sm:text-4xl">
          {incident.title}
        </h1>
        <IncidentBadges incident={incident} />
      </div>
      <p className="mt-2 text-lg text-slate-700">{t(`kind.${incident.kind}`)}</p>
      <NoticeReminder incident={incident} />
      <div className="mt-8 grid gap-8 lg:grid-cols-[1fr_22rem]">
        <div className="flex min-w-0 flex-col gap-8">
          <Facts key={incident.lastEntryAt} incident={incident} />
          <Entries incident={incident} />
        </div>
        <div className="flex min-w-0 flex-col gap-8">
          <Dates incident={incident} />
          <AddEntry incident={incident} />
        </div>
      </div>
    </>
  );
}

/** Law 25 (s. 3.5) and PIPEDA (s. 10.1) require prompt notices when the risk of serious injury is real. */
function NoticeReminder({ incident }: { incident: TIncident }) {
  const { t, i18n } = useTranslation('admin-privacy');
  const missing = missingNotices(incident);
  if (missing.length === 0) return null;
  const list = new Intl.ListFormat(i18n.resolvedLanguage ?? i18n.language, {
    style: 'long',
    type: 'conjunction',
  }).format(missing.map((notice) => t(`incident.reminder.${notice}`)));
  return (
    <Alert tone="warning" live={false} title={t('incident.reminder.title')} className="mt-6">
      <p className="mt-1">{t('incident.reminder.body', { missing: list })}</p>
    </Alert>
  );
}

function Dates({ incident }: { incident: TIncident }) {
  const { t } = useTranslation('admin-privacy');
  const { moment, day } = useAdminFormatters();
  const headingId = useId();
  const rows: [string, string][] = [
    [t('incident.dates.discovered'), moment(incident.discoveredAt)],
    [
      t('incident.dates.occurred'),
      incident.occurredAt ? moment(incident.occurredAt) : t('incident.dates.unknown'),
    ],
    [
      t('incident.dates.peopleNotified'),
      incident.peopleNotifiedAt ? moment(incident.peopleNotifiedAt) : t('incident.dates.notYet'),
    ],
    [
      t('incident.dates.caiNotified'),
      incident.caiNotifiedAt ? moment(incident.caiNotifiedAt) : t('incident.dates.notYet'),
    ],
    [
      t('incident.dates.opcNotified'),
      incident.opcNotifiedAt ? moment(incident.opcNotifiedAt) : t('incident.dates.notYet'),
    ],
    [t('incident.dates.lastEntry'), moment(incident.lastEntryAt)],
  ];
  return (
    <section aria-labelledby={headingId} className={card}>
      <h2 id={headingId} className="font-semibold text-slate-900 text-xl">
        {t('incident.dates.title')}
      </h2>
      <dl className="mt-4 flex flex-col gap-3 text-sm">
        {rows.map(([label, value]) => (
          <div key={label}>
            <dt className="text-slate-600">{label}</dt>
            <dd className="font-medium text-slate-900">{value}</dd>
          </div>
        ))}
        <div>
          <dt className="text-slate-600">{t('incident.dates.keepUntil')}</dt>
          <dd className="font-medium text-slate-900">{day(incident.keepUntil)}</dd>
          <dd className="mt-1 text-slate-600">{t('incident.dates.keepUntilHint')}</dd>
        </div>
      </dl>
    </section>
  );
}

function Facts({ incident }: { incident: TIncident }) {
  const { t } = useTranslation('admin-privacy');
  const headingId = useId();
  const editButton = useRef<HTMLButtonElement>(null);
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState(false);
  const update = useUpdateIncident(incident.id, {
    onSuccess: () => {
      setEditing(false);
      setSaved(true);
      requestAnimationFrame(() => editButton.current?.focus());
    },
  });
  const none = t('incident.facts.none');
  const rows: [string, string][] = [
    [t('fields.description'), incident.description],
    [
      t('fields.affectedDescription'),
      incident.affectedCount === null
        ? incident.affectedDescription
        : `${incident.affectedDescription} (${t('incidents.list.affected', { count: incident.affectedCount })})`,
    ],
    [t('fields.dataConcerned'), incident.dataConcerned],
    [t('fields.risk'), t(`risk.${incident.risk}`)],
    [t('fields.riskAssessment'), incident.riskAssessment ?? none],
    [t('fields.measures'), incident.measures ?? none],
  ];

  return (
    <section aria-labelledby={headingId} className={card}>
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h2 id={headingId} className="font-semibold text-slate-900 text-xl">
          {t('incident.facts.title')}
        </h2>
        {!editing && (
          <Button
            ref={editButton}
            variant="secondary"
            size="sm"
            onClick={() => {
              setSaved(false);
              setEditing(true);
            }}
          >
            {t('incident.facts.edit')}
          </Button>
        )}
      </div>
      {editing ? (
        <div className="mt-4">
          <IncidentForm
            incident={incident}
            pending={update.isPending}
            error={update.error}
            onSubmit={(body) => update.mutate(body)}
            actions={
              <>
                <SubmitButton pending={update.isPending}>{t('incident.facts.save')}</SubmitButton>
                <Button
                  variant="ghost"
                  onClick={() => {
                    setEditing(false);
                    requestAnimationFrame(() => editButton.current?.focus());
                  }}
                >
                  {t('incident.facts.cancel')}
                </Button>
              </>
            }
          />
        </div>
      ) : (
        <dl className="mt-4 flex flex-col gap-3">
          {rows.map(([label, value]) => (
            <div key={label}>
              <dt className="text-slate-600 text-sm">{label}</dt>
              <dd className="whitespace-pre-wrap break-words text-slate-900">{value}</dd>
            </div>
          ))}
        </dl>
      )}
      <SaveStatus message={saved ? t('incident.facts.saved') : null} />
    </section>
  );
}

function Entries({ incident }: { incident: TIncident }) {
  const { t } = useTranslation('admin-privacy');
  const { moment } = useAdminFormatters();
  const headingId = useId();
  // Oldest first: the incident's story, in the order it happened.
  const entries = [...incident.entries].sort((a, b) => a.occurredAt.localeCompare(b.occurredAt));
  return (
    <section aria-labelledby={headingId} className={card}>
      <h2 id={headingId} className="font-semibold text-slate-900 text-xl">
        {t('incident.entries.title')}
      </h2>
      {entries.length === 0 ? (
        <p className="mt-4 text-slate-700">{t('incident.entries.empty')}</p>
      ) : (
        <ol className="mt-4 flex flex-col gap-4 border-slate-200 border-s-2 ps-4">
          {entries.map((entry) => (
            <li key={entry.id}>
              <p className="font-semibold text-slate-900">
                <time dateTime={entry.occurredAt}>{moment(entry.occurredAt)}</time> ·{' '}
                {t(`entryKind.${entry.kind}`)}
              </p>
              <p className="mt-1 whitespace-pre-wrap break-words text-slate-900">{entry.note}</p>
              <p className="mt-1 text-slate-600 text-sm">
                {entry.author
                  ? t('incident.entries.recorded', { date: moment(entry.createdAt), name: entry.author.name })
                  : t('incident.entries.recordedBySystem', { date: moment(entry.createdAt) })}
              </p>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

const NOTE_MAX = 10_000;

function AddEntry({ incident }: { incident: TIncident }) {
  const { t } = useTranslation(['admin-privacy', 'forms']);
  const headingId = useId();
  const [kind, setKind] = useState<(typeof ZIncidentEntryKind.options)[number]>('note');
  const [note, setNote] = useState('');
  const [when, setWhen] = useState(() => toLocalInput(new Date().toISOString()));
  const [errors, setErrors] = useState<{ note?: string; when?: string }>({});
  const [added, setAdded] = useState(false);
  const noteField = useRef<HTMLTextAreaElement>(null);
  const whenField = useRef<HTMLInputElement>(null);
  const add = useAddIncidentEntry(incident.id, {
    onSuccess: () => {
      setNote('');
      setKind('note');
      setWhen(toLocalInput(new Date().toISOString()));
      setAdded(true);
    },
  });
  // Closing an open incident, or reopening a closed one; the other is not offered.
  const kinds = ZIncidentEntryKind.options.filter((value) =>
    incident.status === 'open' ? value !== 'reopened' : value !== 'closed',
  );
  const chosen = kinds.includes(kind) ? kind : 'note';
  // The API refuses a date ahead of now: said under the field.
  const serverDates = serverFieldErrors(t, add.error, ['occurredAt'] as const);

  function submit(event: FormEvent) {
    event.preventDefault();
    setAdded(false);
    const text = note.trim();
    const found: typeof errors = {};
    if (!text) found.note = t('forms:validation.required');
    else if (text.length < 3) found.note = t('forms:validation.tooShort', { count: 3 });
    else if (text.length > NOTE_MAX) found.note = t('forms:validation.tooLong', { count: NOTE_MAX });
    const occurredAt = when ? fromLocalInput(when) : undefined;
    if (when && !occurredAt) found.when = t('admin-privacy:validation.dateInvalid');
    setErrors(found);
    if (found.note) return noteField.current?.focus();
    if (found.when) return whenField.current?.focus();
    add.mutate({ kind: chosen, note: text, ...(occurredAt ? { occurredAt } : {}) });
  }

  return (
    <section aria-labelledby={headingId} className={card}>
      <h2 id={headingId} className="font-semibold text-slate-900 text-xl">
        {t('incident.entry.title')}
      </h2>
      <p className="mt-1 text-slate-700 text-sm">{t('incident.entry.intro')}</p>
      <form noValidate onSubmit={submit} className="mt-4 flex flex-col gap-4">
        <Select
          label={t('incident.entry.kind')}
          value={chosen}
          onChange={(event) => setKind(event.target.value as typeof kind)}
        >
          {kinds.map((value) => (
            <option key={value} value={value}>
              {t(`entryKind.${value}`)}
            </option>
          ))}
        </Select>
        <Input
          ref={whenField}
          label={t('incident.entry.occurredAt')}
          hint={t('incident.entry.occurredAtHint')}
          type="datetime-local"
          value={when}
          error={errors.when ?? serverDates.occurredAt}
          onChange={(event) => {
            setWhen(event.target.value);
            setErrors((previous) => ({ ...previous, when: undefined }));
          }}
        />
        <Textarea
          ref={noteField}
          label={t('incident.entry.note')}
          hint={t('incident.entry.noteHint')}
          required
          rows={4}
          value={note}
          error={errors.note}
          onChange={(event) => {
            setNote(event.target.value);
            setErrors((previous) => ({ ...previous, note: undefined }));
          }}
        />
        <ServerErrorAlert error={serverDates.occurredAt ? null : add.error} />
        <div className="flex flex-wrap items-center gap-3">
          <SubmitButton pending={add.isPending}>{t('incident.entry.submit')}</SubmitButton>
          <SaveStatus message={added ? t('incident.entry.added') : null} />
        </div>
      </form>
    </section>
  );
}

import {
  batchActions,
  type TBatchAction,
  type TBatchDryRun,
  type TBatchDryRunBody,
} from '@capitune/contracts';
import { getRouteApi, Link, useNavigate } from '@tanstack/react-router';
import { type FormEvent, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ServerErrorAlert } from '../../../components/forms/server-error-alert';
import { Input } from '../../../components/ui/input';
import { Select } from '../../../components/ui/select';
import { SubmitButton } from '../../../components/ui/submit-button';
import { Textarea } from '../../../components/ui/textarea';
import { fieldErrorsOf, translateMessage } from '../../../lib/form-errors';
import { usePageMeta } from '../../../lib/use-page-meta';
import { useDryRunBatch, useRunBatch } from '../api/create-batch';
import { AdminGate } from '../components/admin-gate';
import { AdminNav } from '../components/admin-nav';
import { confirmsCount, readTypedCount } from '../components/batch-count';
import { UserStatusBadge } from '../components/user-badges';
import { useAdminFormatters } from '../components/user-formatters';
import { type BatchNewSearch, toUserFilter, type UsersSearch } from './users-search';

const route = getRouteApi('/admin/batches/new');

/** The announcement's two texts, each in its own fieldset marked with its language. */
const announcementLanguages = [
  { lang: 'fr', legend: 'batchNew.announcementFr', subject: 'frSubject', body: 'frBody' },
  { lang: 'en', legend: 'batchNew.announcementEn', subject: 'enSubject', body: 'enBody' },
] as const;

export function BatchNewPage() {
  return (
    <AdminGate>
      <BatchNew />
    </AdminGate>
  );
}

const required = 'i18n:{"key":"forms:validation.required"}';
const tagPattern = /^[\p{Ll}\p{N}][\p{Ll}\p{N}-]*$/u;

interface Values {
  action: TBatchAction;
  reason: string;
  until: string;
  tag: string;
  frSubject: string;
  frBody: string;
  enSubject: string;
  enBody: string;
}

type FieldName = keyof Omit<Values, 'action'>;
type Errors = Partial<Record<FieldName, string>>;

/** The API's field paths, and the form's fields they belong to. */
const serverFields: Record<string, FieldName> = {
  reason: 'reason',
  until: 'until',
  tag: 'tag',
  'announcement.fr.subject': 'frSubject',
  'announcement.fr.body': 'frBody',
  'announcement.en.subject': 'enSubject',
  'announcement.en.body': 'enBody',
};

/** The end of a local day, as an instant. */
function endOfDay(day: string): string {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  return new Date(new Date(year, month - 1, date + 1).getTime() - 1).toISOString();
}

function validate(values: Values): Errors {
  const errors: Errors = {};
  if (values.action === 'suspend' && !values.reason.trim()) errors.reason = required;
  if (values.action === 'tag' || values.action === 'untag') {
    const tag = values.tag.trim().toLowerCase();
    if (!tag) errors.tag = required;
    else if (tag.length > 40 || !tagPattern.test(tag)) errors.tag = 'i18n:{"key":"forms:validation.format"}';
  }
  if (values.action === 'announce') {
    for (const name of ['frSubject', 'frBody', 'enSubject', 'enBody'] as const) {
      if (!values[name].trim()) errors[name] = required;
    }
  }
  return errors;
}

/** The dry run's request: the chosen ids or the filter, and what the action needs only. */
function toDryRunBody(values: Values, search: BatchNewSearch): TBatchDryRunBody {
  const who = search.ids ? { userIds: search.ids } : { filter: toUserFilter(search) };
  const body: TBatchDryRunBody = { action: values.action, ...who, dryRun: true };
  if (values.action === 'suspend') {
    body.reason = values.reason.trim();
    if (values.until) body.until = endOfDay(values.until);
  }
  if (values.action === 'tag' || values.action === 'untag') body.tag = values.tag.trim().toLowerCase();
  if (values.action === 'announce') {
    body.announcement = {
      fr: { subject: values.frSubject.trim(), body: values.frBody.trim() },
      en: { subject: values.enSubject.trim(), body: values.enBody.trim() },
    };
  }
  return body;
}

/**
 * `/admin/batches/new`: an action for many members. The dry run says exactly whom it would touch; the
 * admin then types that number to run it, and follows its progress on the batch's page.
 */
function BatchNew() {
  const { t } = useTranslation(['admin-users', 'forms']);
  usePageMeta(t('batchNew.metaTitle'));
  const search = route.useSearch();
  const navigate = useNavigate();
  const dryRun = useDryRunBatch();
  const runBatch = useRunBatch();
  const ids = { who: useId(), what: useId(), result: useId() };
  const resultRef = useRef<HTMLElement>(null);
  const [values, setValues] = useState<Values>({
    action: 'announce',
    reason: '',
    until: '',
    tag: '',
    frSubject: '',
    frBody: '',
    enSubject: '',
    enBody: '',
  });
  const [errors, setErrors] = useState<Errors>({});
  const [error, setError] = useState<unknown>(null);
  // The dry run, and the request it answered: changing the form afterwards asks for a new one.
  const [result, setResult] = useState<{ dryRun: TBatchDryRun; request: string } | null>(null);
  const request = JSON.stringify(toDryRunBody(values, search));
  const stale = result !== null && result.request !== request;

  const set = (name: keyof Values) => (event: { target: { value: string } }) =>
    setValues((previous) => ({ ...previous, [name]: event.target.value }));

  async function onDryRun(event: FormEvent) {
    event.preventDefault();
    setError(null);
    const found = validate(values);
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    try {
      const answer = await dryRun.mutateAsync(toDryRunBody(values, search));
      setResult({ dryRun: answer, request });
      window.setTimeout(() => resultRef.current?.focus(), 0);
    } catch (caught) {
      const mapped = fieldErrorsOf(caught, Object.keys(serverFields));
      if (mapped.length > 0) {
        setErrors(
          Object.fromEntries(mapped.map((item) => [serverFields[item.name] as FieldName, item.message])),
        );
      } else {
        setError(caught);
      }
    }
  }

  const errorOf = (name: FieldName) => translateMessage(t, errors[name]);

  return (
    <div className="mx-auto max-w-4xl px-4 py-10 sm:px-6 sm:py-14">
      <AdminNav />
      <Link
        to="/admin/users"
        search={withoutIds(search)}
        className="mt-4 inline-flex min-h-11 items-center font-medium text-brand-800 underline"
      >
        {t('batchNew.back')}
      </Link>
      <h1 className="mt-2 font-bold text-3xl text-brand-950 tracking-tight sm:text-4xl">
        {t('batchNew.title')}
      </h1>

      <section
        aria-labelledby={ids.who}
        className="mt-6 rounded-2xl bg-white p-5 ring-1 ring-slate-200 sm:p-6"
      >
        <h2 id={ids.who} className="font-semibold text-slate-900 text-xl">
          {t('batchNew.who')}
        </h2>
        <Who search={search} />
        <Link
          to="/admin/users"
          search={withoutIds(search)}
          className="mt-3 inline-flex min-h-11 items-center font-medium text-brand-800 underline"
        >
          {t('batchNew.changeWho')}
        </Link>
      </section>

      <section
        aria-labelledby={ids.what}
        className="mt-6 rounded-2xl bg-white p-5 ring-1 ring-slate-200 sm:p-6"
      >
        <h2 id={ids.what} className="font-semibold text-slate-900 text-xl">
          {t('batchNew.what')}
        </h2>
        <form noValidate onSubmit={onDryRun} className="mt-4 flex flex-col gap-4">
          <Select label={t('batchNew.action')} value={values.action} onChange={set('action')}>
            {batchActions.map((action) => (
              <option key={action} value={action}>
                {t(`batchActions.${action}`)}
              </option>
            ))}
          </Select>
          {values.action === 'suspend' && (
            <>
              <Textarea
                label={t('batchNew.reason')}
                hint={t('batchNew.reasonHint')}
                required
                rows={3}
                maxLength={1000}
                value={values.reason}
                error={errorOf('reason')}
                onChange={set('reason')}
              />
              <Input
                label={t('batchNew.until')}
                hint={t('batchNew.untilHint')}
                type="date"
                value={values.until}
                error={errorOf('until')}
                onChange={set('until')}
              />
            </>
          )}
          {(values.action === 'tag' || values.action === 'untag') && (
            <Input
              label={t('batchNew.tag')}
              hint={t('batchNew.tagHint')}
              required
              maxLength={40}
              autoCapitalize="none"
              value={values.tag}
              error={errorOf('tag')}
              onChange={set('tag')}
            />
          )}
          {values.action === 'announce' && (
            <div className="grid gap-4 md:grid-cols-2">
              {announcementLanguages.map(({ lang, legend, subject, body }) => (
                <fieldset key={lang} className="flex min-w-0 flex-col gap-3" lang={lang}>
                  <legend className="mb-2 font-semibold text-slate-900">{t(legend)}</legend>
                  <Input
                    label={t('batchNew.subject')}
                    required
                    maxLength={150}
                    value={values[subject]}
                    error={errorOf(subject)}
                    onChange={set(subject)}
                  />
                  <Textarea
                    label={t('batchNew.body')}
                    hint={t('batchNew.bodyHint')}
                    required
                    rows={6}
                    maxLength={10_000}
                    value={values[body]}
                    error={errorOf(body)}
                    onChange={set(body)}
                  />
                </fieldset>
              ))}
            </div>
          )}
          <ServerErrorAlert error={error} />
          <SubmitButton pending={dryRun.isPending} variant="secondary" className="self-start">
            {result ? t('batchNew.dryRunAgain') : t('batchNew.dryRun')}
          </SubmitButton>
        </form>
      </section>

      {result && (
        <section
          ref={resultRef}
          tabIndex={-1}
          aria-labelledby={ids.result}
          className="mt-6 rounded-2xl bg-white p-5 ring-1 ring-slate-200 sm:p-6"
        >
          <h2 id={ids.result} className="font-semibold text-slate-900 text-xl">
            {t('batchNew.dryRunHeading')}
          </h2>
          {stale ? (
            <p role="status" className="mt-3 font-medium text-amber-900">
              {t('batchNew.changed')}
            </p>
          ) : (
            <DryRunResult
              dryRun={result.dryRun}
              running={runBatch.isPending}
              error={runBatch.error}
              onRun={async () => {
                const batch = await runBatch.mutateAsync({
                  dryRunId: result.dryRun.id,
                  confirmCount: result.dryRun.count,
                });
                await navigate({ to: '/admin/batches/$id', params: { id: batch.id } });
              }}
            />
          )}
        </section>
      )}
    </div>
  );
}

function withoutIds(search: BatchNewSearch): UsersSearch {
  const { ids: _ids, ...filter } = search;
  return filter;
}

/** Whom the batch is for, in words: the members chosen, or the filters (or everyone). */
function Who({ search }: { search: BatchNewSearch }) {
  const { t } = useTranslation('admin-users');
  const { day } = useAdminFormatters();
  if (search.ids) {
    return <p className="mt-3 text-slate-800">{t('batchNew.chosen', { count: search.ids.length })}</p>;
  }
  const parts: string[] = [];
  if (search.q) parts.push(t('batchNew.filter.q', { value: search.q }));
  if (search.role) parts.push(t('batchNew.filter.role', { value: t(`roles.${search.role}`) }));
  if (search.status) parts.push(t('batchNew.filter.status', { value: t(`statuses.${search.status}`) }));
  if (search.tag) parts.push(t('batchNew.filter.tag', { value: search.tag }));
  if (search.signedUpFrom) {
    parts.push(t('batchNew.filter.signedUpFrom', { value: day(`${search.signedUpFrom}T12:00:00`) }));
  }
  if (search.signedUpTo) {
    parts.push(t('batchNew.filter.signedUpTo', { value: day(`${search.signedUpTo}T12:00:00`) }));
  }
  if (parts.length === 0) return <p className="mt-3 font-medium text-amber-900">{t('batchNew.everyone')}</p>;
  return (
    <>
      <p className="mt-3 text-slate-800">{t('batchNew.byFilter')}</p>
      <ul className="mt-1 list-disc ps-6 text-slate-800">
        {parts.map((part) => (
          <li key={part}>{part}</li>
        ))}
      </ul>
    </>
  );
}

function DryRunResult({
  dryRun,
  running,
  error,
  onRun,
}: {
  dryRun: TBatchDryRun;
  running: boolean;
  error: unknown;
  onRun: () => Promise<void>;
}) {
  const { t } = useTranslation(['admin-users', 'forms']);
  const { moment } = useAdminFormatters();
  const [typed, setTyped] = useState('');
  const [mismatch, setMismatch] = useState(false);
  const count = dryRun.count;

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    const matches = confirmsCount(typed, count);
    setMismatch(!matches);
    if (!matches) return;
    try {
      await onRun();
    } catch {
      // Shown below from the mutation's error.
    }
  }

  return (
    <>
      <p role="status" className="mt-3 font-semibold text-lg text-slate-900">
        {t('batchNew.willTouch', { count })}
      </p>
      {dryRun.sample.length > 0 && (
        <ul aria-label={t('batchNew.sampleLabel')} className="mt-3 flex flex-col gap-1 text-sm">
          {dryRun.sample.map((person) => (
            <li key={person.id} className="flex flex-wrap items-center gap-x-2 gap-y-1">
              <span className="w-full font-medium text-slate-900 sm:w-auto">
                {person.firstName} {person.lastName}
              </span>
              <span className="break-all text-slate-700">{person.email}</span>
              <UserStatusBadge status={person.status} />
            </li>
          ))}
        </ul>
      )}
      <Link
        to="/admin/batches/$id"
        params={{ id: dryRun.id }}
        className="mt-3 inline-flex min-h-11 items-center font-medium text-brand-800 underline"
      >
        {t('batchNew.allTargets')}
      </Link>
      <p className="text-slate-600 text-sm">{t('batchNew.expires', { date: moment(dryRun.expiresAt) })}</p>
      {count === 0 ? (
        <p className="mt-4 text-slate-800">{t('batchNew.nobody')}</p>
      ) : (
        <form noValidate onSubmit={onSubmit} className="mt-4 flex flex-col gap-3">
          <Input
            label={t('batchNew.confirmLabel', { count })}
            inputMode="numeric"
            autoComplete="off"
            required
            value={typed}
            error={
              mismatch && readTypedCount(typed) !== count
                ? t('batchNew.confirmMismatch', { count })
                : undefined
            }
            onChange={(event) => setTyped(event.target.value)}
          />
          <ServerErrorAlert error={error} />
          <SubmitButton pending={running} variant="danger" className="self-start">
            {t('batchNew.run')}
          </SubmitButton>
        </form>
      )}
    </>
  );
}

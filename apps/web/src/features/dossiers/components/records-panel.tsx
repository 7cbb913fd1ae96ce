import type { TDossier } from '@capitune/contracts';
import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SaveStatus } from '../../../components/forms/save-status';
import { ServerErrorAlert } from '../../../components/forms/server-error-alert';
import { DownloadIcon } from '../../../components/ui/app-icons';
import { Button } from '../../../components/ui/button';
import { Input } from '../../../components/ui/input';
import { Select } from '../../../components/ui/select';
import { Spinner } from '../../../components/ui/spinner';
import { SubmitButton } from '../../../components/ui/submit-button';
import { Textarea } from '../../../components/ui/textarea';
import { useSession } from '../../../lib/auth';
import { formatDateTime } from '../../../lib/format';
import { fallbackLocale, type Locale, supportedLocales, toLocale } from '../../../lib/locale';
import { useDownloadInspectionExport } from '../api/download-inspection-export';
import { useSetLegalHold } from '../api/set-legal-hold';

const REASON_MIN = 10;
const REASON_MAX = 1000;

/**
 * The firm's records duties on a client file (shown to the pro only): the legal hold that suspends its
 * destruction, and the export an inspector asks for.
 */
export function RecordsPanel({ dossier }: { dossier: TDossier }) {
  const { t } = useTranslation('dossiers');
  const headingId = useId();
  if (dossier.viewerRole !== 'pro' || !dossier.legalHold) return null;
  return (
    <section
      aria-labelledby={headingId}
      className="rounded-2xl bg-white p-4 shadow-sm ring-1 ring-slate-200 sm:p-6"
    >
      <h2 id={headingId} className="font-semibold text-slate-900 text-xl">
        {t('records.title')}
      </h2>
      <p className="mt-1 text-slate-700 text-sm">{t('records.intro')}</p>
      <LegalHold dossierId={dossier.id} hold={dossier.legalHold} />
      <InspectionExport dossierId={dossier.id} />
    </section>
  );
}

function LegalHold({ dossierId, hold }: { dossierId: string; hold: NonNullable<TDossier['legalHold']> }) {
  const { t, i18n } = useTranslation(['dossiers', 'forms']);
  const { user } = useSession();
  const language = i18n.resolvedLanguage ?? i18n.language;
  const headingId = useId();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [done, setDone] = useState<string | null>(null);
  const reasonField = useRef<HTMLTextAreaElement>(null);
  const liftButton = useRef<HTMLButtonElement>(null);
  const moveFocus = useRef(false);
  const change = useSetLegalHold(dossierId, {
    onSuccess: (result) => {
      setReason('');
      setDone(result.held ? t('records.hold.placed') : t('records.hold.lifted'));
      moveFocus.current = true;
    },
  });
  // Once the dossier shows the change, the control that replaced the one used gets the focus.
  useEffect(() => {
    if (!moveFocus.current) return;
    moveFocus.current = false;
    (hold.held ? liftButton.current : reasonField.current)?.focus();
  }, [hold.held]);

  function place(event: FormEvent) {
    event.preventDefault();
    setDone(null);
    const text = reason.trim();
    const found = !text
      ? t('forms:validation.required')
      : text.length < REASON_MIN
        ? t('forms:validation.tooShort', { count: REASON_MIN })
        : text.length > REASON_MAX
          ? t('forms:validation.tooLong', { count: REASON_MAX })
          : undefined;
    setError(found);
    if (found) return reasonField.current?.focus();
    change.mutate({ hold: true, reason: text });
  }

  return (
    <section aria-labelledby={headingId} className="mt-4 border-slate-200 border-t pt-4">
      <h3 id={headingId} className="font-semibold text-lg text-slate-900">
        {t('records.hold.title')}
      </h3>
      <p className="mt-1 text-slate-700 text-sm">{t('records.hold.intro')}</p>
      {hold.held ? (
        <div className="mt-3 flex flex-col gap-3">
          <dl className="text-sm">
            <dt className="text-slate-600">
              {hold.since
                ? t('records.hold.held', { date: formatDateTime(hold.since, language, user?.timeZone) })
                : t('records.hold.title')}
            </dt>
            <dd className="mt-1 whitespace-pre-wrap break-words text-slate-900">
              <span className="sr-only">{t('records.hold.reason')} </span>
              {hold.reason}
            </dd>
          </dl>
          <ServerErrorAlert error={change.error} />
          <div className="flex flex-wrap items-center gap-3">
            <Button
              ref={liftButton}
              variant="secondary"
              // aria-disabled rather than disabled: the button is focused just after the hold is placed,
              // while the dossier is being refreshed.
              aria-disabled={change.isPending || undefined}
              aria-busy={change.isPending || undefined}
              onClick={() => {
                if (change.isPending) return;
                setDone(null);
                change.mutate({ hold: false });
              }}
            >
              {t('records.hold.lift')}
            </Button>
          </div>
        </div>
      ) : (
        <form noValidate onSubmit={place} className="mt-3 flex flex-col gap-3">
          <p className="text-slate-900 text-sm">{t('records.hold.none')}</p>
          <Textarea
            ref={reasonField}
            label={t('records.hold.reasonLabel')}
            hint={t('records.hold.reasonHint')}
            required
            rows={3}
            maxLength={REASON_MAX}
            value={reason}
            error={error}
            onChange={(event) => {
              setReason(event.target.value);
              setError(undefined);
            }}
          />
          <ServerErrorAlert error={change.error} />
          <div>
            <SubmitButton variant="secondary" pending={change.isPending}>
              {t('records.hold.place')}
            </SubmitButton>
          </div>
        </form>
      )}
      <SaveStatus message={done} />
    </section>
  );
}

/** A date field's value (`YYYY-MM-DD`) as the start of that day, or of the next one, where the browser is. */
function dayBoundary(day: string, next: boolean): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return undefined;
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  return new Date(year, month - 1, date + (next ? 1 : 0)).toISOString();
}

function InspectionExport({ dossierId }: { dossierId: string }) {
  const { t, i18n } = useTranslation('dossiers');
  const headingId = useId();
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [locale, setLocale] = useState<Locale>(
    () => toLocale(i18n.resolvedLanguage ?? i18n.language) ?? fallbackLocale,
  );
  const [error, setError] = useState<string | undefined>();
  const download = useDownloadInspectionExport(dossierId);
  const busy = download.isPending;

  function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    const start = from ? dayBoundary(from, false) : undefined;
    // The end date is included: the range runs to the start of the next day.
    const end = to ? dayBoundary(to, true) : undefined;
    if (start && end && start >= end) {
      setError(t('records.export.toBeforeFrom'));
      return;
    }
    setError(undefined);
    download.mutate({ from: start, to: end, locale });
  }

  return (
    <section aria-labelledby={headingId} className="mt-6 border-slate-200 border-t pt-4">
      <h3 id={headingId} className="font-semibold text-lg text-slate-900">
        {t('records.export.title')}
      </h3>
      <p className="mt-1 text-slate-700 text-sm">{t('records.export.intro')}</p>
      <form noValidate onSubmit={submit} className="mt-3 flex flex-col gap-3">
        <div className="grid gap-3 sm:grid-cols-2">
          <Input
            label={t('records.export.from')}
            type="date"
            value={from}
            onChange={(event) => setFrom(event.target.value)}
          />
          <Input
            label={t('records.export.to')}
            type="date"
            value={to}
            error={error}
            onChange={(event) => {
              setTo(event.target.value);
              setError(undefined);
            }}
          />
        </div>
        <Select
          label={t('records.export.locale')}
          value={locale}
          onChange={(event) => setLocale(event.target.value as Locale)}
        >
          {supportedLocales.map((value) => (
            <option key={value} value={value}>
              {t(`records.export.${value}`)}
            </option>
          ))}
        </Select>
        <div className="flex flex-col gap-2">
          {/* aria-disabled rather than disabled: the button keeps the focus while the "confirm that it's you"
              dialog is open, so that the focus comes back to it when the dialog closes. */}
          <Button
            type="submit"
            variant="secondary"
            className="w-full sm:w-auto"
            aria-disabled={busy || undefined}
            aria-busy={busy || undefined}
          >
            <DownloadIcon className="size-4 shrink-0" />
            {t('records.export.download')}
          </Button>
          {busy && <Spinner label={t('records.export.preparing')} className="text-sm" />}
          <ServerErrorAlert error={download.error} />
        </div>
      </form>
    </section>
  );
}

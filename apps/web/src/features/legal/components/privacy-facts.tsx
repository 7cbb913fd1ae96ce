import type { TPrivacyInfo, TRetentionRule } from '@capitune/contracts';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ServerErrorAlert } from '../../../components/forms/server-error-alert';
import { Spinner } from '../../../components/ui/spinner';
import { type RichTextComponents, renderRichText } from '../../../lib/rich-text';
import { usePrivacyInfo } from '../api/get-privacy-info';
import { formatPeriod, isZeroPeriod } from '../lib/periods';

/** Rules whose basis the page words itself; the client file's is configured, and shown as configured. */
const worded = new Set([
  'personal_dossier',
  'deleted_account',
  'data_export',
  'expired_tokens',
  'ended_sessions',
  'rate_limits',
  'sent_emails',
  'read_notifications',
  'incident_register',
  'audit_log',
]);

/**
 * The facts of the policy that the platform configures: who the privacy officer is and how to reach them,
 * where the data is stored, the versions in force, and the retention of each kind of record.
 */
export function PrivacyFacts({ components }: { components: RichTextComponents }) {
  const { t } = useTranslation('privacy');
  const info = usePrivacyInfo();
  return (
    <div className="space-y-6 text-slate-800 leading-relaxed">
      {info.isPending && <Spinner label={t('facts.loading')} />}
      {info.isError && (
        <ServerErrorAlert error={info.error}>
          <p className="mt-1">{renderRichText(t('facts.unavailable'), components)}</p>
        </ServerErrorAlert>
      )}
      {info.data && <Facts info={info.data} />}
      <p>{renderRichText(t('facts.exercise'), components)}</p>
    </div>
  );
}

function Facts({ info }: { info: TPrivacyInfo }) {
  const { t } = useTranslation('privacy');
  const { officer } = info;
  const rows: [string, ReactNode][] = [
    [t('facts.name'), officer.name],
    [t('facts.role'), officer.title],
    [
      t('facts.email'),
      <a
        key="email"
        href={`mailto:${officer.email}`}
        className="font-medium text-brand-700 underline underline-offset-2"
      >
        {officer.email}
      </a>,
    ],
  ];
  if (officer.phone) {
    rows.push([
      t('facts.phone'),
      <a
        key="phone"
        href={`tel:${officer.phone.replace(/[^\d+]/g, '')}`}
        className="font-medium text-brand-700 underline underline-offset-2"
      >
        {officer.phone}
      </a>,
    ]);
  }
  if (officer.address)
    rows.push([
      t('facts.address'),
      <span key="address" className="whitespace-pre-line">
        {officer.address}
      </span>,
    ]);

  return (
    <>
      <div>
        <h3 className="font-semibold text-brand-950 text-lg">{t('facts.officerTitle')}</h3>
        <dl className="mt-3 grid gap-x-6 gap-y-2 sm:grid-cols-[max-content_1fr]">
          {rows.map(([label, value]) => (
            <div key={label} className="contents">
              <dt className="font-medium text-slate-900">{label}</dt>
              <dd className="wrap-anywhere mb-2 sm:mb-0">{value}</dd>
            </div>
          ))}
        </dl>
      </div>
      <dl className="grid gap-x-6 gap-y-2 sm:grid-cols-[max-content_1fr]">
        <div className="contents">
          <dt className="font-medium text-slate-900">{t('facts.dataLocation')}</dt>
          <dd className="mb-2 sm:mb-0">{info.dataLocation}</dd>
        </div>
        <div className="contents">
          <dt className="font-medium text-slate-900">{t('facts.policyVersion')}</dt>
          <dd className="mb-2 sm:mb-0">{info.policyVersion}</dd>
        </div>
        <div className="contents">
          <dt className="font-medium text-slate-900">{t('facts.termsVersion')}</dt>
          <dd>{info.termsVersion}</dd>
        </div>
      </dl>
      <RetentionTable rules={info.retention} />
    </>
  );
}

function RetentionTable({ rules }: { rules: TRetentionRule[] }) {
  const { t, i18n } = useTranslation('privacy');
  const language = i18n.resolvedLanguage ?? i18n.language;
  const translate = t as unknown as (key: string, options?: Record<string, unknown>) => string;
  const period = (rule: TRetentionRule) =>
    isZeroPeriod(rule.period) ? t('facts.immediately') : (formatPeriod(rule.period, language) ?? rule.period);
  // `startsFrom` may carry a note after the field (`discovered_at (and …)`): the field says which text.
  const startsFrom = (value: string) => {
    const field = value.split(/[\s(]/)[0] ?? value;
    return translate(`facts.startsFrom.${field}`, { defaultValue: value });
  };
  const source = (rule: TRetentionRule) =>
    worded.has(rule.id) ? translate(`facts.sources.${rule.id}`, { defaultValue: rule.source }) : rule.source;

  return (
    <div>
      <h3 id="retention-title" className="font-semibold text-brand-950 text-lg">
        {t('facts.retentionTitle')}
      </h3>
      <p className="mt-2">{t('facts.retentionIntro')}</p>
      {/* A list of cards below 640 px (a five-column table cannot fit a phone), a table above. */}
      <ul aria-labelledby="retention-title" className="mt-4 flex flex-col gap-3 sm:hidden">
        {rules.map((rule) => (
          <li key={rule.id} className="rounded-xl bg-white p-4 ring-1 ring-slate-200">
            <p className="font-semibold text-slate-900">{t(`facts.rules.${rule.id}`)}</p>
            <dl className="mt-2 space-y-1 text-sm">
              <div>
                <dt className="inline font-medium">{t('facts.columns.period')} — </dt>
                <dd className="inline">{period(rule)}</dd>
              </div>
              <div>
                <dt className="inline font-medium">{t('facts.columns.from')} — </dt>
                <dd className="inline">{startsFrom(rule.startsFrom)}</dd>
              </div>
              <div>
                <dt className="inline font-medium">{t('facts.columns.destruction')} — </dt>
                <dd className="inline">
                  {rule.destroyedAutomatically ? t('facts.automatic') : t('facts.manual')}
                </dd>
              </div>
              <div>
                <dt className="inline font-medium">{t('facts.columns.source')} — </dt>
                <dd className="inline">{source(rule)}</dd>
              </div>
            </dl>
          </li>
        ))}
      </ul>
      <div className="mt-4 hidden overflow-x-auto sm:block">
        <table className="w-full border-collapse text-start text-sm">
          <caption className="sr-only">{t('facts.retentionTitle')}</caption>
          <thead>
            <tr className="border-slate-300 border-b">
              {(['record', 'period', 'from', 'destruction', 'source'] as const).map((column) => (
                <th key={column} scope="col" className="px-2 py-2 text-start font-semibold text-slate-900">
                  {t(`facts.columns.${column}`)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rules.map((rule) => (
              <tr key={rule.id} className="border-slate-200 border-b align-top">
                <th scope="row" className="px-2 py-2 text-start font-medium text-slate-900">
                  {t(`facts.rules.${rule.id}`)}
                </th>
                <td className="px-2 py-2">{period(rule)}</td>
                <td className="px-2 py-2">{startsFrom(rule.startsFrom)}</td>
                <td className="px-2 py-2">
                  {rule.destroyedAutomatically ? t('facts.automatic') : t('facts.manual')}
                </td>
                <td className="px-2 py-2">{source(rule)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

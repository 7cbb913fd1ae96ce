import type { TConsentPurpose, TConsentRecord, TConsentState } from '@capitune/contracts';
import { Link } from '@tanstack/react-router';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SaveStatus } from '../../../components/forms/save-status';
import { ServerErrorAlert } from '../../../components/forms/server-error-alert';
import { Badge } from '../../../components/ui/badge';
import { Spinner } from '../../../components/ui/spinner';
import { useConsents } from '../api/get-consents';
import { usePostConsents } from '../api/post-consents';
import { linkClasses, PrivacySection, SubHeading } from './privacy-section';

/** The documents behind the required purposes. */
const documentPaths: Partial<Record<TConsentPurpose, '/terms' | '/privacy'>> = {
  terms: '/terms',
  privacy_policy: '/privacy',
};

/**
 * Each purpose with its state. The optional ones are switches: one click gives, one click withdraws, and
 * the change is recorded at once (with the policy's version). The required ones are shown as accepted,
 * with their version; withdrawing them means deleting the account.
 */
export function ConsentsSection({ when }: { when: (iso: string) => string }) {
  const { t } = useTranslation('privacy-account');
  const consents = useConsents();
  const post = usePostConsents();
  const [saved, setSaved] = useState<string | null>(null);

  function toggle(consent: TConsentState) {
    const granted = !consent.granted;
    const purpose = t(`purposes.${consent.purpose}.name`);
    setSaved(null);
    post.mutate(
      { changes: [{ purpose: consent.purpose, granted }], source: 'settings' },
      {
        onSuccess: () =>
          setSaved(t(granted ? 'consents.grantedSaved' : 'consents.withdrawnSaved', { purpose })),
      },
    );
  }

  const required = consents.data?.consents.filter((consent) => consent.required) ?? [];
  const optional = consents.data?.consents.filter((consent) => !consent.required) ?? [];

  return (
    <PrivacySection id="consents" title={t('consents.title')} intro={t('consents.intro')}>
      {consents.isPending && <Spinner label={t('loading')} />}
      {consents.isError && <ServerErrorAlert error={consents.error} />}
      {consents.data && (
        <div className="flex flex-col gap-6">
          <ul className="flex flex-col gap-3">
            {optional.map((consent) => (
              <OptionalConsent
                key={consent.purpose}
                consent={consent}
                when={when}
                pending={post.isPending && post.variables?.changes[0]?.purpose === consent.purpose}
                onToggle={() => toggle(consent)}
              />
            ))}
          </ul>
          <ServerErrorAlert error={post.error} />
          <SaveStatus message={saved} />

          <ul className="flex flex-col gap-3">
            {required.map((consent) => (
              <RequiredConsent key={consent.purpose} consent={consent} when={when} />
            ))}
          </ul>
          <p className="text-slate-700 text-sm">{t('consents.requiredNote')}</p>

          <History records={consents.data.history} when={when} />
        </div>
      )}
    </PrivacySection>
  );
}

function StateLine({ consent, when }: { consent: TConsentState; when: (iso: string) => string }) {
  const { t } = useTranslation('privacy-account');
  const parts = [
    consent.version ? t('consents.version', { version: consent.version }) : null,
    consent.updatedAt ? t('consents.since', { date: when(consent.updatedAt) }) : t('consents.never'),
  ].filter(Boolean);
  return <p className="text-slate-600 text-sm">{parts.join(' · ')}</p>;
}

function OptionalConsent({
  consent,
  when,
  pending,
  onToggle,
}: {
  consent: TConsentState;
  when: (iso: string) => string;
  pending: boolean;
  onToggle: () => void;
}) {
  const { t } = useTranslation('privacy-account');
  const id = useId();
  return (
    <li className="flex items-start gap-4 rounded-xl p-4 ring-1 ring-slate-200 ring-inset">
      {/* A 44 px target around the switch. */}
      <span className="-m-2 inline-flex size-11 shrink-0 items-center justify-center">
        <input
          id={id}
          type="checkbox"
          role="switch"
          checked={consent.granted}
          aria-checked={consent.granted}
          aria-describedby={`${id}-description ${id}-state`}
          disabled={pending}
          onChange={onToggle}
          className="size-5 cursor-pointer accent-brand-700"
        />
      </span>
      <div className="min-w-0 flex-1">
        <div className="flex flex-wrap items-center gap-2">
          <label htmlFor={id} className="cursor-pointer font-semibold text-slate-900">
            {t(`purposes.${consent.purpose}.name`)}
          </label>
          <Badge tone={consent.granted ? 'success' : 'neutral'}>
            {consent.granted ? t('consents.given') : t('consents.notGiven')}
          </Badge>
        </div>
        <p id={`${id}-description`} className="mt-1 text-slate-700">
          {t(`purposes.${consent.purpose}.description`)}
        </p>
        <div id={`${id}-state`}>
          <StateLine consent={consent} when={when} />
        </div>
      </div>
    </li>
  );
}

function RequiredConsent({ consent, when }: { consent: TConsentState; when: (iso: string) => string }) {
  const { t } = useTranslation('privacy-account');
  const path = documentPaths[consent.purpose];
  const upToDate = consent.granted && consent.version === consent.currentVersion;
  return (
    <li className="rounded-xl bg-slate-50 p-4 ring-1 ring-slate-200 ring-inset">
      <div className="flex flex-wrap items-center gap-2">
        <p className="font-semibold text-slate-900">{t(`purposes.${consent.purpose}.name`)}</p>
        <Badge tone="brand">{t('consents.required')}</Badge>
        <Badge tone={upToDate ? 'success' : 'warning'}>
          {upToDate ? t('consents.accepted') : t('consents.newVersion', { version: consent.currentVersion })}
        </Badge>
      </div>
      <p className="mt-1 text-slate-700">{t(`purposes.${consent.purpose}.description`)}</p>
      <StateLine consent={consent} when={when} />
      {path && (
        <Link to={path} className={`${linkClasses} mt-1 inline-flex min-h-11 items-center`}>
          {t('consentPage.read', { document: t(`purposes.${consent.purpose}.name`) })}
        </Link>
      )}
    </li>
  );
}

function History({ records, when }: { records: TConsentRecord[]; when: (iso: string) => string }) {
  const { t } = useTranslation('privacy-account');
  const headingId = useId();
  return (
    <div>
      <SubHeading id={headingId}>{t('consents.historyTitle')}</SubHeading>
      {records.length === 0 ? (
        <p className="mt-2 text-slate-700">{t('consents.historyEmpty')}</p>
      ) : (
        <ol aria-labelledby={headingId} className="mt-2 flex flex-col gap-1.5 text-slate-800">
          {records.map((record) => (
            <li key={`${record.purpose}-${record.createdAt}-${record.granted}`} className="text-sm">
              <time dateTime={record.createdAt} className="font-medium">
                {when(record.createdAt)}
              </time>{' '}
              —{' '}
              {t(record.granted ? 'consents.historyGranted' : 'consents.historyWithdrawn', {
                purpose: t(`purposes.${record.purpose}.name`),
                source: t(`sources.${record.source}`),
                version: record.version,
              })}
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}

import type { TFirm, TProStanding } from '@capitune/contracts';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { ServerErrorAlert } from '../../../components/forms/server-error-alert';
import { Alert } from '../../../components/ui/alert';
import { Badge, type BadgeTone } from '../../../components/ui/badge';
import { ButtonLink } from '../../../components/ui/button';
import { Spinner } from '../../../components/ui/spinner';
import { isApiError } from '../../../lib/api-error';
import { useSession } from '../../../lib/auth';
import { formatDateTime } from '../../../lib/format';
import { usePageMeta } from '../../../lib/use-page-meta';
import { useMyFirm } from '../api/get-my-firm';
import { AgentRow } from '../components/agent-row';
import { InviteForm } from '../components/invite-form';
import { IpAllowlistSection } from '../components/ip-allowlist-section';
import { SecurityPolicySection } from '../components/security-policy-section';
import { WebhooksLinkSection } from '../components/webhooks-link-section';

const tones: Record<TProStanding, BadgeTone> = {
  verified: 'success',
  grace: 'warning',
  not_verified: 'neutral',
};

const fullName = (person: { firstName: string; lastName: string }) =>
  `${person.firstName} ${person.lastName}`;

/**
 * `/firm`: the pro's firm. Its licensees with their standing, its agents with the licensee who supervises
 * them; a verified licensee invites agents, changes their supervisor or removes them. Licensees also set
 * the firm's two-factor rule and the networks from which its members reach client dossiers.
 */
export function FirmPage() {
  const { t } = useTranslation('firm');
  usePageMeta(t('metaTitle'));
  const { user } = useSession();

  return (
    <div className="mx-auto max-w-4xl px-4 py-10 sm:px-6 sm:py-14">
      <h1 className="font-bold text-3xl text-brand-950 tracking-tight sm:text-4xl">{t('title')}</h1>
      {user?.role === 'pro' ? <MyFirm /> : <p className="mt-4 text-lg text-slate-700">{t('notPro')}</p>}
    </div>
  );
}

function MyFirm() {
  const { t } = useTranslation('firm');
  const firm = useMyFirm();
  if (firm.isPending) return <Spinner label={t('loading')} className="mt-8" />;
  if (firm.isError) {
    return isApiError(firm.error) && firm.error.code === 'NOT_FOUND' ? (
      <p className="mt-4 text-lg text-slate-700">{t('noFirm')}</p>
    ) : (
      <ServerErrorAlert error={firm.error} className="mt-8" />
    );
  }
  return <Firm firm={firm.data} />;
}

function Firm({ firm }: { firm: TFirm }) {
  const { t, i18n } = useTranslation('firm');
  const { user } = useSession();
  const language = i18n.resolvedLanguage ?? i18n.language;
  const ids = {
    licensees: useId(),
    agents: useId(),
    invitations: useId(),
    invite: useId(),
    policy: useId(),
    network: useId(),
    webhooks: useId(),
  };
  const me = firm.licensees.find((licensee) => licensee.id === user?.id);
  // Only a licensee whose licence is verified manages the firm's agents (the API says the same).
  const manage = firm.viewerRole === 'licensee' && me?.standing === 'verified';
  const mySupervisor = firm.agents.find((agent) => agent.id === user?.id)?.supervisor;
  const card = 'rounded-2xl bg-white p-5 shadow-sm ring-1 ring-slate-200 sm:p-6';

  return (
    <>
      <p className="mt-2 font-semibold text-brand-900 text-xl">{firm.name}</p>
      <p className="mt-4 max-w-3xl text-lg text-slate-700">{t('intro')}</p>
      {mySupervisor && (
        <Alert tone="info" live={false} className="mt-6">
          {t('youAreAgent', { name: fullName(mySupervisor) })}
        </Alert>
      )}
      {firm.viewerRole === 'licensee' && !manage && (
        <Alert tone="warning" live={false} className="mt-6">
          <p>{t('notVerified')}</p>
          <ButtonLink to="/verification" variant="secondary" size="sm" className="mt-3">
            {t('verificationLink')}
          </ButtonLink>
        </Alert>
      )}
      <div className="mt-8 flex flex-col gap-6">
        <section aria-labelledby={ids.licensees} className={card}>
          <h2 id={ids.licensees} className="font-semibold text-slate-900 text-xl">
            {t('licensees.heading')}
          </h2>
          {firm.licensees.length === 0 ? (
            <p className="mt-3 text-slate-700">{t('licensees.none')}</p>
          ) : (
            <ul className="mt-2 divide-y divide-slate-200">
              {firm.licensees.map((licensee) => (
                <li key={licensee.id} className="flex flex-wrap items-center justify-between gap-2 py-3">
                  <span className="font-medium text-slate-900">{fullName(licensee)}</span>
                  <Badge tone={tones[licensee.standing]}>{t(`standing.${licensee.standing}`)}</Badge>
                </li>
              ))}
            </ul>
          )}
        </section>

        <section aria-labelledby={ids.agents} className={card}>
          <h2 id={ids.agents} className="font-semibold text-slate-900 text-xl">
            {t('agents.heading')}
          </h2>
          {firm.agents.length === 0 ? (
            <p className="mt-3 text-slate-700">{t('agents.none')}</p>
          ) : (
            <ul className="mt-1 divide-y divide-slate-200">
              {firm.agents.map((agent) => (
                <AgentRow key={agent.id} agent={agent} supervisors={firm.licensees} manage={manage} />
              ))}
            </ul>
          )}
        </section>

        {firm.invitations.length > 0 && (
          <section aria-labelledby={ids.invitations} className={card}>
            <h2 id={ids.invitations} className="font-semibold text-slate-900 text-xl">
              {t('invitations.heading')}
            </h2>
            <ul className="mt-1 divide-y divide-slate-200">
              {firm.invitations.map((invitation) => (
                <li key={invitation.id} className="py-3">
                  <p className="font-medium text-slate-900">
                    {fullName(invitation)} · <span className="break-all">{invitation.email}</span>
                  </p>
                  <p className="text-slate-700 text-sm">
                    {t('invitations.supervisor', { name: fullName(invitation.supervisor) })} ·{' '}
                    {t('invitations.expires', {
                      date: formatDateTime(invitation.expiresAt, language, user?.timeZone),
                    })}
                  </p>
                </li>
              ))}
            </ul>
          </section>
        )}

        {manage && <InviteForm firm={firm} headingId={ids.invite} />}

        {/* The firm's security: its licensees decide how members sign in and where from. */}
        {firm.viewerRole === 'licensee' && (
          <>
            <SecurityPolicySection firmId={firm.id} headingId={ids.policy} className={card} />
            <IpAllowlistSection firmId={firm.id} headingId={ids.network} className={card} />
            <WebhooksLinkSection headingId={ids.webhooks} className={card} />
          </>
        )}
      </div>
    </>
  );
}

import type { TAdminUserDetail, TAdminUserDossiers } from '@capitune/contracts';
import { getRouteApi, Link } from '@tanstack/react-router';
import { type ReactNode, useId } from 'react';
import { useTranslation } from 'react-i18next';
import { ServerErrorAlert } from '../../../components/forms/server-error-alert';
import { Spinner } from '../../../components/ui/spinner';
import { usePageMeta } from '../../../lib/use-page-meta';
import { useAdminUser } from '../api/get-user';
import { AdminGate } from '../components/admin-gate';
import { AdminNav } from '../components/admin-nav';
import { UserActions } from '../components/user-actions';
import { UserRoleBadge, UserStatusBadge } from '../components/user-badges';
import { useAdminFormatters } from '../components/user-formatters';
import { UserTags } from '../components/user-tags';

const route = getRouteApi('/admin/users/$id');

export function UserPage() {
  return (
    <AdminGate>
      <UserDetail />
    </AdminGate>
  );
}

/** `/admin/users/$id`: one member as the admins see them, and what they can do to the account. */
function UserDetail() {
  const { t } = useTranslation('admin-users');
  const { id } = route.useParams();
  const user = useAdminUser(id);
  const name = user.data ? `${user.data.firstName} ${user.data.lastName}` : '';
  usePageMeta(name ? t('user.metaTitle', { name }) : t('users.metaTitle'));

  return (
    <div className="mx-auto max-w-6xl px-4 py-10 sm:px-6 sm:py-14">
      <AdminNav />
      <Link
        to="/admin/users"
        className="mt-4 inline-flex min-h-11 items-center font-medium text-brand-800 underline"
      >
        {t('user.back')}
      </Link>
      {user.isPending && <Spinner label={t('user.loading')} className="mt-6" />}
      {user.isError && <ServerErrorAlert error={user.error} className="mt-6" />}
      {user.data && <Member user={user.data} />}
    </div>
  );
}

function Member({ user }: { user: TAdminUserDetail }) {
  const { t } = useTranslation('admin-users');
  const { moment } = useAdminFormatters();
  const ids = {
    profile: useId(),
    status: useId(),
    tags: useId(),
    sessions: useId(),
    factors: useId(),
    dossiers: useId(),
    history: useId(),
    emails: useId(),
  };
  const trustLevel = String(Math.max(0, Math.min(2, user.trustLevel))) as '0' | '1' | '2';

  return (
    <>
      <div className="mt-4 flex flex-wrap items-center gap-3">
        <h1 className="break-words font-bold text-3xl text-brand-950 tracking-tight sm:text-4xl">
          {user.firstName} {user.lastName}
        </h1>
        <UserRoleBadge role={user.role} />
        <UserStatusBadge status={user.status} />
      </div>

      <div className="mt-6 grid gap-6 lg:grid-cols-2">
        <Panel headingId={ids.profile} title={t('user.profile')}>
          <dl className="grid gap-2 text-sm">
            <Fact
              term={t('user.email')}
              value={`${user.email} (${user.emailVerified ? t('user.emailVerified') : t('user.emailNotVerified')})`}
            />
            <Fact term={t('user.language')} value={t(`user.languages.${user.locale}`)} />
            <Fact term={t('user.phone')} value={user.phone ?? t('users.none')} />
            <Fact term={t('user.country')} value={user.countryOfResidence ?? t('users.none')} />
            <Fact term={t('user.role')} value={t(`roles.${user.role}`)} />
            <Fact term={t('user.firm')} value={user.firm?.name ?? t('users.none')} />
            <Fact term={t('user.signedUp')} value={moment(user.createdAt)} />
            <Fact term={t('user.trustLevel')} value={t(`user.trustLevels.${trustLevel}`)} />
          </dl>
          {user.silencedUntil && (
            <p className="mt-3 text-amber-900 text-sm">
              {t('user.silencedUntil', { date: moment(user.silencedUntil) })}
            </p>
          )}
        </Panel>

        <Panel headingId={ids.status} title={t('user.status')}>
          <AccountStatus user={user} />
        </Panel>

        <Panel headingId={ids.tags} title={t('user.tags')}>
          <UserTags user={user} />
        </Panel>

        <Panel headingId={ids.factors} title={t('user.factors')}>
          <ul className="flex flex-col gap-1 text-sm">
            <li>
              {t('user.factorTotp')} · {user.factors.totp ? t('user.on') : t('user.off')}
            </li>
            <li>{t('user.passkeys', { count: user.factors.passkeys })}</li>
            <li>
              {t('user.factorEmail')} · {user.factors.email ? t('user.on') : t('user.off')}
            </li>
            <li>
              {t('user.factorSms')} · {user.factors.sms ? t('user.on') : t('user.off')}
            </li>
            <li>{t('user.recoveryCodes', { count: user.factors.recoveryCodesLeft })}</li>
          </ul>
        </Panel>

        <Panel headingId={ids.sessions} title={t('user.sessions')}>
          {user.sessions.length === 0 ? (
            <p className="text-slate-700 text-sm">{t('user.noSessions')}</p>
          ) : (
            <ul className="flex flex-col gap-2 text-sm">
              {user.sessions.map((session) => (
                <li key={session.id} className="border-slate-200 border-b pb-2 last:border-b-0">
                  <p className="font-medium text-slate-900">
                    {session.device}
                    {session.country && ` · ${session.country}`}
                  </p>
                  <p className="text-slate-600">
                    {t('user.sessionLine', {
                      created: moment(session.createdAt),
                      used: moment(session.lastUsedAt),
                    })}
                  </p>
                  {session.factor && (
                    <p className="text-slate-600">
                      {t('user.sessionFactor', { factor: t(`factors.${session.factor}`) })}
                    </p>
                  )}
                </li>
              ))}
            </ul>
          )}
        </Panel>

        <Panel headingId={ids.dossiers} title={t('user.dossiers')}>
          <DossierCounts title={t('user.dossiersOwned')} counts={user.dossiers.owned} />
          {user.role === 'pro' && (
            <DossierCounts title={t('user.dossiersFirm')} counts={user.dossiers.firm} className="mt-3" />
          )}
        </Panel>

        <Panel headingId={ids.history} title={t('user.history')}>
          {user.history.length === 0 ? (
            <p className="text-slate-700 text-sm">{t('user.noHistory')}</p>
          ) : (
            <ol className="flex flex-col gap-2 text-sm">
              {user.history.map((entry) => (
                <li key={entry.id} className="border-slate-200 border-b pb-2 last:border-b-0">
                  <p className="font-medium text-slate-900">
                    <HistoryAction action={entry.action} />
                  </p>
                  <p className="text-slate-600">
                    {moment(entry.createdAt)} ·{' '}
                    {entry.actor ? `${entry.actor.firstName} ${entry.actor.lastName}` : t('user.byPlatform')}
                  </p>
                  {entry.reason && <p className="whitespace-pre-line text-slate-800">{entry.reason}</p>}
                </li>
              ))}
            </ol>
          )}
        </Panel>

        <Panel headingId={ids.emails} title={t('user.emails')}>
          {user.emails.length === 0 ? (
            <p className="text-slate-700 text-sm">{t('user.noEmails')}</p>
          ) : (
            <ul className="flex flex-col gap-2 text-sm">
              {user.emails.map((email) => (
                <li key={email.id} className="border-slate-200 border-b pb-2 last:border-b-0">
                  <p className="break-words font-medium text-slate-900">{email.subject}</p>
                  <p className="text-slate-600">
                    {email.sentAt
                      ? t('user.emailSent', { date: moment(email.sentAt) })
                      : t('user.emailWaiting', { date: moment(email.createdAt) })}
                  </p>
                </li>
              ))}
            </ul>
          )}
        </Panel>
      </div>

      <UserActions user={user} />
    </>
  );
}

function AccountStatus({ user }: { user: TAdminUserDetail }) {
  const { t } = useTranslation('admin-users');
  const { moment } = useAdminFormatters();
  const suspension = user.suspension;
  if (user.status === 'active' || !suspension) {
    return <p className="text-slate-800 text-sm">{t('user.activeAccount')}</p>;
  }
  return (
    <div className="flex flex-col gap-1 text-sm">
      <p className="font-medium text-slate-900">
        {suspension.bannedAt
          ? t('user.bannedSince', { date: moment(suspension.bannedAt) })
          : suspension.until
            ? t('user.suspendedUntil', { date: moment(suspension.until) })
            : t('user.suspendedIndefinitely')}
      </p>
      {suspension.reason && (
        <p className="whitespace-pre-line text-slate-800">
          {t('user.reason', { reason: suspension.reason })}
        </p>
      )}
    </div>
  );
}

function DossierCounts({
  title,
  counts,
  className,
}: {
  title: string;
  counts: TAdminUserDossiers['owned'];
  className?: string;
}) {
  const { t } = useTranslation('admin-users');
  return (
    <div className={className}>
      <p className="font-medium text-slate-900 text-sm">{title}</p>
      {counts.length === 0 ? (
        <p className="text-slate-700 text-sm">{t('user.noDossiers')}</p>
      ) : (
        <ul className="text-slate-800 text-sm">
          {counts.map((item) => (
            <li key={item.status}>
              {t('user.dossierCount', { status: t(`dossierStatuses.${item.status}`), count: item.count })}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

const historyActions = [
  'suspended',
  'banned',
  'lifted',
  'suspension_ended',
  'sessions_ended',
  'tagged',
  'untagged',
  'restored',
  'role_changed',
  'merged',
  'verification_resent',
  'silenced',
  'warned',
  'two_factor_reset',
  'opened_by_admin',
] as const;

/** An audit action (`user.suspended`…) in words; one this page does not know, as is. */
function HistoryAction({ action }: { action: string }) {
  const { t } = useTranslation('admin-users');
  const short = action.slice(action.indexOf('.') + 1);
  const known = historyActions.find((value) => value === short);
  return <>{known ? t(`historyActions.${known}`) : action}</>;
}

function Panel({ headingId, title, children }: { headingId: string; title: string; children: ReactNode }) {
  return (
    <section
      aria-labelledby={headingId}
      className="min-w-0 rounded-2xl bg-white p-5 shadow-sm ring-1 ring-slate-200 sm:p-6"
    >
      <h2 id={headingId} className="mb-3 font-semibold text-lg text-slate-900">
        {title}
      </h2>
      {children}
    </section>
  );
}

function Fact({ term, value }: { term: string; value: string }) {
  return (
    <div className="grid gap-x-3 sm:grid-cols-[11rem_1fr]">
      <dt className="text-slate-600">{term}</dt>
      <dd className="break-words font-medium text-slate-900">{value}</dd>
    </div>
  );
}

import { Link, useNavigate } from '@tanstack/react-router';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { RoleBadge } from '../../../components/account/role-badge';
import { ServerErrorAlert } from '../../../components/forms/server-error-alert';
import { Button } from '../../../components/ui/button';
import { Spinner } from '../../../components/ui/spinner';
import { session, useSession } from '../../../lib/auth';
import { usePageMeta } from '../../../lib/use-page-meta';
import { useMe } from '../api/get-me';
import { GoalsSection } from '../components/goals-section';
import { NotificationPhoneSection } from '../components/notification-phone-section';
import { NotificationPreferencesSection } from '../components/notification-preferences-section';
import { PasswordSection } from '../components/password-section';
import { PersonalInfoSection } from '../components/personal-info-section';
import { PushDevicesSection } from '../components/push-devices-section';
import { SessionsSection } from '../components/sessions-section';

const sections = [
  { id: 'personal', key: 'personal.title' },
  { id: 'goals', key: 'goals.title' },
  { id: 'notifications', key: 'notifications.title' },
  { id: 'push', key: 'notifications.push.title' },
  { id: 'sms', key: 'notifications.sms.title' },
  { id: 'password', key: 'password.title' },
  { id: 'sessions', key: 'sessions.title' },
] as const;

export function ProfilePage() {
  const { t } = useTranslation(['account', 'common']);
  usePageMeta(t('metaTitle'));
  const navigate = useNavigate();
  const { status } = useSession();
  const me = useMe();

  // The session ended while the page was open (logged out elsewhere, expired): back to the login.
  useEffect(() => {
    if (status === 'anonymous')
      void navigate({ to: '/login', search: { redirect: '/profile' }, replace: true });
  }, [status, navigate]);

  // Keep the header's name and the banner in step with what the API says now.
  useEffect(() => {
    if (me.data) session.updateUser(me.data);
  }, [me.data]);

  return (
    <div className="mx-auto max-w-7xl px-4 py-10 sm:px-6 sm:py-14 lg:px-8">
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="font-bold text-3xl text-brand-950 tracking-tight sm:text-4xl">{t('title')}</h1>
        {me.data && <RoleBadge role={me.data.role} />}
      </div>
      <p className="mt-3 max-w-2xl text-lg text-slate-700">{t('intro')}</p>

      {me.isPending && <Spinner label={t('loading')} className="mt-10" />}
      {me.isError && (
        <div className="mt-8 max-w-2xl">
          <ServerErrorAlert error={me.error}>
            <Button variant="secondary" className="mt-3" onClick={() => void me.refetch()}>
              {t('retry')}
            </Button>
          </ServerErrorAlert>
        </div>
      )}

      {me.data && (
        <div className="mt-8 grid gap-8 lg:grid-cols-[14rem_1fr]">
          <nav aria-label={t('sectionsLabel')} className="lg:sticky lg:top-24 lg:self-start">
            <ul className="flex flex-wrap gap-2 lg:flex-col lg:gap-1">
              {sections.map((section) => (
                <li key={section.id}>
                  <Link
                    to="/profile"
                    hash={section.id}
                    className="inline-flex min-h-11 items-center rounded-lg px-3 py-2 font-medium text-brand-800 no-underline ring-1 ring-slate-200 ring-inset hover:bg-brand-50 lg:flex lg:ring-0"
                  >
                    {t(section.key)}
                  </Link>
                </li>
              ))}
              <li>
                <Link
                  to="/profile/security"
                  className="inline-flex min-h-11 items-center rounded-lg px-3 py-2 font-medium text-brand-800 no-underline ring-1 ring-slate-200 ring-inset hover:bg-brand-50 lg:flex lg:ring-0"
                >
                  {t('common:nav.security')}
                </Link>
              </li>
              <li>
                <Link
                  to="/profile/privacy"
                  className="inline-flex min-h-11 items-center rounded-lg px-3 py-2 font-medium text-brand-800 no-underline ring-1 ring-slate-200 ring-inset hover:bg-brand-50 lg:flex lg:ring-0"
                >
                  {t('common:nav.privacy')}
                </Link>
              </li>
            </ul>
          </nav>
          <div className="flex min-w-0 flex-col gap-8">
            <PersonalInfoSection me={me.data} />
            <GoalsSection />
            <NotificationPreferencesSection />
            <PushDevicesSection timeZone={me.data.timeZone} />
            <NotificationPhoneSection />
            <PasswordSection email={me.data.email} />
            <SessionsSection timeZone={me.data.timeZone} />
          </div>
        </div>
      )}
    </div>
  );
}

import type { TSession, TSignInFactor } from '@capitune/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SaveStatus } from '../../../components/forms/save-status';
import { ServerErrorAlert } from '../../../components/forms/server-error-alert';
import { Badge } from '../../../components/ui/badge';
import { Button } from '../../../components/ui/button';
import { LogOutIcon } from '../../../components/ui/icons';
import { Spinner } from '../../../components/ui/spinner';
import { useLogout } from '../../../lib/auth/use-logout';
import { formatDateTime } from '../../../lib/format';
import { cityOf } from '../../../lib/time-zones';
import { useEndSession } from '../api/end-session';
import { useSessions } from '../api/list-sessions';
import { countryName } from '../lib/place';
import { ProfileSection } from './profile-section';

/** The devices of the account, this one first; times in the person's own time zone. */
export function SessionsSection({ timeZone }: { timeZone: string }) {
  const { t, i18n } = useTranslation('account');
  const logout = useLogout();
  const [ended, setEnded] = useState(false);
  const sessions = useSessions();
  const end = useEndSession();

  const language = i18n.resolvedLanguage ?? i18n.language;
  const when = (iso: string) => formatDateTime(iso, language, timeZone);
  // This device first, then the most recently used.
  const items = [...(sessions.data ?? [])].sort(
    (a, b) => Number(b.current) - Number(a.current) || b.lastUsedAt.localeCompare(a.lastUsedAt),
  );

  return (
    <ProfileSection id="sessions" title={t('sessions.title')} intro={t('sessions.intro')}>
      {sessions.isPending && <Spinner label={t('loading')} />}
      {sessions.isError && <ServerErrorAlert error={sessions.error} />}
      {sessions.data && (
        <>
          <p className="mb-4 text-slate-600 text-sm">
            {t('sessions.timeZoneNote', { timeZone: cityOf(timeZone, language) })}
          </p>
          <ul className="flex flex-col gap-3">
            {items.map((item) => (
              <SessionItem
                key={item.id}
                session={item}
                when={when}
                language={language}
                pending={end.isPending && end.variables === item.id}
                onEnd={() => {
                  setEnded(false);
                  if (item.current) void logout();
                  else end.mutate(item.id, { onSuccess: () => setEnded(true) });
                }}
              />
            ))}
          </ul>
        </>
      )}
      <ServerErrorAlert error={end.error} className="mt-4" />
      <div className="mt-3">
        <SaveStatus message={ended ? t('sessions.ended') : null} />
      </div>
    </ProfileSection>
  );
}

const factorKeys = {
  password: 'sessions.factors.password',
  totp: 'sessions.factors.totp',
  passkey: 'sessions.factors.passkey',
  recovery_code: 'sessions.factors.recovery_code',
  email: 'sessions.factors.email',
  sms: 'sessions.factors.sms',
} as const satisfies Record<TSignInFactor, string>;

function SessionItem({
  session,
  when,
  language,
  pending,
  onEnd,
}: {
  session: TSession;
  when: (iso: string) => string;
  language: string;
  pending: boolean;
  onEnd: () => void;
}) {
  const { t } = useTranslation('account');
  const deviceId = `session-${session.id}`;
  const device = session.device === 'Unknown device' ? t('sessions.unknownDevice') : session.device;
  const place = countryName(session.country, language);

  return (
    <li className="flex flex-col gap-3 rounded-xl p-4 ring-1 ring-slate-200 ring-inset sm:flex-row sm:items-center sm:justify-between">
      <div className="min-w-0">
        <p id={deviceId} className="flex flex-wrap items-center gap-2 font-semibold text-slate-900">
          <span className="break-words">{device}</span>
          {session.current && <Badge tone="success">{t('sessions.current')}</Badge>}
        </p>
        <div className="mt-1 text-slate-700 text-sm">
          {session.factor && <p>{t('sessions.factor', { factor: t(factorKeys[session.factor]) })}</p>}
          <p>{place ? t('sessions.place', { place }) : t('sessions.noPlace')}</p>
          <p className="wrap-anywhere">
            {session.ip ? t('sessions.ip', { ip: session.ip }) : t('sessions.noIp')}
          </p>
          <p>{t('sessions.lastUsed', { date: when(session.lastUsedAt) })}</p>
          <p className="text-slate-600">{t('sessions.created', { date: when(session.createdAt) })}</p>
        </div>
      </div>
      <Button
        variant={session.current ? 'secondary' : 'danger'}
        onClick={onEnd}
        disabled={pending}
        aria-describedby={deviceId}
        className="shrink-0"
      >
        <LogOutIcon className="size-5" />
        {session.current ? t('sessions.logOutCurrent') : t('sessions.logOutOther')}
      </Button>
    </li>
  );
}

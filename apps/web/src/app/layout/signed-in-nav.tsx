import type { TMe } from '@capitune/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { BellIcon } from '../../components/ui/app-icons';
import { cn } from '../../lib/cn';
import { queryKeys } from '../../lib/query-keys';
import { useUnreadMessages, useUnreadNotifications } from '../../lib/unread-counts';
import { useRealtimeConnection, useRealtimeEvent } from '../../lib/use-realtime';

/*
 * The header's part for signed-in people, loaded apart (the home page's first visitors never need it):
 * the links of their space with the live unread counts, the notifications bell, and the WebSocket that
 * keeps those counts (and the pages' data) fresh.
 */

/** Keeps the socket open and turns its events into fresh data. Renders nothing. */
function RealtimeBridge({ user }: { user: TMe }) {
  const queryClient = useQueryClient();
  useRealtimeConnection(user.id);
  useRealtimeEvent((event) => {
    switch (event.type) {
      case 'ready':
        // Anything may have happened while the connection was down.
        void queryClient.invalidateQueries({ queryKey: ['me', 'notifications'] });
        return;
      case 'unread':
        // The total is in the cache already (the realtime client writes it); the Messages page's list,
        // if on screen, shows the new last message.
        void queryClient.invalidateQueries({ queryKey: queryKeys.conversations });
        return;
      case 'notification':
        // Its unread count is in the cache already (the realtime client writes it).
        void queryClient.invalidateQueries({ queryKey: queryKeys.notifications });
        void queryClient.invalidateQueries({ queryKey: queryKeys.dashboard });
        // A notification tells of a change in a dossier (a review, an assignment): show it fresh.
        if (!event.notification.type.startsWith('webinar_') && event.notification.type !== 'message_received')
          void queryClient.invalidateQueries({ queryKey: queryKeys.dossiers });
        return;
      case 'resync':
        void queryClient.invalidateQueries({ queryKey: ['me'] });
        return;
    }
  });
  return null;
}

function CountBadge({ count }: { count: number | undefined }) {
  if (!count) return null;
  return (
    <span
      aria-hidden="true"
      className="inline-flex items-center justify-center rounded-full bg-maple-600 px-2 font-semibold text-white text-xs leading-tight"
    >
      {count > 99 ? '99+' : count}
    </span>
  );
}

/** The bell: the live count of unread notifications, opening the list. Mounts the socket too. */
export function NotificationBell({ user }: { user: TMe }) {
  const { t } = useTranslation('notifications');
  const unread = useUnreadNotifications();
  const label = unread ? t('header.bellUnread', { count: unread }) : t('header.bell');
  return (
    <>
      <RealtimeBridge user={user} />
      <Link
        to="/notifications"
        aria-label={label}
        title={label}
        className="relative inline-flex size-11 shrink-0 items-center justify-center rounded-lg text-brand-900 no-underline hover:bg-brand-50"
        activeProps={{ 'aria-current': 'page', className: 'bg-brand-50' }}
      >
        <BellIcon className="size-6" />
        {unread ? (
          <span className="absolute top-0 end-0">
            <CountBadge count={unread} />
          </span>
        ) : null}
      </Link>
    </>
  );
}

const barLinkClasses =
  'inline-flex items-center gap-1.5 whitespace-nowrap rounded-lg px-3 py-2 font-medium text-slate-700 no-underline hover:bg-brand-50 hover:text-brand-900';
const activeBarClasses = 'bg-brand-50 text-brand-900';

/** The links of a signed-in person's space: in the header's bar (wide screens) or in its menu. */
export function AppNavLinks({
  user,
  variant,
  onNavigate,
}: {
  user: TMe;
  variant: 'bar' | 'menu';
  onNavigate?: () => void;
}) {
  const { t } = useTranslation(['notifications', 'common']);
  const unread = useUnreadMessages(user.emailVerified);
  const linkClasses = cn(barLinkClasses, variant === 'menu' && 'flex min-h-11 text-lg');
  const active = { className: activeBarClasses, 'aria-current': 'page' as const };
  const messagesLabel = unread ? t('header.messagesUnread', { count: unread }) : t('header.messages');

  return (
    <ul className={variant === 'bar' ? 'flex items-center gap-1' : 'flex flex-col gap-1'}>
      <li>
        <Link to="/dashboard" className={linkClasses} activeProps={active} onClick={onNavigate}>
          {t('header.dashboard')}
        </Link>
      </li>
      <li>
        <Link to="/dossiers" className={linkClasses} activeProps={active} onClick={onNavigate}>
          {user.role === 'pro' ? t('header.dossiersPro') : t('common:nav.dossier')}
        </Link>
      </li>
      <li>
        <Link
          to="/messages"
          className={linkClasses}
          activeProps={active}
          onClick={onNavigate}
          aria-label={messagesLabel}
        >
          {t('header.messages')}
          <CountBadge count={unread} />
        </Link>
      </li>
      <li>
        <Link to="/inside" className={linkClasses} onClick={onNavigate}>
          {t('common:nav.inside')}
        </Link>
      </li>
      <li>
        <Link to="/live" className={linkClasses} onClick={onNavigate}>
          {t('common:nav.live')}
        </Link>
      </li>
      {user.role === 'candidate' && (
        <li>
          <Link to="/pros" className={linkClasses} activeProps={active} onClick={onNavigate}>
            {t('common:nav.pros')}
          </Link>
        </li>
      )}
    </ul>
  );
}

import type { TNotification } from '@capitune/contracts';
import { useRouter } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SaveStatus } from '../../../components/forms/save-status';
import { ServerErrorAlert } from '../../../components/forms/server-error-alert';
import { useNotificationText } from '../../../components/notifications/notification-text';
import { BellIcon } from '../../../components/ui/app-icons';
import { Button } from '../../../components/ui/button';
import { Spinner } from '../../../components/ui/spinner';
import { useSession } from '../../../lib/auth';
import { safeRedirect } from '../../../lib/auth/redirect';
import { cn } from '../../../lib/cn';
import { formatDateTime } from '../../../lib/format';
import { usePageMeta } from '../../../lib/use-page-meta';
import { useLiveUnreadNotifications, useNotifications } from '../api/list-notifications';
import { useMarkNotificationsRead } from '../api/mark-notifications-read';

/** The person's notifications, newest first, in keyset pages; each marks read when opened. */
export function NotificationsPage() {
  const { t, i18n } = useTranslation('notifications');
  usePageMeta(t('page.metaTitle'));
  const { user } = useSession();
  const router = useRouter();
  const sentence = useNotificationText();
  const [markedAll, setMarkedAll] = useState(false);
  const language = i18n.resolvedLanguage ?? i18n.language;

  const list = useNotifications();

  /** Marks notifications read here at once, and the header's count follows the server's answer. */
  const markRead = useMarkNotificationsRead({
    onMarked: (body) => {
      if ('all' in body) setMarkedAll(true);
    },
  });

  const items = list.data?.pages.flatMap((page) => page.items) ?? [];
  // The header's live count (kept by the socket), else the one of the first page.
  const liveCount = useLiveUnreadNotifications();
  const unreadCount = liveCount ?? list.data?.pages[0]?.unreadCount ?? 0;

  function open(notification: TNotification) {
    if (notification.readAt === null) markRead.mutate({ ids: [notification.id] });
    if (notification.link) void router.navigate({ href: safeRedirect(notification.link, '/dashboard') });
  }

  return (
    <div className="mx-auto max-w-3xl px-4 py-10 sm:px-6 sm:py-14 lg:px-8">
      <h1 className="font-bold text-3xl text-brand-950 tracking-tight sm:text-4xl">{t('page.title')}</h1>
      <p className="mt-3 text-lg text-slate-700">{t('page.intro')}</p>

      {list.isPending && <Spinner label={t('page.loading')} className="mt-10" />}
      {list.isError && (
        <ServerErrorAlert error={list.error} className="mt-8">
          <Button variant="secondary" className="mt-3" onClick={() => void list.refetch()}>
            {t('page.retry')}
          </Button>
        </ServerErrorAlert>
      )}

      {list.data && (
        <>
          <div className="mt-8 flex flex-wrap items-center justify-between gap-3">
            <p className="font-medium text-slate-800">
              {unreadCount > 0 ? t('page.unreadCount', { count: unreadCount }) : t('page.allRead')}
            </p>
            <Button
              variant="secondary"
              disabled={unreadCount === 0 || markRead.isPending}
              onClick={() => markRead.mutate({ all: true })}
            >
              {t('page.markAll')}
            </Button>
          </div>
          <div className="mt-2">
            <SaveStatus message={markedAll ? t('page.markedAll') : null} />
          </div>
          <ServerErrorAlert error={markRead.error} className="mt-3" />

          {items.length === 0 ? (
            <div className="mt-6 flex items-start gap-3 rounded-2xl bg-white p-6 shadow-sm ring-1 ring-slate-200">
              <BellIcon className="size-6 shrink-0 text-brand-700" />
              <p className="text-slate-700">{t('page.empty')}</p>
            </div>
          ) : (
            <ul aria-label={t('page.listLabel')} className="mt-4 flex flex-col gap-3">
              {items.map((item) => (
                <li
                  key={item.id}
                  className={cn(
                    'flex flex-col gap-3 rounded-2xl p-4 shadow-sm ring-1 sm:flex-row sm:items-start sm:p-6',
                    item.readAt === null ? 'bg-brand-50 ring-brand-200' : 'bg-white ring-slate-200',
                  )}
                >
                  <div className="min-w-0 flex-1">
                    {item.readAt === null && (
                      <p className="mb-1 flex items-center gap-1.5 font-semibold text-brand-800 text-sm">
                        <span aria-hidden="true" className="size-2 rounded-full bg-maple-600" />
                        {t('page.unread')}
                      </p>
                    )}
                    <p className="break-words text-slate-900">{sentence(item)}</p>
                    <p className="mt-1 text-slate-600 text-sm">
                      <time dateTime={item.createdAt}>
                        {formatDateTime(item.createdAt, language, user?.timeZone)}
                      </time>
                    </p>
                  </div>
                  <div className="flex shrink-0 flex-wrap gap-2">
                    {item.link && (
                      <Button variant="secondary" onClick={() => open(item)}>
                        {t('page.open')}
                      </Button>
                    )}
                    {item.readAt === null && (
                      <Button variant="ghost" onClick={() => markRead.mutate({ ids: [item.id] })}>
                        {t('page.markRead')}
                      </Button>
                    )}
                  </div>
                </li>
              ))}
            </ul>
          )}

          {list.hasNextPage && (
            <Button
              variant="secondary"
              className="mt-6"
              disabled={list.isFetchingNextPage}
              aria-busy={list.isFetchingNextPage || undefined}
              onClick={() => void list.fetchNextPage()}
            >
              {t('page.loadMore')}
            </Button>
          )}
          <ServerErrorAlert error={list.isFetchNextPageError ? list.error : null} className="mt-3" />
        </>
      )}
    </div>
  );
}

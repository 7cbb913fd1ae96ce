import type { TConversation } from '@capitune/contracts';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { ServerErrorAlert } from '../../../components/forms/server-error-alert';
import { Badge } from '../../../components/ui/badge';
import { Button, ButtonLink } from '../../../components/ui/button';
import { ChatIcon } from '../../../components/ui/icons';
import { Spinner } from '../../../components/ui/spinner';
import { useSession } from '../../../lib/auth';
import { formatMoment } from '../../../lib/dossiers/dates';
import { useProgramName } from '../../../lib/dossiers/programs';
import { usePageMeta } from '../../../lib/use-page-meta';
import { useConversations } from '../api/list-conversations';

/** One conversation per dossier: the other side, the program, the last message and what is unread. */
export function MessagesPage() {
  const { t } = useTranslation('messages');
  usePageMeta(t('page.metaTitle'));
  const { user } = useSession();
  const isPro = user?.role === 'pro';
  const conversations = useConversations(!!user?.emailVerified);

  return (
    <div className="mx-auto max-w-3xl px-4 py-10 sm:px-6 sm:py-14 lg:px-8">
      <h1 className="font-bold text-3xl text-brand-950 tracking-tight sm:text-4xl">{t('page.title')}</h1>
      <p className="mt-3 text-lg text-slate-700">{isPro ? t('page.introPro') : t('page.intro')}</p>

      {!user?.emailVerified && <p className="mt-8 text-slate-700">{t('page.unverified')}</p>}
      {conversations.isLoading && <Spinner label={t('page.loading')} className="mt-10" />}
      {conversations.isError && (
        <ServerErrorAlert error={conversations.error} className="mt-8">
          <Button variant="secondary" className="mt-3" onClick={() => void conversations.refetch()}>
            {t('page.retry')}
          </Button>
        </ServerErrorAlert>
      )}
      {conversations.data &&
        (conversations.data.items.length === 0 ? (
          <div className="mt-8 rounded-2xl bg-white p-6 shadow-sm ring-1 ring-slate-200">
            <p className="text-slate-700">{isPro ? t('page.emptyPro') : t('page.empty')}</p>
            <ButtonLink to={isPro ? '/dashboard' : '/dossiers'} variant="secondary" className="mt-4">
              {isPro ? t('page.toDashboard') : t('page.toDossiers')}
            </ButtonLink>
          </div>
        ) : (
          <ul aria-label={t('page.listLabel')} className="mt-8 flex flex-col gap-3">
            {conversations.data.items.map((conversation) => (
              <ConversationItem key={conversation.dossierId} conversation={conversation} isPro={isPro} />
            ))}
          </ul>
        ))}
    </div>
  );
}

function ConversationItem({ conversation, isPro }: { conversation: TConversation; isPro: boolean }) {
  const { t, i18n } = useTranslation('messages');
  const { user } = useSession();
  const programName = useProgramName();
  const language = i18n.resolvedLanguage ?? i18n.language;
  const counterpart = conversation.counterpart
    ? `${conversation.counterpart.firstName} ${conversation.counterpart.lastName}`
    : isPro
      ? t('page.noCandidate')
      : t('page.noCounterpart');
  const last = conversation.lastMessage;
  const excerpt = last
    ? last.author.id === user?.id
      ? t('page.you', { text: last.body })
      : t('page.from', { name: last.author.firstName, text: last.body })
    : t('page.noMessage');
  const unread = conversation.unread;

  return (
    <li
      className={`relative rounded-2xl p-4 shadow-sm ring-1 sm:p-6 ${unread > 0 ? 'bg-brand-50 ring-brand-200' : 'bg-white ring-slate-200'}`}
    >
      <div className="flex items-start gap-3">
        <ChatIcon className="mt-0.5 hidden size-6 shrink-0 text-brand-700 sm:block" />
        <div className="min-w-0 flex-1">
          <div className="flex flex-wrap items-center gap-x-2 gap-y-1">
            <h2 className="font-semibold text-slate-900">
              <Link
                to="/dossiers/$dossierId"
                params={{ dossierId: conversation.dossierId }}
                hash="messages"
                className="text-brand-900 no-underline hover:underline"
              >
                {counterpart}
                <span className="sr-only">
                  {' — '}
                  {programName(conversation.programId)}
                  {unread > 0 && `, ${t('page.unread', { count: unread })}`}
                </span>
              </Link>
            </h2>
            {unread > 0 && (
              <Badge tone="danger" aria-hidden="true">
                {t('page.unread', { count: unread })}
              </Badge>
            )}
          </div>
          <p className="mt-0.5 text-slate-600 text-sm">{programName(conversation.programId)}</p>
          <p
            className={`mt-2 truncate break-words ${unread > 0 ? 'font-medium text-slate-900' : 'text-slate-700'}`}
          >
            {excerpt}
          </p>
        </div>
        {last && (
          <p className="shrink-0 text-slate-600 text-sm">
            <time dateTime={last.createdAt}>{formatMoment(last.createdAt, language, user?.timeZone)}</time>
          </p>
        )}
      </div>
    </li>
  );
}

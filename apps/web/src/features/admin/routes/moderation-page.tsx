import type { TModerationAction, TModerationItem } from '@capitune/contracts';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { RoleBadge } from '../../../components/account/role-badge';
import { ServerErrorAlert } from '../../../components/forms/server-error-alert';
import { Alert } from '../../../components/ui/alert';
import { Badge } from '../../../components/ui/badge';
import { Button, ButtonLink } from '../../../components/ui/button';
import { Dialog, DialogClose, DialogContent, DialogTrigger } from '../../../components/ui/dialog';
import { Spinner } from '../../../components/ui/spinner';
import { Textarea } from '../../../components/ui/textarea';
import { formatDateTime } from '../../../lib/format';
import { usePageMeta } from '../../../lib/use-page-meta';
import { useModerationQueue } from '../api/get-moderation-queue';
import { useModerate } from '../api/moderate';
import { AdminGate } from '../components/admin-gate';
import { AdminNav } from '../components/admin-nav';

export function ModerationPage() {
  return (
    <AdminGate>
      <ModerationQueue />
    </AdminGate>
  );
}

interface Outcome {
  action: TModerationAction;
  title: string;
  resolvedFlags: number;
}

function ModerationQueue() {
  const { t } = useTranslation('admin');
  usePageMeta(t('moderation.metaTitle'));
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const queue = useModerationQueue();
  const items = queue.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <div className="mx-auto max-w-5xl px-4 py-10 sm:px-6 sm:py-14">
      <AdminNav />
      <div className="mt-6 flex flex-wrap items-start justify-between gap-4">
        <div className="max-w-2xl">
          <h1 className="font-bold text-3xl text-brand-950 tracking-tight sm:text-4xl">
            {t('moderation.title')}
          </h1>
          <p className="mt-3 text-lg text-slate-700">{t('moderation.intro')}</p>
        </div>
        <ButtonLink to="/admin/watched-words" variant="secondary">
          {t('moderation.watchedWordsLink')}
        </ButtonLink>
      </div>
      <div aria-live="polite" className="mt-6">
        {outcome && (
          <Alert tone="success" live={false} title={outcome.title}>
            {t(`moderation.results.${outcome.action}`)}{' '}
            {outcome.resolvedFlags > 0 && t('moderation.results.resolved', { count: outcome.resolvedFlags })}
          </Alert>
        )}
      </div>
      {queue.isPending && <Spinner label={t('moderation.loading')} className="mt-6" />}
      {queue.isError && <ServerErrorAlert error={queue.error} className="mt-6" />}
      {queue.isSuccess && items.length === 0 && (
        <p className="mt-6 rounded-xl bg-slate-50 px-4 py-6 text-center text-slate-700">
          {t('moderation.empty')}
        </p>
      )}
      {items.length > 0 && (
        <ul aria-label={t('moderation.listLabel')} className="mt-6 flex flex-col gap-4">
          {items.map((item) => (
            <li key={`${item.targetType}-${item.id}`}>
              <QueueItem item={item} onDone={setOutcome} />
            </li>
          ))}
        </ul>
      )}
      {queue.hasNextPage && (
        <div className="mt-6 flex justify-center">
          <Button
            variant="secondary"
            disabled={queue.isFetchingNextPage}
            onClick={() => void queue.fetchNextPage()}
          >
            {t('moderation.loadMore')}
          </Button>
        </div>
      )}
    </div>
  );
}

function QueueItem({ item, onDone }: { item: TModerationItem; onDone: (outcome: Outcome) => void }) {
  const { t, i18n } = useTranslation('admin');
  const reason =
    item.moderationReason === 'watched_word'
      ? item.heldWord
        ? t('moderation.reasons.watched_word', { word: item.heldWord })
        : t('moderation.reasons.watched_word_unknown')
      : item.moderationReason === 'signal' || item.moderationReason === 'trust'
        ? t(`moderation.reasons.${item.moderationReason}`, {
            rule: t(`watchedWords.test.rules.${item.heldWord ?? 'unknown'}`, {
              defaultValue: item.heldWord ?? '',
            }),
          })
        : item.moderationReason === 'flags' || item.moderationReason === 'admin'
          ? t(`moderation.reasons.${item.moderationReason}`)
          : t('moderation.reasons.flagged');
  const actions: TModerationAction[] = [
    ...(item.status !== 'hidden' ? (['hide'] as const) : []),
    ...(item.status !== 'published' ? (['restore'] as const) : []),
    ...(item.openFlagCount > 0 ? (['dismiss'] as const) : []),
    'warn',
    ...(item.author.role !== 'admin' && item.author.status === 'active' ? (['suspend'] as const) : []),
  ];
  const headingId = `queue-${item.id}`;

  return (
    <article
      aria-labelledby={headingId}
      className="rounded-2xl bg-white p-5 shadow-sm ring-1 ring-slate-200 sm:p-6"
    >
      <div className="flex flex-wrap items-center gap-2">
        <Badge tone="brand">{t(`moderation.types.${item.targetType}`)}</Badge>
        <Badge tone={item.status === 'published' ? 'neutral' : 'warning'}>
          {t(`moderation.statuses.${item.status}`)}
        </Badge>
        {item.openFlagCount > 0 && (
          <Badge tone="danger">{t('moderation.flags', { count: item.openFlagCount })}</Badge>
        )}
      </div>
      <h2 id={headingId} className="mt-3 break-words font-semibold text-brand-950 text-lg">
        {item.targetType === 'comment' && (
          <span className="font-normal text-slate-700">{t('moderation.inPost')} </span>
        )}
        {item.title}
      </h2>
      <p className="mt-1 text-slate-700 text-sm">
        {reason} ·{' '}
        <time dateTime={item.needsReviewSince}>
          {t('moderation.flaggedSince', { when: formatDateTime(item.needsReviewSince, i18n.language) })}
        </time>
      </p>
      <p className="mt-3 flex flex-wrap items-center gap-2 text-sm">
        <span className="text-slate-700">{t('moderation.author')}</span>
        <span className="font-semibold text-slate-900">{item.author.displayName}</span>
        <RoleBadge role={item.author.role} />
        {item.author.status === 'suspended' && <Badge tone="danger">{t('moderation.authorSuspended')}</Badge>}
      </p>
      {/* A long text scrolls here: a named region that takes the focus, so that a keyboard can scroll it. */}
      <section
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must take the focus
        tabIndex={0}
        aria-label={t('moderation.excerptLabel', { title: item.title })}
        className="rich-text mt-3 max-h-48 overflow-y-auto rounded-lg bg-slate-50 px-4 py-3 text-slate-900"
        // Sanitised by the API (the stored body of the post or comment).
        // biome-ignore lint/security/noDangerouslySetInnerHtml: server-sanitised content
        dangerouslySetInnerHTML={{ __html: item.bodyHtml }}
      />
      {item.flagReasons.length > 0 && (
        <div className="mt-3">
          <h3 className="font-medium text-slate-900 text-sm">{t('moderation.flagReasonsLabel')}</h3>
          <ul className="mt-1 flex flex-wrap gap-2">
            {item.flagReasons.map((entry) => (
              <li key={entry.reason}>
                <Badge>
                  {t(`moderation.flagReasons.${entry.reason}`)} × {entry.count}
                </Badge>
              </li>
            ))}
          </ul>
        </div>
      )}
      {item.flagNotes.length > 0 && (
        <div className="mt-3">
          <h3 className="font-medium text-slate-900 text-sm">{t('moderation.notesLabel')}</h3>
          <ul className="mt-1 list-disc ps-5 text-slate-700 text-sm">
            {item.flagNotes.map((note, index) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: notes have no id and may repeat
              <li key={index} className="break-words">
                {note}
              </li>
            ))}
          </ul>
        </div>
      )}
      <div className="mt-4 flex flex-wrap items-center gap-2 border-slate-200 border-t pt-4">
        {item.postId ? (
          <Link
            to="/inside/$postId"
            params={{ postId: item.postId }}
            className="inline-flex min-h-11 items-center px-2 font-medium text-brand-800"
          >
            {t('moderation.openPost')}
          </Link>
        ) : item.proSlug ? (
          <Link
            to="/pros/$slug"
            params={{ slug: item.proSlug }}
            className="inline-flex min-h-11 items-center px-2 font-medium text-brand-800"
          >
            {t('moderation.openProfile')}
          </Link>
        ) : null}
        <ul aria-label={t('moderation.actionsLabel')} className="flex flex-wrap gap-2">
          {actions.map((action) => (
            <li key={action}>
              <ActionDialog item={item} action={action} onDone={onDone} />
            </li>
          ))}
        </ul>
      </div>
    </article>
  );
}

function ActionDialog({
  item,
  action,
  onDone,
}: {
  item: TModerationItem;
  action: TModerationAction;
  onDone: (outcome: Outcome) => void;
}) {
  const { t } = useTranslation('admin');
  const moderate = useModerate();
  const [open, setOpen] = useState(false);
  const [note, setNote] = useState('');
  const [noteMissing, setNoteMissing] = useState(false);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const needsNote = action === 'warn' || action === 'suspend';

  async function confirm(event: React.FormEvent) {
    event.preventDefault();
    const text = note.trim();
    if (needsNote && !text) {
      setNoteMissing(true);
      return;
    }
    setPending(true);
    setError(null);
    try {
      const result = await moderate.mutateAsync({
        targetType: item.targetType,
        id: item.id,
        action,
        note: text || undefined,
      });
      setOpen(false);
      onDone({ action, title: item.title, resolvedFlags: result.resolvedFlags });
    } catch (caught) {
      setError(caught);
    } finally {
      setPending(false);
    }
  }

  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (!next) {
          setError(null);
          setNoteMissing(false);
        }
      }}
    >
      <DialogTrigger asChild>
        <Button variant={action === 'hide' || action === 'suspend' ? 'danger' : 'secondary'}>
          {t(`moderation.actions.${action}`)}
        </Button>
      </DialogTrigger>
      <DialogContent
        title={t(`moderation.actions.${action}`)}
        description={t(`moderation.confirm.${action}`, { name: item.author.displayName })}
      >
        <form noValidate onSubmit={(event) => void confirm(event)} className="flex flex-col gap-4">
          {needsNote && (
            <Textarea
              label={t('moderation.note')}
              hint={t('moderation.noteHint')}
              required
              rows={4}
              maxLength={2000}
              value={note}
              error={noteMissing ? t('moderation.noteRequired') : undefined}
              onChange={(event) => {
                setNote(event.target.value);
                setNoteMissing(false);
              }}
            />
          )}
          <ServerErrorAlert error={error} />
          <div className="flex flex-col-reverse gap-3 sm:flex-row sm:justify-end">
            <DialogClose asChild>
              <Button variant="secondary">{t('moderation.cancel')}</Button>
            </DialogClose>
            <Button
              type="submit"
              variant={action === 'hide' || action === 'suspend' ? 'danger' : 'primary'}
              disabled={pending}
              aria-busy={pending || undefined}
            >
              {t(`moderation.actions.${action}`)}
            </Button>
          </div>
        </form>
      </DialogContent>
    </Dialog>
  );
}

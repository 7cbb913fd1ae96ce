import { MESSAGE_MAX_LENGTH, type TDocument, type TDossier, type TMessage } from '@capitune/contracts';
import { useRouterState } from '@tanstack/react-router';
import {
  type FormEvent,
  type KeyboardEvent,
  useCallback,
  useEffect,
  useId,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
} from 'react';
import { useTranslation } from 'react-i18next';
import { ServerErrorAlert } from '../../../components/forms/server-error-alert';
import { FileIcon, SendIcon } from '../../../components/ui/app-icons';
import { Button } from '../../../components/ui/button';
import { ChatIcon } from '../../../components/ui/icons';
import { Spinner } from '../../../components/ui/spinner';
import { Textarea } from '../../../components/ui/textarea';
import { getErrorMessage } from '../../../lib/api-error';
import { useSession } from '../../../lib/auth';
import { cn } from '../../../lib/cn';
import { formatMoment } from '../../../lib/dossiers/dates';
import { messageElementId } from '../../../lib/dossiers/deep-link';
import { useRealtimeStatus } from '../../../lib/use-realtime';
import { useDownloadDocument } from '../api/download-document';
import { isReadByOthers, type PendingMessage } from './chat-state';
import { MessageBody } from './message-body';
import { useChat } from './use-chat';

/** The history scrolls within about two thirds of a laptop screen (one-off sizes: no utility classes). */
const listSize = { maxHeight: '28rem', minHeight: '10rem' } as const;

/** A message takes at most this much of the width, so that the two sides stay apart. */
const bubbleSize = { maxWidth: 'min(85%, 40rem)' } as const;

/** Show the counter once this close to the limit. */
const COUNTER_FROM = MESSAGE_MAX_LENGTH - 500;

/** Every document of the dossier by id (current versions, older ones, extra documents). */
function documentsById(dossier: TDossier): Map<string, TDocument> {
  const map = new Map<string, TDocument>();
  for (const entry of dossier.checklist) {
    if (entry.current) map.set(entry.current.id, entry.current);
    for (const version of entry.previousVersions) map.set(version.id, version);
  }
  for (const document of dossier.otherDocuments) map.set(document.id, document);
  return map;
}

/**
 * The dossier's conversation between the candidate and the firm: newest at the bottom, older pages on
 * demand, live through the socket, read receipts on one's own messages, a polite announcement of the
 * other side's new messages, and a composer (Enter sends, Shift+Enter starts a new line).
 */
export function ChatPanel({ dossier }: { dossier: TDossier }) {
  const { t, i18n } = useTranslation('messages');
  const { user } = useSession();
  const myId = user?.id ?? '';
  const language = i18n.resolvedLanguage ?? i18n.language;
  const realtimeStatus = useRealtimeStatus();
  const [announcement, setAnnouncement] = useState('');
  const headingId = useId();

  const announce = useCallback(
    (message: TMessage) => {
      const excerpt = message.body.length > 160 ? `${message.body.slice(0, 160)}…` : message.body;
      setAnnouncement(t('chat.announce', { name: message.author.firstName, text: excerpt }));
    },
    [t],
  );
  const chat = useChat(dossier.id, myId, announce);
  const { state } = chat;
  const documents = useMemo(() => documentsById(dossier), [dossier]);

  const listRef = useRef<HTMLElement>(null);
  const endRef = useRef<HTMLDivElement>(null);
  const nearBottom = useRef(true);
  const olderAnchor = useRef<{ height: number; top: number } | null>(null);
  const [endVisible, setEndVisible] = useState(false);
  const [pageVisible, setPageVisible] = useState(
    typeof document === 'undefined' || document.visibilityState === 'visible',
  );

  // Follow the conversation: stay at the bottom when already there, or after sending.
  const lastKey = `${state.messages.at(-1)?.id ?? ''}|${state.pending.length}`;
  useLayoutEffect(() => {
    void lastKey;
    const list = listRef.current;
    if (!list) return;
    if (olderAnchor.current) {
      // An older page came in above: keep the same messages in view.
      list.scrollTop = list.scrollHeight - olderAnchor.current.height + olderAnchor.current.top;
      olderAnchor.current = null;
      return;
    }
    if (nearBottom.current) list.scrollTop = list.scrollHeight;
  }, [lastKey]);

  const firstId = state.messages[0]?.id;
  useLayoutEffect(() => {
    void firstId;
    const list = listRef.current;
    if (list && olderAnchor.current) {
      list.scrollTop = list.scrollHeight - olderAnchor.current.height + olderAnchor.current.top;
      olderAnchor.current = null;
    }
  }, [firstId]);

  // Read when seen: the end of the list on screen, in a visible tab.
  useEffect(() => {
    const end = endRef.current;
    if (!end || typeof IntersectionObserver === 'undefined') {
      setEndVisible(true);
      return;
    }
    const observer = new IntersectionObserver((entries) =>
      setEndVisible(entries.some((entry) => entry.isIntersecting)),
    );
    observer.observe(end);
    return () => observer.disconnect();
  }, []);
  useEffect(() => {
    const onVisibility = () => setPageVisible(document.visibilityState === 'visible');
    document.addEventListener('visibilitychange', onVisibility);
    return () => document.removeEventListener('visibilitychange', onVisibility);
  }, []);
  const { markSeen } = chat;
  useEffect(() => {
    void state.messages;
    if (endVisible && pageVisible && state.loaded) void markSeen();
  }, [endVisible, pageVisible, state.loaded, state.messages, markSeen]);

  function loadOlder() {
    const list = listRef.current;
    if (list) olderAnchor.current = { height: list.scrollHeight, top: list.scrollTop };
    void chat.loadOlder();
  }

  const counterpart =
    dossier.viewerRole === 'owner'
      ? dossier.agent
        ? `${dossier.agent.firstName} ${dossier.agent.lastName}`
        : null
      : `${dossier.owner.firstName} ${dossier.owner.lastName}`;
  const typingName = (() => {
    if (!chat.typingUserId) return null;
    const author = [...state.messages]
      .reverse()
      .find((message) => message.author.id === chat.typingUserId)?.author;
    return author ? author.firstName : t('chat.someone');
  })();

  return (
    <section
      id="messages"
      tabIndex={-1}
      aria-labelledby={headingId}
      // Working in the chat (the composer, the history) is reading it too.
      onFocus={() => {
        if (state.loaded && pageVisible) void markSeen();
      }}
      className="rounded-2xl bg-white shadow-sm ring-1 ring-slate-200"
    >
      <div className="flex flex-wrap items-center justify-between gap-3 border-slate-200 border-b px-5 py-4 sm:px-6">
        <div className="flex items-center gap-3">
          <ChatIcon className="size-6 shrink-0 text-brand-700" />
          <div>
            <h2 id={headingId} className="font-semibold text-slate-900 text-xl">
              {t('chat.title')}
            </h2>
            <p className="text-slate-600 text-sm">
              {counterpart ? t('chat.with', { name: counterpart }) : t('chat.noProYet')}
            </p>
          </div>
        </div>
        <p role="status" className="text-sm">
          {realtimeStatus === 'reconnecting' && (
            <span className="inline-flex items-center gap-2 rounded-full bg-amber-50 px-3 py-1 font-medium text-amber-900 ring-1 ring-amber-300 ring-inset">
              {t('chat.reconnecting')}
            </span>
          )}
        </p>
      </div>

      {/* New messages from the other side, read out without moving focus. */}
      <div aria-live="polite" aria-atomic="true" className="sr-only">
        {announcement}
      </div>

      <section
        ref={listRef}
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must take focus, or keyboards cannot scroll it
        tabIndex={0}
        aria-label={t('chat.listLabel')}
        onScroll={(event) => {
          const list = event.currentTarget;
          nearBottom.current = list.scrollHeight - list.scrollTop - list.clientHeight < 80;
        }}
        className="overflow-y-auto px-4 py-4 sm:px-6"
        style={listSize}
      >
        {state.nextBefore !== null && (
          <div className="mb-4 flex justify-center">
            <Button variant="secondary" onClick={loadOlder} disabled={chat.loadingOlder}>
              {t('chat.loadOlder')}
            </Button>
          </div>
        )}
        {!state.loaded && !chat.loadError && <Spinner label={t('chat.loading')} />}
        {chat.loadError ? (
          <ServerErrorAlert error={chat.loadError}>
            <Button variant="secondary" className="mt-2" onClick={() => void chat.reload()}>
              {t('chat.retryLoad')}
            </Button>
          </ServerErrorAlert>
        ) : null}
        {state.loaded && state.messages.length === 0 && state.pending.length === 0 && (
          <p className="py-6 text-center text-slate-600">{t('chat.empty')}</p>
        )}
        <ol className="flex flex-col gap-3">
          {state.messages.map((message) => (
            <MessageItem
              key={message.id}
              message={message}
              mine={message.author.id === myId}
              read={isReadByOthers(message, state.readers)}
              documents={documents}
              language={language}
              timeZone={user?.timeZone}
            />
          ))}
          {state.pending.map((message) => (
            <PendingItem key={message.clientId} message={message} onRetry={() => chat.retry(message)} />
          ))}
        </ol>
        <div ref={endRef} className="h-2" />
      </section>

      <p aria-live="polite" className="min-h-6 px-5 text-slate-600 text-sm sm:px-6">
        {typingName ? t('chat.typing', { name: typingName }) : ''}
      </p>

      <Composer
        documents={[...documents.values()].filter((document) => document.status !== 'withdrawn')}
        onSend={(body, documentIds) => {
          nearBottom.current = true;
          void chat.send(body, documentIds);
        }}
        onTyping={chat.typing}
      />
    </section>
  );
}

function MessageItem({
  message,
  mine,
  read,
  documents,
  language,
  timeZone,
}: {
  message: TMessage;
  mine: boolean;
  read: boolean;
  documents: Map<string, TDocument>;
  language: string;
  timeZone: string | undefined;
}) {
  const { t } = useTranslation('messages');
  const download = useDownloadDocument();
  const author = mine ? t('chat.you') : `${message.author.firstName} ${message.author.lastName}`;
  // Arriving from a notification's deep link (`#message-…`): the message stands out.
  const targeted =
    useRouterState({ select: (state) => state.location.hash }) === messageElementId(message.id);
  return (
    <li
      id={messageElementId(message.id)}
      tabIndex={-1}
      className={cn(
        'flex min-w-0 flex-col gap-1',
        mine ? 'items-end self-end' : 'items-start self-start',
        targeted && 'rounded-2xl p-1 ring-2 ring-brand-700',
      )}
      style={bubbleSize}
    >
      <span className="font-medium text-slate-700 text-xs">{author}</span>
      <div
        className={cn(
          'rounded-2xl px-4 py-2',
          mine ? ' bg-brand-800 text-white' : ' bg-slate-100 text-slate-900',
        )}
      >
        <MessageBody body={message.body} />
        {message.documentIds.length > 0 && (
          <ul className="mt-2 flex flex-col gap-1">
            {message.documentIds.map((id) => {
              const document = documents.get(id);
              return (
                <li key={id}>
                  {document && document.status !== 'withdrawn' ? (
                    <button
                      type="button"
                      onClick={() => download.mutate(document)}
                      className={cn(
                        'inline-flex items-center gap-1.5 text-start font-medium underline underline-offset-2',
                        mine ? 'text-white' : 'text-brand-800',
                      )}
                    >
                      <FileIcon className="size-4 shrink-0" />
                      {t('chat.attachment', { name: document.originalName })}
                    </button>
                  ) : (
                    <span className="inline-flex items-center gap-1.5">
                      <FileIcon className="size-4 shrink-0" />
                      {t('chat.attachmentGone')}
                    </span>
                  )}
                </li>
              );
            })}
          </ul>
        )}
      </div>
      <span className="text-slate-600 text-xs">
        <time dateTime={message.createdAt}>{formatMoment(message.createdAt, language, timeZone)}</time>
        {mine && <> · {read ? t('chat.read') : t('chat.sent')}</>}
      </span>
    </li>
  );
}

function PendingItem({ message, onRetry }: { message: PendingMessage; onRetry: () => void }) {
  const { t } = useTranslation('messages');
  return (
    <li className="flex min-w-0 flex-col items-end gap-1 self-end" style={bubbleSize}>
      <span className="font-medium text-slate-700 text-xs">{t('chat.you')}</span>
      <div
        className={cn(
          'rounded-2xl px-4 py-2',
          message.status === 'failed'
            ? 'bg-maple-50 text-maple-700 ring-1 ring-maple-100'
            : 'bg-brand-50 text-brand-950',
        )}
      >
        <MessageBody body={message.body} />
      </div>
      {message.status === 'sending' ? (
        <span className="text-slate-600 text-xs">{t('chat.sending')}</span>
      ) : (
        <span className="flex flex-wrap items-center justify-end gap-2 text-maple-700 text-xs">
          <span>
            {t('chat.failed')} <FailureReason error={message.error} />
          </span>
          <Button variant="secondary" onClick={onRetry}>
            {t('chat.retry')}
          </Button>
        </span>
      )}
    </li>
  );
}

function FailureReason({ error }: { error: unknown }) {
  const { t } = useTranslation('common');
  return <>{getErrorMessage(t, error)}</>;
}

function Composer({
  documents,
  onSend,
  onTyping,
}: {
  documents: TDocument[];
  onSend: (body: string, documentIds: string[]) => void;
  onTyping: () => void;
}) {
  const { t, i18n } = useTranslation('messages');
  const [body, setBody] = useState('');
  const [attached, setAttached] = useState<string[]>([]);
  const counterId = useId();
  const language = i18n.resolvedLanguage ?? i18n.language;
  const length = body.length;
  const tooLong = length > MESSAGE_MAX_LENGTH;
  const empty = body.trim().length === 0;

  function submit(event?: FormEvent) {
    event?.preventDefault();
    if (empty || tooLong) return;
    onSend(body.trim(), attached);
    setBody('');
    setAttached([]);
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    // Enter sends; Shift+Enter makes a new line; an input method composing a word keeps its Enter.
    if (event.key !== 'Enter' || event.shiftKey || event.nativeEvent.isComposing) return;
    event.preventDefault();
    submit();
  }

  const number = (value: number) => new Intl.NumberFormat(language).format(value);

  return (
    <form
      noValidate
      onSubmit={submit}
      className="flex flex-col gap-3 border-slate-200 border-t px-5 py-4 sm:px-6"
    >
      <Textarea
        label={t('chat.composerLabel')}
        hint={t('chat.composerHint')}
        rows={3}
        value={body}
        onChange={(event) => {
          setBody(event.target.value);
          onTyping();
        }}
        onKeyDown={onKeyDown}
        error={tooLong ? t('chat.tooLong', { max: number(MESSAGE_MAX_LENGTH) }) : undefined}
        aria-describedby={length >= COUNTER_FROM ? counterId : undefined}
      />
      {documents.length > 0 && (
        <details className="group">
          <summary className="inline-flex min-h-11 cursor-pointer items-center gap-2 font-medium text-brand-800">
            <FileIcon className="size-5" />
            {attached.length > 0 ? t('chat.attachCount', { count: attached.length }) : t('chat.attach')}
          </summary>
          <fieldset className="mt-2 flex flex-col gap-2">
            <legend className="sr-only">{t('chat.attach')}</legend>
            {documents.map((document) => (
              <label key={document.id} className="flex items-start gap-3 text-slate-800">
                <input
                  type="checkbox"
                  className="mt-0.5 size-5 shrink-0 accent-brand-700"
                  checked={attached.includes(document.id)}
                  onChange={(event) =>
                    setAttached((ids) =>
                      event.target.checked
                        ? [...ids, document.id].slice(0, 10)
                        : ids.filter((id) => id !== document.id),
                    )
                  }
                />
                <span className="break-all">{document.originalName}</span>
              </label>
            ))}
          </fieldset>
        </details>
      )}
      <div className="flex flex-wrap items-center justify-between gap-3">
        <p
          id={counterId}
          className={cn('text-sm', tooLong ? 'font-semibold text-maple-700' : 'text-slate-600')}
        >
          {length >= COUNTER_FROM &&
            t('chat.counter', { count: length, current: number(length), max: number(MESSAGE_MAX_LENGTH) })}
        </p>
        <Button type="submit" disabled={empty || tooLong}>
          <SendIcon className="size-5" />
          {t('chat.send')}
        </Button>
      </div>
    </form>
  );
}

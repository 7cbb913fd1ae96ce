import type { TDevEmail, TDevSms } from '@capitune/contracts';
import { useTranslation } from 'react-i18next';
import { ServerErrorAlert } from '../../../components/forms/server-error-alert';
import { Alert } from '../../../components/ui/alert';
import { Button } from '../../../components/ui/button';
import { Card } from '../../../components/ui/card';
import { Spinner } from '../../../components/ui/spinner';
import { isApiError } from '../../../lib/api-error';
import { formatDateTime } from '../../../lib/format';
import { linkify } from '../../../lib/linkify';
import { usePageMeta } from '../../../lib/use-page-meta';
import { useMailbox } from '../api/get-mailbox';
import { useSms } from '../api/get-sms';

/**
 * The emails of the outbox and the text messages (SMS codes), in embedded mode (a person trying CAPITUNE
 * on their machine, and the end-to-end tests). Emails are shown as plain text with clickable links: the
 * HTML version is never rendered.
 */
export function DevMailboxPage() {
  const { t } = useTranslation('mailbox');
  usePageMeta(t('metaTitle'));
  const mailbox = useMailbox();
  const sms = useSms();
  const unavailable = isApiError(mailbox.error) && mailbox.error.status === 404;

  return (
    <div className="mx-auto max-w-4xl px-4 py-10 sm:px-6 sm:py-14">
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <h1 className="font-bold text-3xl text-brand-950 tracking-tight">{t('title')}</h1>
          <p className="mt-3 max-w-2xl text-slate-700">{t('intro')}</p>
        </div>
        {!unavailable && (
          <Button
            variant="secondary"
            onClick={() => {
              void mailbox.refetch();
              void sms.refetch();
            }}
            disabled={mailbox.isFetching || sms.isFetching}
          >
            {t('refresh')}
          </Button>
        )}
      </div>

      {sms.data && sms.data.length > 0 && <SmsList messages={sms.data} />}

      <div className="mt-8">
        {mailbox.isPending && <Spinner label={t('loading')} />}
        {unavailable && (
          <Alert tone="info" live={false}>
            {t('unavailable')}
          </Alert>
        )}
        {mailbox.isError && !unavailable && <ServerErrorAlert error={mailbox.error} />}
        {mailbox.data && (
          <>
            <p role="status" className="mb-4 font-medium text-slate-700">
              {mailbox.data.length === 0 ? t('empty') : t('count', { count: mailbox.data.length })}
            </p>
            <ol className="flex flex-col gap-4">
              {mailbox.data.map((email) => (
                <li key={email.id}>
                  <EmailCard email={email} />
                </li>
              ))}
            </ol>
          </>
        )}
      </div>
    </div>
  );
}

function EmailCard({ email }: { email: TDevEmail }) {
  const { t, i18n } = useTranslation('mailbox');
  const headingId = `email-${email.id}`;
  return (
    <Card as="article" aria-labelledby={headingId} className="sm:p-6">
      <h2 id={headingId} className="font-semibold text-brand-950 text-lg">
        {email.subject}
      </h2>
      <p className="mt-1 flex flex-wrap gap-x-4 text-slate-600 text-sm">
        <span className="break-all">{t('to', { to: email.to })}</span>
        <span>{t('received', { date: formatDateTime(email.createdAt, i18n.language) })}</span>
      </p>
      <div className="mt-4 whitespace-pre-wrap break-words border-slate-200 border-t pt-4 text-slate-800">
        {linkify(email.text).map((part, index) =>
          part.kind === 'link' ? (
            <a
              // biome-ignore lint/suspicious/noArrayIndexKey: the parts never move
              key={index}
              href={part.href}
              className="break-all font-medium text-brand-800 underline underline-offset-2"
            >
              {part.href}
            </a>
          ) : (
            part.text
          ),
        )}
      </div>
    </Card>
  );
}

/** The text messages, shown only once there is one: most people trying CAPITUNE never ask for an SMS. */
function SmsList({ messages }: { messages: TDevSms[] }) {
  const { t, i18n } = useTranslation('mailbox');
  return (
    <section aria-labelledby="dev-sms-heading" className="mt-8">
      <h2 id="dev-sms-heading" className="font-semibold text-brand-950 text-xl">
        {t('sms.title')}
      </h2>
      <p className="mt-1 text-slate-700">{t('sms.count', { count: messages.length })}</p>
      <Card className="mt-4 sm:p-6">
        <ol className="flex flex-col divide-y divide-slate-200">
          {messages.map((message) => (
            <li key={message.id} className="py-3 first:pt-0 last:pb-0">
              <p className="flex flex-wrap gap-x-4 text-slate-600 text-sm">
                <span>{t('to', { to: message.to })}</span>
                <span>{t('received', { date: formatDateTime(message.createdAt, i18n.language) })}</span>
              </p>
              <p className="mt-1 break-words font-mono text-slate-900">{message.body}</p>
            </li>
          ))}
        </ol>
      </Card>
    </section>
  );
}

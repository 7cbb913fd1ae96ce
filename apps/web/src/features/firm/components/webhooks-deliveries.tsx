import type { TWebhookDelivery } from '@capitune/contracts';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { ServerErrorAlert } from '../../../components/forms/server-error-alert';
import { Badge, type BadgeTone } from '../../../components/ui/badge';
import { Button } from '../../../components/ui/button';
import { Spinner } from '../../../components/ui/spinner';
import { useSession } from '../../../lib/auth';
import { formatDateTime } from '../../../lib/format';
import { useRetryWebhookDelivery, useWebhookDeliveries } from '../api/webhooks';

const statusTones: Record<TWebhookDelivery['status'], BadgeTone> = {
  pending: 'warning',
  delivered: 'success',
  failed: 'danger',
};

/**
 * One endpoint's delivery log, newest first: each delivery's event, status and attempts (when, the
 * answer's status code or the network error, how long it took), with "send again" once it is settled.
 */
export function WebhooksDeliveries({
  firmId,
  webhookId,
  id,
}: {
  firmId: string;
  webhookId: string;
  id: string;
}) {
  const { t } = useTranslation('webhooks');
  const deliveries = useWebhookDeliveries(firmId, webhookId);
  const items = deliveries.data?.pages.flatMap((page) => page.items) ?? [];
  const listId = useId();

  return (
    <div id={id} className="mt-4 flex flex-col gap-3">
      {deliveries.isPending && <Spinner label={t('deliveries.loading')} />}
      {deliveries.isError && !deliveries.isFetchNextPageError && (
        <ServerErrorAlert error={deliveries.error}>
          <Button variant="secondary" className="mt-3" onClick={() => void deliveries.refetch()}>
            {t('deliveries.retryLoad')}
          </Button>
        </ServerErrorAlert>
      )}
      {deliveries.isSuccess && items.length === 0 && (
        <p className="rounded-xl bg-slate-50 px-4 py-4 text-slate-700">{t('deliveries.empty')}</p>
      )}
      {items.length > 0 && (
        <ol id={listId} aria-label={t('deliveries.listLabel')} className="flex flex-col gap-3">
          {items.map((delivery) => (
            <DeliveryItem key={delivery.id} firmId={firmId} webhookId={webhookId} delivery={delivery} />
          ))}
        </ol>
      )}
      {deliveries.hasNextPage && (
        <div>
          <Button
            variant="secondary"
            disabled={deliveries.isFetchingNextPage}
            aria-busy={deliveries.isFetchingNextPage || undefined}
            aria-controls={listId}
            onClick={() => void deliveries.fetchNextPage()}
          >
            {t('deliveries.loadMore')}
          </Button>
        </div>
      )}
      <ServerErrorAlert error={deliveries.isFetchNextPageError ? deliveries.error : null} />
    </div>
  );
}

function DeliveryItem({
  firmId,
  webhookId,
  delivery,
}: {
  firmId: string;
  webhookId: string;
  delivery: TWebhookDelivery;
}) {
  const { t, i18n } = useTranslation('webhooks');
  const { user } = useSession();
  const language = i18n.resolvedLanguage ?? i18n.language;
  const moment = (iso: string) => formatDateTime(iso, language, user?.timeZone);
  const retry = useRetryWebhookDelivery(firmId, webhookId);
  const headingId = useId();
  const number = new Intl.NumberFormat(language);
  const eventName =
    delivery.eventType === 'webhook.test' ? t('events.test') : t(`events.${delivery.eventType}.label`);

  return (
    <li>
      <article aria-labelledby={headingId} className="rounded-xl p-4 ring-1 ring-slate-200 ring-inset">
        <div className="flex flex-wrap items-start justify-between gap-2">
          <h4 id={headingId} className="min-w-0 font-semibold text-slate-900">
            {eventName}{' '}
            <code className="font-mono font-normal text-slate-600 text-xs">{delivery.eventType}</code>
          </h4>
          <Badge tone={statusTones[delivery.status]}>{t(`deliveries.status.${delivery.status}`)}</Badge>
        </div>
        <dl className="mt-2 grid gap-x-6 gap-y-1 text-sm sm:grid-cols-2">
          <div>
            <dt className="inline text-slate-600">{t('deliveries.created')} </dt>
            <dd className="inline text-slate-900">{moment(delivery.createdAt)}</dd>
          </div>
          {delivery.deliveredAt && (
            <div>
              <dt className="inline text-slate-600">{t('deliveries.delivered')} </dt>
              <dd className="inline text-slate-900">{moment(delivery.deliveredAt)}</dd>
            </div>
          )}
          {delivery.status === 'pending' && delivery.nextAttemptAt && (
            <div>
              <dt className="inline text-slate-600">{t('deliveries.nextAttempt')} </dt>
              <dd className="inline text-slate-900">{moment(delivery.nextAttemptAt)}</dd>
            </div>
          )}
          <div className="sm:col-span-2">
            <dt className="inline text-slate-600">{t('deliveries.id')} </dt>
            <dd className="inline break-all font-mono text-slate-900 text-xs">msg_{delivery.id}</dd>
          </div>
        </dl>
        {delivery.attempts.length === 0 ? (
          <p className="mt-2 text-slate-700 text-sm">{t('deliveries.noAttempt')}</p>
        ) : (
          <>
            <h5 className="mt-3 font-medium text-slate-800 text-sm">
              {t('deliveries.attempts', { count: delivery.attempts.length })}
            </h5>
            <ol className="mt-1 flex flex-col gap-1 text-sm">
              {delivery.attempts.map((attempt, index) => (
                <li
                  // Attempts are only ever appended: their order is their identity.
                  // biome-ignore lint/suspicious/noArrayIndexKey: see above
                  key={index}
                  className="flex flex-wrap gap-x-3 gap-y-0.5 rounded-lg bg-slate-50 px-3 py-1.5"
                >
                  <time dateTime={attempt.at} className="text-slate-700">
                    {moment(attempt.at)}
                  </time>
                  {attempt.statusCode !== null ? (
                    <span
                      className={
                        attempt.statusCode >= 200 && attempt.statusCode < 300
                          ? 'font-semibold text-emerald-800'
                          : 'font-semibold text-maple-700'
                      }
                    >
                      {t('deliveries.statusCode', { code: attempt.statusCode })}
                    </span>
                  ) : (
                    <span className="font-semibold text-maple-700">
                      {t('deliveries.error', { error: attempt.error ?? t('deliveries.unknownError') })}
                    </span>
                  )}
                  <span className="text-slate-700">
                    {t('deliveries.duration', { ms: number.format(attempt.durationMs) })}
                  </span>
                </li>
              ))}
            </ol>
          </>
        )}
        {delivery.status !== 'pending' && (
          <Button
            variant="secondary"
            size="sm"
            className="mt-3"
            disabled={retry.isPending}
            aria-busy={retry.isPending || undefined}
            aria-describedby={headingId}
            onClick={() => retry.mutate(delivery.id)}
          >
            {t('deliveries.sendAgain')}
          </Button>
        )}
        {retry.isSuccess && (
          <p role="status" className="mt-2 text-emerald-800 text-sm">
            {t('deliveries.queued')}
          </p>
        )}
        <ServerErrorAlert error={retry.error} className="mt-2" />
      </article>
    </li>
  );
}

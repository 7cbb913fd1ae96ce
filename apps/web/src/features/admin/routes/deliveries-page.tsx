import type { TDelivery, TDeliveryStatus } from '@capitune/contracts';
import { getRouteApi, Link } from '@tanstack/react-router';
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ServerErrorAlert } from '../../../components/forms/server-error-alert';
import { Badge, type BadgeTone } from '../../../components/ui/badge';
import { Button, ButtonLink } from '../../../components/ui/button';
import { Input } from '../../../components/ui/input';
import { Select } from '../../../components/ui/select';
import { Spinner } from '../../../components/ui/spinner';
import { usePageMeta } from '../../../lib/use-page-meta';
import { useDeliveries } from '../api/list-deliveries';
import { AdminGate } from '../components/admin-gate';
import { AdminNav } from '../components/admin-nav';
import { useAdminFormatters } from '../components/user-formatters';
import {
  type DeliveriesSearch,
  deliveryChannels,
  deliveryStatusList,
  isUuid,
  validateDeliveriesSearch,
} from './deliveries-search';

const route = getRouteApi('/admin/deliveries');

const statusTones: Record<TDeliveryStatus, BadgeTone> = {
  queued: 'brand',
  waiting: 'neutral',
  sent: 'success',
  failed: 'danger',
  skipped: 'warning',
};

export function DeliveriesPage() {
  return (
    <AdminGate>
      <Deliveries />
    </AdminGate>
  );
}

/** `/admin/deliveries`: each notification on each channel (queued, waiting, sent, failed, skipped), filtered from the URL. */
function Deliveries() {
  const { t } = useTranslation('admin-deliveries');
  usePageMeta(t('metaTitle'));
  const search = route.useSearch();
  const searchKey = JSON.stringify(search);

  return (
    <div className="mx-auto max-w-7xl px-4 py-10 sm:px-6 sm:py-14">
      <AdminNav />
      <h1 className="mt-6 font-bold text-3xl text-brand-950 tracking-tight sm:text-4xl">{t('title')}</h1>
      <p className="mt-3 max-w-3xl text-lg text-slate-700">{t('intro')}</p>
      <DeliveryFilters key={`filters-${searchKey}`} search={search} />
      <DeliveryResults key={`results-${searchKey}`} search={search} />
    </div>
  );
}

function DeliveryFilters({ search }: { search: DeliveriesSearch }) {
  const { t } = useTranslation('admin-deliveries');
  const navigate = route.useNavigate();
  const [values, setValues] = useState({
    channel: search.channel ?? '',
    status: search.status ?? '',
    userId: search.userId ?? '',
    notificationId: search.notificationId ?? '',
  });
  const [invalid, setInvalid] = useState<{ userId?: boolean; notificationId?: boolean }>({});
  const set = (name: keyof typeof values) => (event: { target: { value: string } }) =>
    setValues((previous) => ({ ...previous, [name]: event.target.value }));

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const wrong = {
      userId: values.userId.trim() !== '' && !isUuid(values.userId),
      notificationId: values.notificationId.trim() !== '' && !isUuid(values.notificationId),
    };
    setInvalid(wrong);
    if (wrong.userId || wrong.notificationId) {
      const field = event.currentTarget.elements.namedItem(wrong.userId ? 'userId' : 'notificationId');
      if (field instanceof HTMLInputElement) field.focus();
      return;
    }
    void navigate({ search: validateDeliveriesSearch(values) });
  }

  return (
    <search aria-label={t('filters.label')}>
      <form noValidate onSubmit={onSubmit} className="mt-6 grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        <Select label={t('filters.channel')} name="channel" value={values.channel} onChange={set('channel')}>
          <option value="">{t('filters.anyChannel')}</option>
          {deliveryChannels.map((channel) => (
            <option key={channel} value={channel}>
              {t(`channels.${channel}`)}
            </option>
          ))}
        </Select>
        <Select label={t('filters.status')} name="status" value={values.status} onChange={set('status')}>
          <option value="">{t('filters.anyStatus')}</option>
          {deliveryStatusList.map((status) => (
            <option key={status} value={status}>
              {t(`statuses.${status}`)}
            </option>
          ))}
        </Select>
        <Input
          label={t('filters.userId')}
          name="userId"
          value={values.userId}
          autoComplete="off"
          spellCheck={false}
          maxLength={36}
          error={invalid.userId ? t('filters.invalidId') : undefined}
          onChange={set('userId')}
        />
        <Input
          label={t('filters.notificationId')}
          name="notificationId"
          value={values.notificationId}
          autoComplete="off"
          spellCheck={false}
          maxLength={36}
          error={invalid.notificationId ? t('filters.invalidId') : undefined}
          onChange={set('notificationId')}
        />
        <div className="flex flex-wrap items-center gap-3 sm:col-span-2 lg:col-span-4">
          <Button type="submit">{t('filters.apply')}</Button>
          <ButtonLink to="/admin/deliveries" search={{}} variant="ghost">
            {t('filters.reset')}
          </ButtonLink>
        </div>
      </form>
    </search>
  );
}

function DeliveryResults({ search }: { search: DeliveriesSearch }) {
  const { t } = useTranslation('admin-deliveries');
  const deliveries = useDeliveries(search);
  const items = deliveries.data?.pages.flatMap((page) => page.items) ?? [];
  const resultsId = useId();

  return (
    <section aria-labelledby={`${resultsId}-heading`} className="mt-8">
      <h2 id={`${resultsId}-heading`} className="sr-only">
        {t('results.label')}
      </h2>
      {deliveries.isPending && <Spinner label={t('results.loading')} />}
      {deliveries.isError && !deliveries.isFetchNextPageError && (
        <ServerErrorAlert error={deliveries.error}>
          <Button variant="secondary" className="mt-3" onClick={() => void deliveries.refetch()}>
            {t('results.retry')}
          </Button>
        </ServerErrorAlert>
      )}
      {deliveries.isSuccess && items.length === 0 && (
        <p className="rounded-xl bg-slate-50 px-4 py-6 text-center text-slate-700">{t('results.empty')}</p>
      )}
      {items.length > 0 && (
        <>
          <DeliveriesTable id={resultsId} items={items} />
          <DeliveriesCards id={`${resultsId}-cards`} items={items} />
        </>
      )}
      {deliveries.hasNextPage && (
        <div className="mt-6 flex justify-center">
          <Button
            variant="secondary"
            disabled={deliveries.isFetchingNextPage}
            aria-busy={deliveries.isFetchingNextPage || undefined}
            aria-controls={`${resultsId} ${resultsId}-cards`}
            onClick={() => void deliveries.fetchNextPage()}
          >
            {t('results.loadMore')}
          </Button>
        </div>
      )}
      <ServerErrorAlert error={deliveries.isFetchNextPageError ? deliveries.error : null} className="mt-3" />
    </section>
  );
}

function StatusBadge({ status }: { status: TDeliveryStatus }) {
  const { t } = useTranslation('admin-deliveries');
  return <Badge tone={statusTones[status]}>{t(`statuses.${status}`)}</Badge>;
}

function PersonLink({ delivery }: { delivery: TDelivery }) {
  return (
    <Link
      to="/admin/users/$id"
      params={{ id: delivery.userId }}
      className="font-semibold text-brand-900 underline-offset-2 hover:underline"
    >
      {delivery.userName}
    </Link>
  );
}

/** The notification's other channels: the same log, filtered on it. */
function NotificationLink({ delivery }: { delivery: TDelivery }) {
  const { t } = useTranslation('admin-deliveries');
  return (
    <Link
      to="/admin/deliveries"
      search={{ notificationId: delivery.notificationId }}
      className="text-brand-800 text-xs underline-offset-2 hover:underline"
    >
      {t('results.sameNotification')}
    </Link>
  );
}

/** Wide screens: a table, one delivery a row. */
function DeliveriesTable({ id, items }: { id: string; items: TDelivery[] }) {
  const { t } = useTranslation('admin-deliveries');
  const { moment } = useAdminFormatters();
  const cell = 'px-3 py-3 align-top';
  const columns = ['date', 'person', 'type', 'channel', 'status', 'reason', 'attempts', 'sentAt'] as const;
  return (
    <div className="mt-4 hidden overflow-x-auto rounded-xl ring-1 ring-slate-200 md:block">
      <table id={id} className="w-full border-collapse bg-white text-left text-sm">
        <caption className="sr-only">{t('results.label')}</caption>
        <thead className="bg-slate-50 text-slate-700">
          <tr>
            {columns.map((column) => (
              <th key={column} scope="col" className={cell}>
                {t(`columns.${column}`)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {items.map((delivery) => (
            <tr key={delivery.id} className="border-slate-200 border-t">
              <td className={`${cell} whitespace-nowrap text-slate-700`}>{moment(delivery.createdAt)}</td>
              <th scope="row" className={cell}>
                <PersonLink delivery={delivery} />
              </th>
              <td className={`${cell} text-slate-800`}>
                <span className="block">{t(`types.${delivery.type}`)}</span>
                <NotificationLink delivery={delivery} />
              </td>
              <td className={`${cell} text-slate-800`}>{t(`channels.${delivery.channel}`)}</td>
              <td className={cell}>
                <StatusBadge status={delivery.status} />
              </td>
              <td className={`${cell} break-words text-slate-800`}>{delivery.reason ?? t('results.none')}</td>
              <td className={`${cell} text-slate-800`}>{delivery.attempts}</td>
              <td className={`${cell} whitespace-nowrap text-slate-700`}>
                {delivery.sentAt ? moment(delivery.sentAt) : t('results.none')}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Narrow screens: the same deliveries as stacked cards. */
function DeliveriesCards({ id, items }: { id: string; items: TDelivery[] }) {
  const { t } = useTranslation('admin-deliveries');
  const { moment } = useAdminFormatters();
  return (
    <ul id={id} aria-label={t('results.label')} className="mt-4 flex flex-col gap-3 md:hidden">
      {items.map((delivery) => (
        <li key={delivery.id}>
          <article
            aria-label={`${delivery.userName}, ${t(`channels.${delivery.channel}`)}`}
            className="rounded-2xl bg-white p-4 shadow-sm ring-1 ring-slate-200"
          >
            <div className="flex flex-wrap items-start justify-between gap-2">
              <h3 className="min-w-0 text-lg">
                <PersonLink delivery={delivery} />
              </h3>
              <StatusBadge status={delivery.status} />
            </div>
            <p className="mt-1 text-slate-800">
              {t(`types.${delivery.type}`)} · {t(`channels.${delivery.channel}`)}
            </p>
            <NotificationLink delivery={delivery} />
            <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm">
              <dt className="text-slate-600">{t('columns.date')}</dt>
              <dd className="text-slate-900">{moment(delivery.createdAt)}</dd>
              {delivery.reason && (
                <>
                  <dt className="text-slate-600">{t('columns.reason')}</dt>
                  <dd className="break-words text-slate-900">{delivery.reason}</dd>
                </>
              )}
              <dt className="text-slate-600">{t('columns.attempts')}</dt>
              <dd className="text-slate-900">{delivery.attempts}</dd>
              <dt className="text-slate-600">{t('columns.sentAt')}</dt>
              <dd className="text-slate-900">
                {delivery.sentAt ? moment(delivery.sentAt) : t('results.none')}
              </dd>
            </dl>
          </article>
        </li>
      ))}
    </ul>
  );
}

import type { TWebhookEndpoint, TWebhookEndpointWithSecret } from '@capitune/contracts';
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ServerErrorAlert } from '../../../components/forms/server-error-alert';
import { Badge } from '../../../components/ui/badge';
import { Button } from '../../../components/ui/button';
import { ConfirmDialog } from '../../../components/ui/confirm-dialog';
import { Input } from '../../../components/ui/input';
import { SubmitButton } from '../../../components/ui/submit-button';
import { useSession } from '../../../lib/auth';
import { encodeMessage, translateMessage } from '../../../lib/form-errors';
import { formatDateTime } from '../../../lib/format';
import {
  useDeleteWebhook,
  useRotateWebhookSecret,
  useSendWebhookTest,
  useUpdateWebhook,
} from '../api/webhooks';
import { WebhooksDeliveries } from './webhooks-deliveries';

const DEFAULT_OVERLAP_HOURS = 24;
const MAX_OVERLAP_HOURS = 168;

/**
 * One endpoint: its address, events and status (with why it was disabled), and what a licensee does with
 * it: switch it on or off, send a test, rotate its secret (the old one signs on for a chosen overlap),
 * delete it, and read its delivery log.
 */
export function WebhooksEndpointCard({
  firmId,
  endpoint,
  onSecret,
}: {
  firmId: string;
  endpoint: TWebhookEndpoint;
  onSecret: (endpoint: TWebhookEndpointWithSecret) => void;
}) {
  const { t, i18n } = useTranslation('webhooks');
  const { user } = useSession();
  const language = i18n.resolvedLanguage ?? i18n.language;
  const moment = (iso: string) => formatDateTime(iso, language, user?.timeZone);
  const headingId = useId();
  const logId = useId();
  const update = useUpdateWebhook(firmId);
  const remove = useDeleteWebhook(firmId);
  const test = useSendWebhookTest(firmId);
  const [logOpen, setLogOpen] = useState(false);
  const [rotating, setRotating] = useState(false);
  const active = endpoint.status === 'active';
  const overlapEnds =
    endpoint.previousSecretExpiresAt && Date.parse(endpoint.previousSecretExpiresAt) > Date.now()
      ? endpoint.previousSecretExpiresAt
      : null;

  return (
    <li>
      <article
        aria-labelledby={headingId}
        className="rounded-2xl bg-white p-5 shadow-sm ring-1 ring-slate-200 sm:p-6"
      >
        <div className="flex flex-wrap items-start justify-between gap-3">
          <div className="min-w-0">
            <h3 id={headingId} className="break-all font-mono font-semibold text-slate-900">
              {endpoint.url}
            </h3>
            {endpoint.description && <p className="mt-1 text-slate-700">{endpoint.description}</p>}
          </div>
          <Badge tone={active ? 'success' : 'warning'}>{t(`endpoint.status.${endpoint.status}`)}</Badge>
        </div>
        {!active && (
          <p className="mt-2 text-amber-950 text-sm">
            {endpoint.disabledReason
              ? t('endpoint.disabledBecause', { reason: endpoint.disabledReason })
              : t('endpoint.disabledByHand')}
          </p>
        )}
        <dl className="mt-3 flex flex-col gap-2 text-sm">
          <div>
            <dt className="text-slate-600">{t('endpoint.events')}</dt>
            <dd>
              <ul className="mt-1 flex flex-wrap gap-1.5">
                {endpoint.eventTypes.map((type) => (
                  <li key={type}>
                    <Badge tone="brand">{t(`events.${type}.label`)}</Badge>
                  </li>
                ))}
              </ul>
            </dd>
          </div>
          <div>
            <dt className="inline text-slate-600">{t('endpoint.created')} </dt>
            <dd className="inline text-slate-900">{moment(endpoint.createdAt)}</dd>
          </div>
          {overlapEnds && (
            <div>
              <dt className="inline text-slate-600">{t('endpoint.previousSecret')} </dt>
              <dd className="inline text-slate-900">
                {t('endpoint.previousSecretUntil', { date: moment(overlapEnds) })}
              </dd>
            </div>
          )}
        </dl>

        <div className="mt-4 flex flex-wrap gap-2">
          <Button
            variant="secondary"
            size="sm"
            disabled={test.isPending || !active}
            aria-busy={test.isPending || undefined}
            aria-describedby={headingId}
            onClick={() =>
              test.mutate(endpoint.id, {
                onSuccess: () => setLogOpen(true),
              })
            }
          >
            {t('endpoint.sendTest')}
          </Button>
          <Button
            variant="secondary"
            size="sm"
            aria-expanded={rotating}
            aria-describedby={headingId}
            onClick={() => setRotating((value) => !value)}
          >
            {t('endpoint.rotate')}
          </Button>
          <Button
            variant="secondary"
            size="sm"
            disabled={update.isPending}
            aria-describedby={headingId}
            onClick={() => update.mutate({ webhookId: endpoint.id, body: { enabled: !active } })}
          >
            {active ? t('endpoint.disable') : t('endpoint.enable')}
          </Button>
          <ConfirmDialog
            title={t('endpoint.deleteTitle')}
            description={t('endpoint.deleteDescription', { url: endpoint.url })}
            confirmLabel={t('endpoint.deleteConfirm')}
            cancelLabel={t('endpoint.cancel')}
            onConfirm={() => remove.mutateAsync(endpoint.id)}
            trigger={
              <Button variant="ghost" size="sm" aria-describedby={headingId}>
                {t('endpoint.delete')}
              </Button>
            }
          />
        </div>
        {test.isSuccess && (
          <p role="status" className="mt-2 text-emerald-800 text-sm">
            {t('endpoint.testQueued')}
          </p>
        )}
        <ServerErrorAlert error={test.error ?? update.error} className="mt-3" />

        {rotating && (
          <RotateForm
            firmId={firmId}
            endpoint={endpoint}
            onCancel={() => setRotating(false)}
            onRotated={(rotated) => {
              setRotating(false);
              onSecret(rotated);
            }}
          />
        )}

        <div className="mt-5 border-slate-200 border-t pt-4">
          <Button
            variant="ghost"
            aria-expanded={logOpen}
            aria-controls={logOpen ? logId : undefined}
            onClick={() => setLogOpen((value) => !value)}
          >
            {logOpen ? t('endpoint.hideLog') : t('endpoint.showLog')}
          </Button>
          {logOpen && <WebhooksDeliveries id={logId} firmId={firmId} webhookId={endpoint.id} />}
        </div>
      </article>
    </li>
  );
}

/** The new secret signs from now on; the old one still signs (a second signature) for `overlapHours`. */
function RotateForm({
  firmId,
  endpoint,
  onCancel,
  onRotated,
}: {
  firmId: string;
  endpoint: TWebhookEndpoint;
  onCancel: () => void;
  onRotated: (endpoint: TWebhookEndpointWithSecret) => void;
}) {
  const { t } = useTranslation(['webhooks', 'forms']);
  const rotate = useRotateWebhookSecret(firmId);
  const [hours, setHours] = useState(String(DEFAULT_OVERLAP_HOURS));
  const [fieldError, setFieldError] = useState<string | undefined>();
  const headingId = useId();

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    const value = Number(hours);
    if (hours.trim() === '' || !Number.isInteger(value) || value < 0 || value > MAX_OVERLAP_HOURS) {
      setFieldError(encodeMessage('webhooks:rotate.hoursInvalid', { max: MAX_OVERLAP_HOURS }));
      return;
    }
    setFieldError(undefined);
    rotate.mutate({ webhookId: endpoint.id, overlapHours: value }, { onSuccess: onRotated });
  }

  return (
    <form
      noValidate
      aria-labelledby={headingId}
      onSubmit={onSubmit}
      className="mt-4 flex flex-col gap-3 rounded-xl bg-slate-50 p-4 ring-1 ring-slate-200 ring-inset"
    >
      <h4 id={headingId} className="font-semibold text-slate-900">
        {t('rotate.heading')}
      </h4>
      <p className="text-slate-700 text-sm">{t('rotate.intro')}</p>
      <Input
        label={t('rotate.hours')}
        hint={t('rotate.hoursHint', { max: MAX_OVERLAP_HOURS })}
        type="number"
        inputMode="numeric"
        min={0}
        max={MAX_OVERLAP_HOURS}
        step={1}
        value={hours}
        onChange={(event) => setHours(event.target.value)}
        error={translateMessage(t, fieldError)}
        className="max-w-xs"
      />
      <ServerErrorAlert error={rotate.error} />
      <div className="flex flex-wrap gap-2">
        <SubmitButton pending={rotate.isPending}>{t('rotate.submit')}</SubmitButton>
        <Button variant="ghost" onClick={onCancel}>
          {t('rotate.cancel')}
        </Button>
      </div>
    </form>
  );
}

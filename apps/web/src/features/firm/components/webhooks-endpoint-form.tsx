import {
  type TWebhookEndpointWithSecret,
  webhookEventTypes,
  ZWebhookEndpointBody,
} from '@capitune/contracts';
import { useId, useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { ServerErrorAlert } from '../../../components/forms/server-error-alert';
import { Checkbox } from '../../../components/ui/checkbox';
import { FieldError, Input } from '../../../components/ui/input';
import { SubmitButton } from '../../../components/ui/submit-button';
import { isApiError } from '../../../lib/api-error';
import { applyServerErrors, encodeMessage, translateMessage } from '../../../lib/form-errors';
import { formResolver } from '../../../lib/form-resolver';
import { useCreateWebhook } from '../api/webhooks';

type Values = z.input<typeof ZWebhookEndpointBody>;
type Output = z.output<typeof ZWebhookEndpointBody>;

const emptyValues: Values = { url: '', description: '', eventTypes: [] };

/**
 * "Add an endpoint": an https address, a description, the event types (each explained). The API checks
 * the address (https, a public host): its refusal (WEBHOOK_URL_NOT_ALLOWED) shows under the field.
 */
export function WebhooksEndpointForm({
  firmId,
  headingId,
  className,
  onCreated,
}: {
  firmId: string;
  headingId: string;
  className?: string;
  onCreated: (endpoint: TWebhookEndpointWithSecret) => void;
}) {
  const { t } = useTranslation(['webhooks', 'forms', 'common']);
  const create = useCreateWebhook(firmId);
  const [formError, setFormError] = useState<unknown>(null);
  const eventsErrorId = useId();
  const form = useForm<Values, unknown, Output>({
    resolver: formResolver<Values, Output>(ZWebhookEndpointBody),
    defaultValues: emptyValues,
  });
  const { errors } = form.formState;
  const eventsError = translateMessage(t, errors.eventTypes?.message ?? errors.eventTypes?.root?.message);

  async function onSubmit(body: Output) {
    setFormError(null);
    try {
      const created = await create.mutateAsync(body);
      form.reset(emptyValues);
      onCreated(created);
    } catch (error) {
      if (isApiError(error) && error.code === 'WEBHOOK_URL_NOT_ALLOWED') {
        form.setError(
          'url',
          { type: 'server', message: encodeMessage('common:errors.WEBHOOK_URL_NOT_ALLOWED') },
          { shouldFocus: true },
        );
        return;
      }
      if (!applyServerErrors(error, form.setError, ['url', 'description', 'eventTypes'])) setFormError(error);
    }
  }

  return (
    <section aria-labelledby={headingId} className={className}>
      <h2 id={headingId} className="font-semibold text-slate-900 text-xl">
        {t('form.heading')}
      </h2>
      <p className="mt-2 text-slate-700">{t('form.intro')}</p>
      <form noValidate onSubmit={form.handleSubmit(onSubmit)} className="mt-4 flex flex-col gap-5">
        <Input
          label={t('form.url')}
          hint={t('form.urlHint')}
          type="url"
          inputMode="url"
          autoComplete="off"
          spellCheck={false}
          required
          maxLength={2048}
          error={translateMessage(t, errors.url?.message)}
          {...form.register('url')}
        />
        <Input
          label={t('form.description')}
          hint={t('form.descriptionHint')}
          autoComplete="off"
          maxLength={200}
          error={translateMessage(t, errors.description?.message)}
          {...form.register('description')}
        />
        <fieldset className="flex flex-col gap-3" aria-describedby={eventsError ? eventsErrorId : undefined}>
          <legend className="font-semibold text-slate-900">
            {t('form.events')}
            <span aria-hidden="true" className="ms-0.5 text-maple-700">
              *
            </span>
          </legend>
          <p className="text-slate-600 text-sm">{t('form.eventsHint')}</p>
          {webhookEventTypes.map((type) => (
            <Checkbox
              key={type}
              value={type}
              label={
                <span className="flex flex-col">
                  <span className="font-medium text-slate-900">
                    {t(`events.${type}.label`)}{' '}
                    <code className="font-mono text-slate-600 text-xs">{type}</code>
                  </span>
                  <span className="text-slate-700 text-sm">{t(`events.${type}.description`)}</span>
                </span>
              }
              {...form.register('eventTypes')}
            />
          ))}
          <FieldError id={eventsErrorId} message={eventsError} />
        </fieldset>
        <ServerErrorAlert error={formError} />
        <div>
          <SubmitButton pending={create.isPending}>{t('form.submit')}</SubmitButton>
        </div>
      </form>
    </section>
  );
}

import type { TFirm } from '@capitune/contracts';
import { Link } from '@tanstack/react-router';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ServerErrorAlert } from '../../../components/forms/server-error-alert';
import { Button } from '../../../components/ui/button';
import { Spinner } from '../../../components/ui/spinner';
import { isApiError } from '../../../lib/api-error';
import { useSession } from '../../../lib/auth';
import { usePageMeta } from '../../../lib/use-page-meta';
import { useMyFirm } from '../api/get-my-firm';
import { useWebhooks } from '../api/webhooks';
import { WebhooksEndpointCard } from '../components/webhooks-endpoint-card';
import { WebhooksEndpointForm } from '../components/webhooks-endpoint-form';
import { type RevealedSecret, WebhooksSecret } from '../components/webhooks-secret';
import { WebhooksVerifyHelp } from '../components/webhooks-verify-help';

const card = 'rounded-2xl bg-white p-5 shadow-sm ring-1 ring-slate-200 sm:p-6';

/**
 * `/firm/webhooks`: the firm's outgoing webhooks, for its own tools or an automation service. Its
 * licensees register https endpoints and the events each receives; deliveries are signed per Standard
 * Webhooks, with a log per endpoint. Agents and others are told the page is for licensees (the API
 * refuses them too).
 */
export function WebhooksPage() {
  const { t } = useTranslation('webhooks');
  usePageMeta(t('metaTitle'));
  const { user } = useSession();
  return (
    <div className="mx-auto max-w-4xl px-4 py-10 sm:px-6 sm:py-14">
      <Link to="/firm" className="font-medium text-brand-800 underline-offset-4 hover:underline">
        ← {t('back')}
      </Link>
      <h1 className="mt-4 font-bold text-3xl text-brand-950 tracking-tight sm:text-4xl">{t('title')}</h1>
      {user?.role === 'pro' ? (
        <MyFirmWebhooks />
      ) : (
        <p className="mt-4 text-lg text-slate-700">{t('notPro')}</p>
      )}
    </div>
  );
}

function MyFirmWebhooks() {
  const { t } = useTranslation('webhooks');
  const firm = useMyFirm();
  if (firm.isPending) return <Spinner label={t('loading')} className="mt-8" />;
  if (firm.isError) {
    return isApiError(firm.error) && firm.error.code === 'NOT_FOUND' ? (
      <p className="mt-4 text-lg text-slate-700">{t('noFirm')}</p>
    ) : (
      <ServerErrorAlert error={firm.error} className="mt-8" />
    );
  }
  if (firm.data.viewerRole !== 'licensee') {
    return <p className="mt-4 text-lg text-slate-700">{t('licenseesOnly')}</p>;
  }
  return <FirmWebhooks firm={firm.data} />;
}

function FirmWebhooks({ firm }: { firm: TFirm }) {
  const { t } = useTranslation('webhooks');
  const webhooks = useWebhooks(firm.id);
  const [revealed, setRevealed] = useState<RevealedSecret | null>(null);
  const ids = { list: useId(), add: useId(), verify: useId() };

  return (
    <>
      <p className="mt-2 font-semibold text-brand-900 text-xl">{firm.name}</p>
      <p className="mt-4 max-w-3xl text-lg text-slate-700">{t('intro')}</p>
      <div className="mt-8 flex flex-col gap-6">
        {revealed && (
          <WebhooksSecret key={revealed.secret} revealed={revealed} onDone={() => setRevealed(null)} />
        )}

        <section aria-labelledby={ids.list} className="flex flex-col gap-4">
          <h2 id={ids.list} className="font-semibold text-slate-900 text-xl">
            {t('list.heading')}
          </h2>
          {webhooks.isPending && <Spinner label={t('list.loading')} />}
          {webhooks.isError && (
            <ServerErrorAlert error={webhooks.error}>
              <Button variant="secondary" className="mt-3" onClick={() => void webhooks.refetch()}>
                {t('list.retry')}
              </Button>
            </ServerErrorAlert>
          )}
          {webhooks.isSuccess && webhooks.data.items.length === 0 && (
            <p className="rounded-xl bg-slate-50 px-4 py-6 text-slate-700">{t('list.empty')}</p>
          )}
          {webhooks.isSuccess && webhooks.data.items.length > 0 && (
            <ul className="flex flex-col gap-4">
              {webhooks.data.items.map((endpoint) => (
                <WebhooksEndpointCard
                  key={endpoint.id}
                  firmId={firm.id}
                  endpoint={endpoint}
                  onSecret={(rotated) =>
                    setRevealed({ endpointUrl: rotated.url, secret: rotated.secret, reason: 'rotated' })
                  }
                />
              ))}
            </ul>
          )}
        </section>

        <WebhooksEndpointForm
          firmId={firm.id}
          headingId={ids.add}
          className={card}
          onCreated={(created) =>
            setRevealed({ endpointUrl: created.url, secret: created.secret, reason: 'created' })
          }
        />

        <WebhooksVerifyHelp headingId={ids.verify} className={card} />
      </div>
    </>
  );
}

import { useTranslation } from 'react-i18next';

/** How a receiver checks a delivery (Standard Webhooks): the three headers and the signed content. */
export function WebhooksVerifyHelp({ headingId, className }: { headingId: string; className?: string }) {
  const { t } = useTranslation('webhooks');
  const code = 'rounded bg-slate-100 px-1 py-0.5 font-mono text-slate-900 text-sm';
  return (
    <section aria-labelledby={headingId} className={className}>
      <h2 id={headingId} className="font-semibold text-slate-900 text-xl">
        {t('verify.heading')}
      </h2>
      <p className="mt-2 text-slate-700">{t('verify.intro')}</p>
      <dl className="mt-3 flex flex-col gap-2 text-slate-800">
        {(['id', 'timestamp', 'signature'] as const).map((header) => (
          <div key={header} className="flex flex-col gap-0.5 sm:flex-row sm:gap-3">
            <dt className="shrink-0 sm:w-48">
              <code className={code}>webhook-{header}</code>
            </dt>
            <dd>{t(`verify.headers.${header}`)}</dd>
          </div>
        ))}
      </dl>
      <p className="mt-3 text-slate-700">
        {t('verify.howTo')}{' '}
        <code className={`${code} break-all`}>{'{webhook-id}.{webhook-timestamp}.{body}'}</code>
      </p>
      <p className="mt-2 text-slate-700">{t('verify.rotation')}</p>
      <p className="mt-2 text-slate-700">{t('verify.replay')}</p>
    </section>
  );
}

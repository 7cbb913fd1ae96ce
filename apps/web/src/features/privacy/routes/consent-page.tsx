import { requiredConsentPurposes, type TConsentPurpose } from '@capitune/contracts';
import { getRouteApi, Link, useRouter } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ServerErrorAlert } from '../../../components/forms/server-error-alert';
import { Button } from '../../../components/ui/button';
import { Card } from '../../../components/ui/card';
import { Spinner } from '../../../components/ui/spinner';
import { useSession } from '../../../lib/auth';
import { defaultAfterLogin, safeRedirect } from '../../../lib/auth/redirect';
import { useLogout } from '../../../lib/auth/use-logout';
import { renderRichText } from '../../../lib/rich-text';
import { usePageMeta } from '../../../lib/use-page-meta';
import { useConsents } from '../api/get-consents';
import { usePostConsents } from '../api/post-consents';
import { linkClasses } from '../components/privacy-section';

const route = getRouteApi('/consent');

const documentPaths: Record<(typeof requiredConsentPurposes)[number], '/terms' | '/privacy'> = {
  terms: '/terms',
  privacy_policy: '/privacy',
};

const isRequired = (purpose: TConsentPurpose): purpose is (typeof requiredConsentPurposes)[number] =>
  (requiredConsentPurposes as readonly string[]).includes(purpose);

/**
 * Asked after sign-in when the terms or the privacy policy changed: the new versions, with links, and
 * one button to accept them; then on to where the person was going. Declining leaves the ways out:
 * a copy of the data, deleting the account, logging out.
 */
export function ConsentPage() {
  const { t } = useTranslation('privacy-account');
  usePageMeta(t('consentPage.metaTitle'));
  const search = route.useSearch();
  const router = useRouter();
  const logout = useLogout();
  const { user } = useSession();
  const consents = useConsents();
  const post = usePostConsents();
  const [error, setError] = useState<unknown>(null);

  const pending = (consents.data?.pending ?? user?.pendingConsents ?? []).filter(isRequired);
  const upToDate = consents.data !== undefined && pending.length === 0;
  const next = safeRedirect(search.redirect, defaultAfterLogin);
  const versionOf = (purpose: TConsentPurpose) =>
    consents.data?.consents.find((consent) => consent.purpose === purpose)?.currentVersion ?? '';

  async function accept() {
    setError(null);
    try {
      await post.mutateAsync({
        changes: pending.map((purpose) => ({ purpose, granted: true })),
        source: 'prompt',
      });
      await router.navigate({ href: next, replace: true });
    } catch (caught) {
      setError(caught);
    }
  }

  return (
    <div className="mx-auto max-w-2xl px-4 py-10 sm:px-6 sm:py-14">
      <h1 className="font-bold text-3xl text-brand-950 tracking-tight sm:text-4xl">
        {upToDate ? t('consentPage.upToDateTitle') : t('consentPage.title')}
      </h1>
      {!upToDate && <p className="mt-3 text-lg text-slate-700">{t('consentPage.intro')}</p>}

      <Card className="mt-8">
        {consents.isPending && <Spinner label={t('loading')} />}
        {consents.isError && <ServerErrorAlert error={consents.error} />}
        {consents.data &&
          (pending.length === 0 ? (
            <div className="flex flex-col gap-4">
              <p role="status" className="text-slate-800">
                {t('consentPage.done')}
              </p>
              <div>
                <Button onClick={() => void router.navigate({ href: next, replace: true })}>
                  {t('consentPage.continue')}
                </Button>
              </div>
            </div>
          ) : (
            <div className="flex flex-col gap-5">
              <ul className="flex flex-col gap-3">
                {pending.map((purpose) => {
                  const document = t(`purposes.${purpose}.name`);
                  return (
                    <li key={purpose} className="rounded-xl bg-slate-50 p-4 ring-1 ring-slate-200 ring-inset">
                      <p className="font-semibold text-slate-900">
                        {t('consentPage.item', { document, version: versionOf(purpose) })}
                      </p>
                      <p className="mt-1 text-slate-700">{t(`purposes.${purpose}.description`)}</p>
                      <a
                        href={documentPaths[purpose]}
                        target="_blank"
                        rel="noopener"
                        className={`${linkClasses} inline-flex min-h-11 items-center`}
                      >
                        {t('consentPage.read', { document })}
                      </a>
                    </li>
                  );
                })}
              </ul>
              <ServerErrorAlert error={error} />
              <div>
                <Button size="lg" disabled={post.isPending} onClick={() => void accept()}>
                  {t('consentPage.accept')}
                </Button>
              </div>
            </div>
          ))}
      </Card>

      <section aria-labelledby="decline-title" className="mt-8">
        <h2 id="decline-title" className="font-semibold text-brand-950 text-xl">
          {t('consentPage.declineTitle')}
        </h2>
        <p className="mt-2 text-slate-700">
          {renderRichText(t('consentPage.decline'), {
            privacyLink: (text) => (
              <Link to="/profile/privacy" className={linkClasses}>
                {text}
              </Link>
            ),
          })}
        </p>
        <Button variant="secondary" className="mt-3" onClick={() => void logout()}>
          {t('consentPage.logout')}
        </Button>
      </section>
    </div>
  );
}

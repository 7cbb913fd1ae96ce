import { type ErrorComponentProps, useRouter } from '@tanstack/react-router';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, ButtonLink } from '../components/ui/button';
import { usePageMeta } from '../lib/use-page-meta';

/** The code of a page could not be fetched (offline, or a new version was deployed meanwhile). */
function isChunkLoadError(error: unknown): boolean {
  return (
    error instanceof Error &&
    /dynamically imported module|Importing a module script failed|Unable to preload CSS/i.test(error.message)
  );
}

/**
 * What a visitor sees when a page fails to render or load (a lost connection while fetching a page's code,
 * a bug): a calm message, a retry, and a way home. Bundled with the app, so it works when a chunk does not.
 */
export function RouteError({ error, reset }: ErrorComponentProps) {
  const { t } = useTranslation();
  const router = useRouter();
  usePageMeta(t('routeError.title'));

  useEffect(() => {
    // Keep the details for developers and error reporting, out of the visitor's way.
    console.warn('[capitune] route error', error);
  }, [error]);

  function retry() {
    // The browser keeps a failed module import failed: only a fresh page load fetches it again.
    if (isChunkLoadError(error)) {
      window.location.reload();
      return;
    }
    reset();
    void router.invalidate();
  }

  return (
    <div role="alert" className="mx-auto flex max-w-2xl flex-col items-start px-4 py-20 sm:px-6 sm:py-28">
      <h1 className="font-bold text-3xl text-brand-950 tracking-tight sm:text-4xl">
        {t('routeError.title')}
      </h1>
      <p className="mt-4 text-lg text-slate-700">{t('routeError.body')}</p>
      <div className="mt-8 flex flex-wrap gap-3">
        <Button size="lg" onClick={retry}>
          {t('routeError.retry')}
        </Button>
        <ButtonLink to="/" size="lg" variant="secondary" onClick={reset}>
          {t('routeError.home')}
        </ButtonLink>
      </div>
    </div>
  );
}

/** The same, when the layout itself failed: it then brings its own main landmark. */
export function RootRouteError(props: ErrorComponentProps) {
  return (
    <main id="main" tabIndex={-1} className="min-h-dvh focus:outline-none">
      <RouteError {...props} />
    </main>
  );
}

import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ServerErrorAlert } from '../../../components/forms/server-error-alert';
import { Button } from '../../../components/ui/button';
import { Spinner } from '../../../components/ui/spinner';
import { cn } from '../../../lib/cn';
import { usePageMeta } from '../../../lib/use-page-meta';
import { useDirectory } from '../api/get-directory';
import { DirectoryFilters } from '../components/directory-filters';
import { ProCard } from '../components/pro-card';
import type { DirectorySearch } from './search';

const route = getRouteApi('/pros');

/** `/pros`: the public directory of verified professionals, readable without an account. */
export function DirectoryPage() {
  const { t } = useTranslation('pros');
  usePageMeta(t('directory.metaTitle'), t('directory.metaDescription'));
  const search = route.useSearch();
  const navigate = useNavigate({ from: '/pros' });
  const directory = useDirectory(search);
  const pros = directory.data?.pages.flatMap((page) => page.items) ?? [];

  const apply = (next: DirectorySearch) => void navigate({ search: next });
  const [filtersOpen, setFiltersOpen] = useState(false);
  const filtersId = useId();
  const filterCount = Object.keys(search).filter((key) => key !== 'sort').length;

  return (
    <div className="mx-auto max-w-7xl px-4 py-10 sm:px-6 sm:py-14 lg:px-8">
      <div className="max-w-3xl">
        <h1 className="font-bold text-3xl text-brand-950 tracking-tight sm:text-4xl">
          {t('directory.title')}
        </h1>
        <p className="mt-3 text-lg text-slate-700">{t('directory.intro')}</p>
      </div>

      <div className="mt-8 grid gap-8 lg:grid-cols-[18rem_minmax(0,1fr)]">
        <div className="lg:self-start">
          {/* On a phone the filters fold away: the results come first, one tap from the form. */}
          <Button
            variant="secondary"
            block
            className="lg:hidden"
            aria-expanded={filtersOpen}
            aria-controls={filtersId}
            onClick={() => setFiltersOpen((open) => !open)}
          >
            {filterCount > 0 ? t('filters.toggleCount', { count: filterCount }) : t('filters.toggle')}
          </Button>
          <div
            id={filtersId}
            className={cn(
              'mt-3 rounded-2xl bg-white p-4 shadow-sm ring-1 ring-slate-200 sm:p-5 lg:mt-0 lg:block',
              !filtersOpen && 'hidden',
            )}
          >
            <DirectoryFilters
              search={search}
              onApply={(next) => {
                setFiltersOpen(false);
                apply(next);
              }}
            />
          </div>
        </div>

        <section aria-labelledby="results-title" aria-busy={directory.isFetching || undefined}>
          <h2 id="results-title" className="sr-only">
            {t('directory.results')}
          </h2>
          <p className="rounded-xl bg-brand-50 p-4 text-brand-950 text-sm">
            {t(`directory.ranking.${search.sort ?? (search.q ? 'relevanceText' : 'relevance')}`)}
          </p>
          {directory.isPending && <Spinner label={t('directory.loading')} className="mt-8" />}
          <ServerErrorAlert error={directory.error} className="mt-6" />
          <p role="status" className="mt-4 text-slate-700">
            {directory.data
              ? pros.length === 0
                ? filterCount > 0
                  ? t('directory.noneFiltered')
                  : t('directory.none')
                : t('directory.shown', { count: pros.length })
              : ''}
          </p>
          {pros.length > 0 && (
            <ul className="mt-4 grid gap-4 md:grid-cols-2">
              {pros.map((pro) => (
                <li key={pro.id}>
                  <ProCard pro={pro} />
                </li>
              ))}
            </ul>
          )}
          {directory.hasNextPage && (
            <div className="mt-6 flex justify-center">
              <Button
                variant="secondary"
                onClick={() => void directory.fetchNextPage()}
                disabled={directory.isFetchingNextPage}
              >
                {directory.isFetchingNextPage ? t('directory.loadingMore') : t('directory.more')}
              </Button>
            </div>
          )}
          {directory.data && pros.length === 0 && filterCount > 0 && (
            <div className="mt-4">
              <Button variant="secondary" onClick={() => apply({})}>
                {t('filters.reset')}
              </Button>
            </div>
          )}
        </section>
      </div>
    </div>
  );
}

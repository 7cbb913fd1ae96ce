import { postCategories, type TPostCategory } from '@capitune/contracts';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ServerErrorAlert } from '../../../components/forms/server-error-alert';
import { Button, ButtonLink } from '../../../components/ui/button';
import { CloseIcon } from '../../../components/ui/icons';
import { fieldClasses } from '../../../components/ui/input';
import { Select } from '../../../components/ui/select';
import { Spinner } from '../../../components/ui/spinner';
import { usePageMeta } from '../../../lib/use-page-meta';
import { useFeed } from '../api/get-feed';
import type { FeedFilters } from '../api/keys';
import { PostCard } from '../components/post-card';
import { useWriteAccess, WriteGate } from '../components/write-gate';

const route = getRouteApi('/inside/');

const isCategory = (value: string | undefined): value is TPostCategory =>
  (postCategories as readonly string[]).includes(value ?? '');

export function FeedPage() {
  const { t } = useTranslation('inside');
  usePageMeta(t('metaTitle'), t('metaDescription'));
  const search = route.useSearch();
  const navigate = useNavigate({ from: '/inside/' });
  const access = useWriteAccess();
  const searchId = useId();

  const filters: FeedFilters = {
    ...(isCategory(search.category) ? { category: search.category } : {}),
    ...(search.tag ? { tag: search.tag } : {}),
    ...(search.q ? { q: search.q } : { sort: search.sort === 'top' ? 'top' : 'new' }),
  };
  const [query, setQuery] = useState(search.q ?? '');
  useEffect(() => setQuery(search.q ?? ''), [search.q]);

  const feed = useFeed(filters);
  const posts = feed.data?.pages.flatMap((page) => page.items) ?? [];
  const searchMode = feed.data?.pages[0]?.searchMode;

  const update = (next: Partial<typeof search>) =>
    void navigate({ search: (previous) => ({ ...previous, ...next }), replace: false });

  return (
    <div className="mx-auto max-w-4xl px-4 py-10 sm:px-6 sm:py-14">
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div className="max-w-2xl">
          <h1 className="font-bold text-3xl text-brand-950 tracking-tight sm:text-4xl">{t('title')}</h1>
          <p className="mt-3 text-lg text-slate-700">{t('intro')}</p>
        </div>
        {access === 'allowed' && (
          <ButtonLink to="/inside/new" size="lg">
            {t('write.button')}
          </ButtonLink>
        )}
      </div>
      <div className="mt-6">
        <WriteGate signInKey="write.signIn" verifyKey="write.verify" redirect="/inside">
          {null}
        </WriteGate>
      </div>

      <section aria-label={t('feed.filtersLabel')} className="mt-8 flex flex-col gap-4">
        <search>
          <form
            className="flex flex-col gap-1.5"
            onSubmit={(event) => {
              event.preventDefault();
              const q = query.trim();
              update({ q: q || undefined });
            }}
          >
            <label htmlFor={searchId} className="font-medium text-slate-900">
              {t('feed.search')}
            </label>
            <p id={`${searchId}-hint`} className="text-slate-600 text-sm">
              {t('feed.searchHint')}
            </p>
            <div className="flex gap-2">
              <input
                id={searchId}
                type="search"
                value={query}
                maxLength={200}
                aria-describedby={`${searchId}-hint`}
                onChange={(event) => setQuery(event.target.value)}
                className={fieldClasses()}
              />
              <Button type="submit">{t('feed.searchSubmit')}</Button>
            </div>
          </form>
        </search>
        <div className="grid gap-4 sm:grid-cols-2">
          <Select
            label={t('feed.category')}
            value={filters.category ?? ''}
            onChange={(event) => update({ category: event.target.value || undefined })}
          >
            <option value="">{t('feed.allCategories')}</option>
            {postCategories.map((category) => (
              <option key={category} value={category}>
                {t(`categories.${category}`)}
              </option>
            ))}
          </Select>
          {!search.q && (
            <Select
              label={t('feed.sort')}
              value={filters.sort ?? 'new'}
              onChange={(event) => update({ sort: event.target.value === 'top' ? 'top' : undefined })}
            >
              <option value="new">{t('feed.sortNew')}</option>
              <option value="top">{t('feed.sortTop')}</option>
            </Select>
          )}
        </div>
        {(search.tag || search.q) && (
          <div className="flex flex-wrap items-center gap-2">
            {search.q && (
              <Button variant="secondary" size="sm" onClick={() => update({ q: undefined })}>
                <CloseIcon className="size-4" />
                {t('feed.clearSearch')}
              </Button>
            )}
            {search.tag && (
              <Button
                variant="secondary"
                size="sm"
                aria-label={t('feed.clearTag', { tag: search.tag })}
                onClick={() => update({ tag: undefined })}
              >
                <CloseIcon className="size-4" />
                {t('feed.tagFilter', { tag: search.tag })}
              </Button>
            )}
          </div>
        )}
      </section>

      <section aria-labelledby={`${searchId}-results`} className="mt-8">
        <h2
          id={`${searchId}-results`}
          className={search.q ? 'font-semibold text-slate-900 text-xl' : 'sr-only'}
        >
          {search.q ? t('feed.resultsFor', { q: search.q }) : t('feed.listLabel')}
        </h2>
        {searchMode === 'fuzzy' && posts.length > 0 && (
          <p className="mt-2 text-slate-700">{t('feed.fuzzyNote')}</p>
        )}
        {feed.isPending && <Spinner label={t('feed.loading')} className="mt-6" />}
        {feed.isError && (
          <ServerErrorAlert error={feed.error} className="mt-6">
            <Button variant="secondary" className="mt-3" onClick={() => void feed.refetch()}>
              {t('feed.retry')}
            </Button>
          </ServerErrorAlert>
        )}
        {feed.isSuccess && posts.length === 0 && (
          <p className="mt-6 rounded-xl bg-slate-50 px-4 py-6 text-center text-slate-700">
            {search.q ? t('feed.emptySearch') : t('feed.empty')}
          </p>
        )}
        {posts.length > 0 && (
          <ul className="mt-4 flex flex-col gap-4">
            {posts.map((post) => (
              <li key={post.id}>
                <PostCard post={post} />
              </li>
            ))}
          </ul>
        )}
        {feed.hasNextPage && (
          <div className="mt-6 flex justify-center">
            <Button
              variant="secondary"
              disabled={feed.isFetchingNextPage}
              aria-busy={feed.isFetchingNextPage || undefined}
              onClick={() => void feed.fetchNextPage()}
            >
              {feed.isFetchingNextPage ? t('feed.loadingMore') : t('feed.loadMore')}
            </Button>
          </div>
        )}
        {feed.isSuccess && posts.length > 0 && !feed.hasNextPage && (
          <p className="mt-6 text-center text-slate-600 text-sm">{t('feed.end')}</p>
        )}
      </section>
    </div>
  );
}

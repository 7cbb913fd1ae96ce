import { dossierStatuses, type TDossierStatus } from '@capitune/contracts';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { DossierCard } from '../../../components/dossiers/dossier-card';
import { ServerErrorAlert } from '../../../components/forms/server-error-alert';
import { Button } from '../../../components/ui/button';
import { Select } from '../../../components/ui/select';
import { Spinner } from '../../../components/ui/spinner';
import { useSession } from '../../../lib/auth';
import { useLocalized, usePrograms } from '../../../lib/dossiers/programs';
import { usePageMeta } from '../../../lib/use-page-meta';
import { useDossierList } from '../api/list-dossiers';
import { OpenDossierDialog } from '../components/open-dossier-dialog';

/** A candidate's dossiers (and opening one); a pro's firm's dossiers, filtered by status and program. */
export function DossiersPage() {
  const { t } = useTranslation('dossiers');
  const { user } = useSession();
  const isPro = user?.role === 'pro';
  usePageMeta(isPro ? t('list.titlePro') : t('list.title'));
  const search = useSearch({ from: '/dossiers' });
  const navigate = useNavigate({ from: '/dossiers' });
  const programs = usePrograms();
  const localized = useLocalized();
  const filters = { status: search.status, programId: search.programId };

  const list = useDossierList(filters, !!user?.emailVerified);
  const items = list.data?.pages.flatMap((page) => page.items) ?? [];
  const filtered = !!(filters.status || filters.programId);

  return (
    <div className="mx-auto max-w-7xl px-4 py-10 sm:px-6 sm:py-14 lg:px-8">
      <div className="flex flex-wrap sm:items-end justify-between gap-4">
        <div className="max-w-2xl">
          <h1 className="font-bold text-3xl text-brand-950 tracking-tight sm:text-4xl">
            {isPro ? t('list.titlePro') : t('list.title')}
          </h1>
          <p className="mt-3 text-lg text-slate-700">{isPro ? t('list.introPro') : t('list.intro')}</p>
        </div>
        {!isPro && user?.emailVerified && <OpenDossierDialog defaultOpen={search.open === true} />}
      </div>

      {!user?.emailVerified && <p className="mt-8 max-w-2xl text-slate-700">{t('list.unverified')}</p>}

      {isPro && (
        <fieldset className="mt-8 grid gap-4 rounded-2xl bg-white p-4 shadow-sm ring-1 ring-slate-200 sm:grid-cols-2 max-w-3xl">
          <legend className="sr-only">{t('list.filters')}</legend>
          <Select
            label={t('list.status')}
            value={filters.status ?? ''}
            onChange={(event) =>
              void navigate({
                search: (previous) => ({
                  ...previous,
                  status: (event.target.value || undefined) as TDossierStatus | undefined,
                }),
              })
            }
          >
            <option value="">{t('list.allStatuses')}</option>
            {dossierStatuses.map((status) => (
              <option key={status} value={status}>
                {t(`status.${status}`)}
              </option>
            ))}
          </Select>
          <Select
            label={t('list.program')}
            value={filters.programId ?? ''}
            onChange={(event) =>
              void navigate({
                search: (previous) => ({ ...previous, programId: event.target.value || undefined }),
              })
            }
          >
            <option value="">{t('list.allPrograms')}</option>
            {programs.data?.map((program) => (
              <option key={program.id} value={program.id}>
                {localized(program.name)}
              </option>
            ))}
          </Select>
        </fieldset>
      )}

      {list.isLoading && <Spinner label={t('list.loading')} className="mt-10" />}
      {list.isError && (
        <ServerErrorAlert error={list.error} className="mt-8 max-w-2xl">
          <Button variant="secondary" className="mt-3" onClick={() => void list.refetch()}>
            {t('list.retry')}
          </Button>
        </ServerErrorAlert>
      )}
      {list.data && (
        <>
          <p role="status" className="mt-8 font-medium text-slate-700">
            {t('list.count', { count: items.length })}
            {list.hasNextPage && ` ${t('list.more')}`}
          </p>
          {items.length === 0 ? (
            <div className="mt-4 max-w-2xl rounded-2xl bg-white p-6 shadow-sm ring-1 ring-slate-200">
              <p className="text-slate-700">
                {isPro ? (filtered ? t('list.emptyFiltered') : t('list.emptyPro')) : t('list.empty')}
              </p>
            </div>
          ) : (
            <ul className="mt-4 grid gap-4 sm:grid-cols-2">
              {items.map((dossier) => (
                <li key={dossier.id}>
                  <DossierCard dossier={dossier} viewer={isPro ? 'pro' : 'candidate'} headingLevel={2} />
                </li>
              ))}
            </ul>
          )}
          {list.hasNextPage && (
            <Button
              variant="secondary"
              className="mt-6"
              disabled={list.isFetchingNextPage}
              onClick={() => void list.fetchNextPage()}
            >
              {t('list.loadMore')}
            </Button>
          )}
        </>
      )}
    </div>
  );
}

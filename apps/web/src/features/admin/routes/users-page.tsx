import { adminUserRoles, adminUserStatuses, type TAdminUserListItem } from '@capitune/contracts';
import { getRouteApi, Link } from '@tanstack/react-router';
import { type FormEvent, useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ServerErrorAlert } from '../../../components/forms/server-error-alert';
import { Button, ButtonLink } from '../../../components/ui/button';
import { Input } from '../../../components/ui/input';
import { Select } from '../../../components/ui/select';
import { Spinner } from '../../../components/ui/spinner';
import { usePageMeta } from '../../../lib/use-page-meta';
import { useUsers } from '../api/list-users';
import { AdminGate } from '../components/admin-gate';
import { AdminNav } from '../components/admin-nav';
import { UserRoleBadge, UserStatusBadge } from '../components/user-badges';
import { useAdminFormatters } from '../components/user-formatters';
import { MAX_SELECTED_IDS, toUserFilter, type UsersSearch, validateUsersSearch } from './users-search';

const route = getRouteApi('/admin/users');

export function UsersPage() {
  return (
    <AdminGate>
      <Users />
    </AdminGate>
  );
}

/** `/admin/users`: the members, searched and filtered from the URL, chosen for a batch action. */
function Users() {
  const { t } = useTranslation('admin-users');
  usePageMeta(t('users.metaTitle'));
  const search = route.useSearch();
  // Each search has its own form values and its own selection.
  const searchKey = JSON.stringify(search);

  return (
    <div className="mx-auto max-w-7xl px-4 py-10 sm:px-6 sm:py-14">
      <AdminNav />
      <h1 className="mt-6 font-bold text-3xl text-brand-950 tracking-tight sm:text-4xl">
        {t('users.title')}
      </h1>
      <p className="mt-3 max-w-3xl text-lg text-slate-700">{t('users.intro')}</p>
      <UserFilters key={`filters-${searchKey}`} search={search} />
      <UserResults key={`results-${searchKey}`} search={search} />
    </div>
  );
}

function UserFilters({ search }: { search: UsersSearch }) {
  const { t } = useTranslation('admin-users');
  const navigate = route.useNavigate();
  const [values, setValues] = useState({
    q: search.q ?? '',
    role: search.role ?? '',
    status: search.status ?? '',
    tag: search.tag ?? '',
    signedUpFrom: search.signedUpFrom ?? '',
    signedUpTo: search.signedUpTo ?? '',
  });
  const set = (name: keyof typeof values) => (event: { target: { value: string } }) =>
    setValues((previous) => ({ ...previous, [name]: event.target.value }));

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    void navigate({ search: validateUsersSearch(values) });
  }

  return (
    <search aria-label={t('users.filtersLabel')}>
      <form noValidate onSubmit={onSubmit} className="mt-6 grid gap-4 sm:grid-cols-2 lg:grid-cols-6">
        <Input
          label={t('users.search')}
          hint={t('users.searchHint')}
          type="search"
          value={values.q}
          maxLength={200}
          onChange={set('q')}
          className="sm:col-span-2 lg:col-span-6"
        />
        <Select label={t('users.role')} value={values.role} onChange={set('role')} className="lg:col-span-1">
          <option value="">{t('users.anyRole')}</option>
          {adminUserRoles.map((role) => (
            <option key={role} value={role}>
              {t(`roles.${role}`)}
            </option>
          ))}
        </Select>
        <Select
          label={t('users.status')}
          value={values.status}
          onChange={set('status')}
          className="lg:col-span-1"
        >
          <option value="">{t('users.anyStatus')}</option>
          {adminUserStatuses.map((status) => (
            <option key={status} value={status}>
              {t(`statuses.${status}`)}
            </option>
          ))}
        </Select>
        <Input
          label={t('users.tag')}
          value={values.tag}
          maxLength={40}
          autoCapitalize="none"
          onChange={set('tag')}
          className="lg:col-span-2"
        />
        <Input
          label={t('users.signedUpFrom')}
          type="date"
          value={values.signedUpFrom}
          onChange={set('signedUpFrom')}
          className="lg:col-span-1"
        />
        <Input
          label={t('users.signedUpTo')}
          type="date"
          value={values.signedUpTo}
          onChange={set('signedUpTo')}
          className="lg:col-span-1"
        />
        <div className="flex flex-wrap items-center gap-3 sm:col-span-2 lg:col-span-6">
          <Button type="submit">{t('users.apply')}</Button>
          <ButtonLink to="/admin/users" search={{}} variant="ghost">
            {t('users.reset')}
          </ButtonLink>
        </div>
      </form>
    </search>
  );
}

function UserResults({ search }: { search: UsersSearch }) {
  const { t } = useTranslation('admin-users');
  const filter = useMemo(() => toUserFilter(search), [search]);
  const users = useUsers(filter);
  const items = users.data?.pages.flatMap((page) => page.items) ?? [];
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  // "Everyone matching the filters": the batch then takes the filter, and the dry run counts them.
  const [matching, setMatching] = useState(false);
  const resultsId = useId();

  function toggle(id: string, on: boolean) {
    setSelected((previous) => {
      const next = new Set(previous);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  }

  function toggleShown(on: boolean) {
    setSelected(on ? new Set(items.map((item) => item.id)) : new Set());
  }

  const allShown = items.length > 0 && items.every((item) => selected.has(item.id));
  const tooMany = !matching && selected.size > MAX_SELECTED_IDS;

  return (
    <section aria-labelledby={`${resultsId}-heading`} className="mt-8">
      <h2 id={`${resultsId}-heading`} className="sr-only">
        {t('users.resultsLabel')}
      </h2>
      {users.isPending && <Spinner label={t('users.loading')} />}
      {users.isError && <ServerErrorAlert error={users.error} />}
      {users.isSuccess && items.length === 0 && (
        <p className="rounded-xl bg-slate-50 px-4 py-6 text-center text-slate-700">{t('users.empty')}</p>
      )}
      {items.length > 0 && (
        <>
          <div className="flex flex-col gap-3 rounded-xl bg-slate-50 p-3 ring-1 ring-slate-200 sm:flex-row sm:flex-wrap sm:items-center">
            <p role="status" className="font-medium text-slate-900 sm:me-auto">
              {matching
                ? t('users.matchingChosen')
                : selected.size > 0
                  ? t('users.selected', { count: selected.size })
                  : t('users.noneSelected')}
            </p>
            <Button
              variant="secondary"
              size="sm"
              aria-pressed={matching}
              onClick={() => setMatching((value) => !value)}
            >
              {t('users.selectMatching')}
            </Button>
            {(matching || selected.size > 0) && (
              <Button
                variant="ghost"
                size="sm"
                onClick={() => {
                  setMatching(false);
                  setSelected(new Set());
                }}
              >
                {t('users.clearSelection')}
              </Button>
            )}
            {matching || (selected.size > 0 && !tooMany) ? (
              <ButtonLink
                to="/admin/batches/new"
                search={matching ? search : { ids: [...selected] }}
                size="sm"
              >
                {t('users.batchAction')}
              </ButtonLink>
            ) : (
              <Button size="sm" disabled>
                {t('users.batchAction')}
              </Button>
            )}
          </div>
          {tooMany && (
            <p className="mt-2 text-maple-700 text-sm">{t('users.tooMany', { max: MAX_SELECTED_IDS })}</p>
          )}

          <UsersTable
            id={resultsId}
            items={items}
            selected={selected}
            matching={matching}
            allShown={allShown}
            onToggle={toggle}
            onToggleShown={toggleShown}
          />
          <UsersCards
            id={`${resultsId}-cards`}
            items={items}
            selected={selected}
            matching={matching}
            onToggle={toggle}
          />
        </>
      )}
      {users.hasNextPage && (
        <div className="mt-6 flex justify-center">
          <Button
            variant="secondary"
            disabled={users.isFetchingNextPage}
            aria-controls={`${resultsId} ${resultsId}-cards`}
            onClick={() => void users.fetchNextPage()}
          >
            {t('users.loadMore')}
          </Button>
        </div>
      )}
    </section>
  );
}

interface ListProps {
  id: string;
  items: TAdminUserListItem[];
  selected: ReadonlySet<string>;
  matching: boolean;
  onToggle: (id: string, on: boolean) => void;
}

const fullName = (user: Pick<TAdminUserListItem, 'firstName' | 'lastName'>) =>
  `${user.firstName} ${user.lastName}`;

/** Wide screens: a table, one member a row. */
function UsersTable({
  id,
  items,
  selected,
  matching,
  allShown,
  onToggle,
  onToggleShown,
}: ListProps & { allShown: boolean; onToggleShown: (on: boolean) => void }) {
  const { t } = useTranslation('admin-users');
  const { moment } = useAdminFormatters();
  const cell = 'px-3 py-3 align-top';
  return (
    <div className="mt-4 hidden overflow-x-auto rounded-xl ring-1 ring-slate-200 md:block">
      <table id={id} className="w-full border-collapse bg-white text-left text-sm">
        <caption className="sr-only">{t('users.resultsLabel')}</caption>
        <thead className="bg-slate-50 text-slate-700">
          <tr>
            <th scope="col" className={cell}>
              <input
                type="checkbox"
                className="size-5 accent-brand-700"
                aria-label={t('users.selectShown')}
                checked={matching || allShown}
                disabled={matching}
                onChange={(event) => onToggleShown(event.target.checked)}
              />
            </th>
            <th scope="col" className={cell}>
              {t('users.columns.name')}
            </th>
            <th scope="col" className={cell}>
              {t('users.columns.email')}
            </th>
            <th scope="col" className={cell}>
              {t('users.columns.role')}
            </th>
            <th scope="col" className={cell}>
              {t('users.columns.status')}
            </th>
            <th scope="col" className={cell}>
              {t('users.columns.firm')}
            </th>
            <th scope="col" className={cell}>
              {t('users.columns.tags')}
            </th>
            <th scope="col" className={cell}>
              {t('users.columns.signedUp')}
            </th>
          </tr>
        </thead>
        <tbody>
          {items.map((user) => (
            <tr key={user.id} className="border-slate-200 border-t">
              <td className={cell}>
                <input
                  type="checkbox"
                  className="size-5 accent-brand-700"
                  aria-label={t('users.selectRow', { name: fullName(user) })}
                  checked={matching || selected.has(user.id)}
                  disabled={matching}
                  onChange={(event) => onToggle(user.id, event.target.checked)}
                />
              </td>
              <th scope="row" className={`${cell} font-semibold`}>
                <Link
                  to="/admin/users/$id"
                  params={{ id: user.id }}
                  className="text-brand-900 underline-offset-2 hover:underline"
                >
                  {fullName(user)}
                </Link>
              </th>
              <td className={`${cell} break-all text-slate-800`}>
                {user.email}
                {!user.emailVerified && (
                  <span className="block text-slate-600 text-xs">{t('users.unverified')}</span>
                )}
              </td>
              <td className={cell}>
                <UserRoleBadge role={user.role} />
              </td>
              <td className={cell}>
                <UserStatusBadge status={user.status} />
              </td>
              <td className={`${cell} text-slate-800`}>{user.firm?.name ?? t('users.none')}</td>
              <td className={`${cell} text-slate-800`}>
                {user.tags.length > 0 ? user.tags.join(', ') : t('users.none')}
              </td>
              <td className={`${cell} whitespace-nowrap text-slate-700`}>{moment(user.createdAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Narrow screens: the same members as stacked cards. */
function UsersCards({ id, items, selected, matching, onToggle }: ListProps) {
  const { t } = useTranslation('admin-users');
  const { moment } = useAdminFormatters();
  return (
    <ul id={id} aria-label={t('users.resultsLabel')} className="mt-4 flex flex-col gap-3 md:hidden">
      {items.map((user) => (
        <li key={user.id}>
          <article
            aria-label={fullName(user)}
            className="flex gap-3 rounded-2xl bg-white p-4 shadow-sm ring-1 ring-slate-200"
          >
            <input
              type="checkbox"
              className="mt-1 size-5 shrink-0 accent-brand-700"
              aria-label={t('users.selectRow', { name: fullName(user) })}
              checked={matching || selected.has(user.id)}
              disabled={matching}
              onChange={(event) => onToggle(user.id, event.target.checked)}
            />
            <div className="min-w-0 flex-1">
              <h3 className="font-semibold text-lg">
                <Link
                  to="/admin/users/$id"
                  params={{ id: user.id }}
                  className="text-brand-900 underline-offset-2 hover:underline"
                >
                  {fullName(user)}
                </Link>
              </h3>
              <p className="break-all text-slate-800 text-sm">{user.email}</p>
              <div className="mt-2 flex flex-wrap gap-2">
                <UserRoleBadge role={user.role} />
                <UserStatusBadge status={user.status} />
                {!user.emailVerified && (
                  <span className="text-slate-600 text-xs">{t('users.unverified')}</span>
                )}
              </div>
              <p className="mt-2 text-slate-700 text-sm">
                {user.firm && `${user.firm.name} · `}
                {t('users.signedUpOn', { date: moment(user.createdAt) })}
              </p>
              {user.tags.length > 0 && <p className="mt-1 text-slate-700 text-sm">{user.tags.join(', ')}</p>}
            </div>
          </article>
        </li>
      ))}
    </ul>
  );
}

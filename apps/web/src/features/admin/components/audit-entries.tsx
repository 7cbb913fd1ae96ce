import type { TAuditEntry } from '@capitune/contracts';
import { useTranslation } from 'react-i18next';
import { useAdminFormatters } from './user-formatters';

interface Props {
  id: string;
  items: TAuditEntry[];
}

const hasDetails = (entry: TAuditEntry) =>
  (entry.before !== null && entry.before !== undefined) ||
  (entry.after !== null && entry.after !== undefined);

/** Who did it: the account's name and email, its bare id when the account is gone, or the system. */
function Actor({ entry }: { entry: TAuditEntry }) {
  const { t } = useTranslation('admin-audit');
  if (entry.actor) {
    return (
      <>
        <span className="block font-medium">{entry.actor.name}</span>
        <span className="block break-all text-slate-600">{entry.actor.email}</span>
      </>
    );
  }
  return <span className="break-all text-slate-600">{entry.actorId ?? t('list.system')}</span>;
}

function Subject({ entry }: { entry: TAuditEntry }) {
  const { t } = useTranslation('admin-audit');
  return (
    <>
      <span className="block">{entry.subjectType}</span>
      {entry.subjectId && (
        <span className="block break-all font-mono text-slate-600 text-xs">{entry.subjectId}</span>
      )}
      {entry.dossierId && (
        <span className="block break-all text-slate-600 text-xs">
          {t('list.dossier')} <span className="font-mono">{entry.dossierId}</span>
        </span>
      )}
    </>
  );
}

/** The entry's recorded states, folded: they can be long. */
function Details({ entry }: { entry: TAuditEntry }) {
  const { t } = useTranslation('admin-audit');
  if (!hasDetails(entry)) return <span aria-hidden="true">{t('list.none')}</span>;
  const block =
    'mt-1 max-h-64 overflow-auto whitespace-pre-wrap break-all rounded-lg bg-slate-50 p-2 font-mono text-xs';
  return (
    <details>
      <summary className="cursor-pointer text-brand-900 underline-offset-2 hover:underline">
        {t('list.details')}
      </summary>
      {entry.before !== null && entry.before !== undefined && (
        <>
          <p className="mt-2 font-semibold text-xs">{t('list.before')}</p>
          <pre className={block}>{JSON.stringify(entry.before, null, 2)}</pre>
        </>
      )}
      {entry.after !== null && entry.after !== undefined && (
        <>
          <p className="mt-2 font-semibold text-xs">{t('list.after')}</p>
          <pre className={block}>{JSON.stringify(entry.after, null, 2)}</pre>
        </>
      )}
    </details>
  );
}

/** Wide screens: a table, one entry a row. */
export function AuditTable({ id, items }: Props) {
  const { t } = useTranslation('admin-audit');
  const { moment } = useAdminFormatters();
  const cell = 'px-3 py-3 align-top';
  return (
    <div className="mt-4 hidden overflow-x-auto rounded-xl ring-1 ring-slate-200 lg:block">
      <table id={id} className="w-full border-collapse bg-white text-left text-sm">
        <caption className="sr-only">{t('list.label')}</caption>
        <thead className="bg-slate-50 text-slate-700">
          <tr>
            {(['seq', 'when', 'actor', 'action', 'subject', 'firm', 'ip', 'details'] as const).map(
              (column) => (
                <th key={column} scope="col" className={cell}>
                  {t(`list.columns.${column}`)}
                </th>
              ),
            )}
          </tr>
        </thead>
        <tbody>
          {items.map((entry) => (
            <tr key={entry.id} className="border-slate-200 border-t">
              <th scope="row" className={`${cell} font-mono font-normal text-slate-600`}>
                {entry.seq ?? entry.id}
              </th>
              <td className={`${cell} whitespace-nowrap`}>{moment(entry.createdAt)}</td>
              <td className={cell}>
                <Actor entry={entry} />
              </td>
              <td className={`${cell} break-all font-mono text-xs`}>{entry.action}</td>
              <td className={cell}>
                <Subject entry={entry} />
              </td>
              <td className={`${cell} break-all font-mono text-xs`}>
                {entry.organisationId ?? t('list.none')}
              </td>
              <td className={`${cell} whitespace-nowrap font-mono text-xs`}>{entry.ip ?? t('list.none')}</td>
              <td className={`${cell} min-w-48`}>
                <Details entry={entry} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Narrow screens: one card an entry, its fields stacked. */
export function AuditCards({ id, items }: Props) {
  const { t } = useTranslation('admin-audit');
  const { moment } = useAdminFormatters();
  const term = 'font-medium text-slate-600 text-xs';
  return (
    <ul id={id} aria-label={t('list.label')} className="mt-4 flex flex-col gap-3 lg:hidden">
      {items.map((entry) => (
        <li key={entry.id}>
          <article className="rounded-2xl bg-white p-4 text-sm shadow-sm ring-1 ring-slate-200">
            <h3 className="break-all font-mono font-semibold text-brand-950">{entry.action}</h3>
            <p className="mt-1 text-slate-600">
              {t('list.seq', { seq: entry.seq ?? entry.id })} · {moment(entry.createdAt)}
            </p>
            <dl className="mt-3 grid gap-2">
              <div>
                <dt className={term}>{t('list.columns.actor')}</dt>
                <dd>
                  <Actor entry={entry} />
                </dd>
              </div>
              <div>
                <dt className={term}>{t('list.columns.subject')}</dt>
                <dd>
                  <Subject entry={entry} />
                </dd>
              </div>
              {entry.organisationId && (
                <div>
                  <dt className={term}>{t('list.columns.firm')}</dt>
                  <dd className="break-all font-mono text-xs">{entry.organisationId}</dd>
                </div>
              )}
              {entry.ip && (
                <div>
                  <dt className={term}>{t('list.columns.ip')}</dt>
                  <dd className="font-mono text-xs">{entry.ip}</dd>
                </div>
              )}
            </dl>
            {hasDetails(entry) && (
              <div className="mt-3">
                <Details entry={entry} />
              </div>
            )}
          </article>
        </li>
      ))}
    </ul>
  );
}

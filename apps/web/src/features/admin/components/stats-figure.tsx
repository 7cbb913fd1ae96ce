import { type ReactNode, useId } from 'react';
import { useTranslation } from 'react-i18next';

export interface StatsTable {
  columns: string[];
  /** The first cell of a row names it (a day, a status…). */
  rows: string[][];
}

/**
 * One chart with its text alternative: a caption (title and a sentence with the totals) and the figures
 * in a table, folded under "Show the data". The chart itself is hidden from assistive technologies.
 */
export function StatsFigure({
  title,
  summary,
  table,
  children,
}: {
  title: string;
  summary: string;
  table: StatsTable;
  children: ReactNode;
}) {
  const { t } = useTranslation('admin-stats');
  const titleId = useId();
  return (
    <figure
      aria-labelledby={titleId}
      className="min-w-0 rounded-2xl border border-slate-200 bg-white p-4 sm:p-6"
    >
      <figcaption>
        <h2 id={titleId} className="font-semibold text-brand-950 text-lg">
          {title}
        </h2>
        <p className="mt-1 text-slate-700">{summary}</p>
      </figcaption>
      <div aria-hidden="true" className="mt-4">
        {children}
      </div>
      <details className="mt-4">
        <summary className="inline-flex min-h-11 cursor-pointer items-center font-medium text-brand-800">
          {t('charts.showData')}
        </summary>
        <section
          aria-label={title}
          // A long table scrolls on its own; focusable so the keyboard can scroll it.
          // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard
          tabIndex={0}
          className="mt-2 max-h-80 overflow-auto rounded-lg border border-slate-200"
        >
          <table className="w-full text-left text-sm">
            <caption className="sr-only">{title}</caption>
            <thead className="sticky top-0 bg-slate-50">
              <tr>
                {table.columns.map((column) => (
                  <th key={column} scope="col" className="px-3 py-2 font-semibold text-slate-900">
                    {column}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {table.rows.map(([head, ...cells]) => (
                <tr key={head} className="border-slate-100 border-t">
                  <th scope="row" className="px-3 py-1.5 font-normal text-slate-800">
                    {head}
                  </th>
                  {cells.map((cell, index) => (
                    // biome-ignore lint/suspicious/noArrayIndexKey: the columns of a row are fixed
                    <td key={index} className="px-3 py-1.5 text-slate-800 tabular-nums">
                      {cell}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      </details>
    </figure>
  );
}

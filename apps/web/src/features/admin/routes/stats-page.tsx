import { statsPeriods, type TAdminStats, type TStatsPeriod } from '@capitune/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ServerErrorAlert } from '../../../components/forms/server-error-alert';
import { Button } from '../../../components/ui/button';
import { Select } from '../../../components/ui/select';
import { Spinner } from '../../../components/ui/spinner';
import { formatDateTime } from '../../../lib/format';
import { usePageMeta } from '../../../lib/use-page-meta';
import { useDownloadStats } from '../api/download-stats';
import { useStats } from '../api/get-stats';
import { AdminGate } from '../components/admin-gate';
import { AdminNav } from '../components/admin-nav';
import { CategoryChart, ColumnChart, TrendChart } from '../components/stats-charts';
import { StatsFigure } from '../components/stats-figure';
import { type StatsFormat, statsFormat } from '../components/stats-format';
import { StatsKeyFigures } from '../components/stats-key-figures';

export function StatsPage() {
  return (
    <AdminGate>
      <Stats />
    </AdminGate>
  );
}

const colors = { brand: '#1f5595', sky: '#86abd9', maple: '#b8241a', slate: '#475569' };

/** `/admin/stats`: the platform's activity over 30, 90 or 365 days, with charts and their data. */
function Stats() {
  const { t, i18n } = useTranslation('admin-stats');
  usePageMeta(t('metaTitle'));
  const language = (i18n.resolvedLanguage ?? i18n.language) === 'en' ? 'en' : 'fr';
  const [days, setDays] = useState<TStatsPeriod>('30');
  const stats = useStats(days);
  const download = useDownloadStats();
  const format = statsFormat(language);

  return (
    <div className="mx-auto max-w-7xl px-4 py-10 sm:px-6 sm:py-14">
      <AdminNav />
      <h1 className="mt-6 font-bold text-3xl text-brand-950 tracking-tight sm:text-4xl">{t('title')}</h1>
      <p className="mt-3 max-w-2xl text-lg text-slate-700">{t('intro')}</p>

      <div className="mt-6 flex flex-col gap-4 sm:flex-row sm:items-end">
        <Select
          label={t('period.label')}
          value={days}
          onChange={(event) => setDays(event.target.value as TStatsPeriod)}
          className="sm:w-64"
        >
          {statsPeriods.map((value) => (
            <option key={value} value={value}>
              {t(`period.${value}`)}
            </option>
          ))}
        </Select>
        <Button
          variant="secondary"
          disabled={!stats.data || download.isPending}
          onClick={() => {
            if (stats.data)
              download.mutate({ days, fileName: `capitune-stats-${stats.data.to}-${days}d.csv` });
          }}
        >
          {t('download')}
        </Button>
      </div>
      {download.isError && <ServerErrorAlert error={download.error} className="mt-4" />}

      {stats.isPending ? (
        <Spinner label={t('loading')} className="mt-10" />
      ) : stats.isError ? (
        <ServerErrorAlert error={stats.error} className="mt-8" />
      ) : (
        <StatsBody stats={stats.data} format={format} language={language} />
      )}
    </div>
  );
}

function StatsBody({
  stats,
  format,
  language,
}: {
  stats: TAdminStats;
  format: StatsFormat;
  language: 'fr' | 'en';
}) {
  const { t } = useTranslation('admin-stats');
  const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);
  const signups = sum(stats.signups.map((entry) => entry.candidate + entry.pro + entry.admin));
  const posts = sum(stats.inside.posts.map((entry) => entry.count));
  const flags = sum(stats.inside.flags.map((entry) => entry.count));
  const dossiers = sum(stats.dossiers.byStatus.map((entry) => entry.count));
  const insideDaily = stats.inside.posts.map((entry, index) => ({
    day: entry.day,
    posts: entry.count,
    flags: stats.inside.flags[index]?.count ?? 0,
  }));
  const byStatus = stats.dossiers.byStatus.map((entry) => ({
    label: t(`statuses.${entry.status}`),
    count: entry.count,
  }));
  const byProgram = stats.dossiers.byProgram.map((entry) => ({
    label: entry.name[language],
    count: entry.count,
  }));
  const n = format.number;

  return (
    <>
      <p className="mt-6 text-slate-700" aria-live="polite">
        {t('range', { from: format.longDay(stats.from), to: format.longDay(stats.to) })}
        {' · '}
        {t('computedAt', { date: formatDateTime(stats.computedAt, language) })}
      </p>

      <StatsKeyFigures stats={stats} format={format} />

      <div className="mt-8 grid gap-6 lg:grid-cols-2">
        <StatsFigure
          title={t('charts.signups.title')}
          summary={t('charts.signups.summary', { total: n(signups) })}
          table={{
            columns: [t('columns.day'), t('roles.candidate'), t('roles.pro'), t('roles.admin')],
            rows: stats.signups.map((entry) => [
              format.longDay(entry.day),
              n(entry.candidate),
              n(entry.pro),
              n(entry.admin),
            ]),
          }}
        >
          <ColumnChart
            data={stats.signups}
            xKey="day"
            stacked
            formatX={format.shortDay}
            formatNumber={n}
            series={[
              { key: 'candidate', label: t('roles.candidate'), color: colors.brand },
              { key: 'pro', label: t('roles.pro'), color: colors.sky },
              { key: 'admin', label: t('roles.admin'), color: colors.maple },
            ]}
          />
        </StatsFigure>

        <DailyFigure
          title={t('charts.messages.title')}
          summary={t('charts.messages.summary', {
            total: n(sum(stats.messages.map((entry) => entry.count))),
          })}
          data={stats.messages}
          format={format}
        />

        <StatsFigure
          title={t('charts.inside.title')}
          summary={t('charts.inside.summary', { posts: n(posts), flags: n(flags) })}
          table={{
            columns: [t('columns.day'), t('charts.inside.posts'), t('charts.inside.flags')],
            rows: insideDaily.map((entry) => [format.longDay(entry.day), n(entry.posts), n(entry.flags)]),
          }}
        >
          <TrendChart
            data={insideDaily}
            xKey="day"
            formatX={format.shortDay}
            formatNumber={n}
            series={[
              { key: 'posts', label: t('charts.inside.posts'), color: colors.brand },
              { key: 'flags', label: t('charts.inside.flags'), color: colors.maple },
            ]}
          />
        </StatsFigure>

        <StatsFigure
          title={t('charts.webinars.title')}
          summary={
            stats.webinars.length === 0
              ? t('charts.webinars.empty')
              : t('charts.webinars.summary', {
                  events: n(sum(stats.webinars.map((entry) => entry.events))),
                  registrations: n(sum(stats.webinars.map((entry) => entry.registrations))),
                  attended: n(sum(stats.webinars.map((entry) => entry.attended))),
                })
          }
          table={{
            columns: [
              t('columns.month'),
              t('charts.webinars.events'),
              t('charts.webinars.registrations'),
              t('charts.webinars.attended'),
            ],
            rows: stats.webinars.map((entry) => [
              format.month(entry.month),
              n(entry.events),
              n(entry.registrations),
              n(entry.attended),
            ]),
          }}
        >
          <ColumnChart
            data={stats.webinars}
            xKey="month"
            formatX={format.month}
            formatNumber={n}
            series={[
              { key: 'events', label: t('charts.webinars.events'), color: colors.slate },
              { key: 'registrations', label: t('charts.webinars.registrations'), color: colors.brand },
              { key: 'attended', label: t('charts.webinars.attended'), color: colors.sky },
            ]}
          />
        </StatsFigure>

        <StatsFigure
          title={t('charts.dossiersByStatus.title')}
          summary={t('charts.dossiersByStatus.summary', { total: n(dossiers) })}
          table={{
            columns: [t('columns.status'), t('columns.count')],
            rows: byStatus.map((entry) => [entry.label, n(entry.count)]),
          }}
        >
          <CategoryChart data={byStatus} label={t('columns.count')} color={colors.brand} formatNumber={n} />
        </StatsFigure>

        <StatsFigure
          title={t('charts.dossiersByProgram.title')}
          summary={t('charts.dossiersByProgram.summary', { total: n(dossiers) })}
          table={{
            columns: [t('columns.program'), t('columns.count')],
            rows: byProgram.map((entry) => [entry.label, n(entry.count)]),
          }}
        >
          <CategoryChart data={byProgram} label={t('columns.count')} color={colors.sky} formatNumber={n} />
        </StatsFigure>
      </div>
    </>
  );
}

/** One count per day, as a line, with its table. */
function DailyFigure({
  title,
  summary,
  data,
  format,
}: {
  title: string;
  summary: string;
  data: { day: string; count: number }[];
  format: StatsFormat;
}) {
  const { t } = useTranslation('admin-stats');
  return (
    <StatsFigure
      title={title}
      summary={summary}
      table={{
        columns: [t('columns.day'), t('columns.count')],
        rows: data.map((entry) => [format.longDay(entry.day), format.number(entry.count)]),
      }}
    >
      <TrendChart
        data={data}
        xKey="day"
        formatX={format.shortDay}
        formatNumber={format.number}
        series={[{ key: 'count', label: t('columns.count'), color: colors.brand }]}
      />
    </StatsFigure>
  );
}

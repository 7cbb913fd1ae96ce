import type { TAdminStats } from '@capitune/contracts';
import { useTranslation } from 'react-i18next';
import type { StatsFormat } from './stats-format';

/** The figures that are one number each (activity, review queues, delays), in four small groups. */
export function StatsKeyFigures({ stats, format }: { stats: TAdminStats; format: StatsFormat }) {
  const { t } = useTranslation('admin-stats');
  const duration = (seconds: number | null) => (seconds === null ? t('none') : format.duration(seconds));
  const groups = [
    {
      title: t('figures.active'),
      items: [
        [t('figures.activeDay'), format.number(stats.activeMembers.day)],
        [t('figures.activeWeek'), format.number(stats.activeMembers.week)],
        [t('figures.activeMonth'), format.number(stats.activeMembers.month)],
      ],
    },
    {
      title: t('figures.documents'),
      items: [
        [t('figures.awaitingReview'), format.number(stats.documents.awaitingReview)],
        [t('figures.oldestAwaiting'), duration(stats.documents.oldestAwaitingSeconds)],
        [t('figures.reviewed'), format.number(stats.documents.reviewed)],
        [t('figures.medianReview'), duration(stats.documents.medianReviewSeconds)],
      ],
    },
    {
      title: t('figures.verifications'),
      items: [
        [t('figures.pendingVerifications'), format.number(stats.verifications.pending)],
        [t('figures.oldestVerification'), duration(stats.verifications.oldestWaitingSeconds)],
        [t('figures.medianVerification'), duration(stats.verifications.medianWaitingSeconds)],
      ],
    },
    {
      title: t('figures.moderation'),
      items: [
        [t('figures.resolvedFlags'), format.number(stats.inside.resolvedFlags)],
        [t('figures.medianModeration'), duration(stats.inside.medianModerationSeconds)],
      ],
    },
  ];
  return (
    <section aria-labelledby="stats-key-figures" className="mt-8">
      <h2 id="stats-key-figures" className="font-semibold text-brand-950 text-xl">
        {t('figures.heading')}
      </h2>
      <div className="mt-4 grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        {groups.map((group) => (
          <section key={group.title} className="rounded-2xl border border-slate-200 bg-white p-4">
            <h3 className="font-semibold text-slate-900">{group.title}</h3>
            <dl className="mt-2 space-y-2">
              {group.items.map(([label, value]) => (
                <div key={label}>
                  <dt className="text-slate-700 text-sm">{label}</dt>
                  <dd className="font-semibold text-brand-950 text-xl tabular-nums">{value}</dd>
                </div>
              ))}
            </dl>
          </section>
        ))}
      </div>
    </section>
  );
}

import type { TProCard } from '@capitune/contracts';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { Badge } from '../../../components/ui/badge';
import { useLanguage } from '../lib/labels';
import { ProAvatar } from './pro-avatar';
import { useProPlaces, useRegulationLine } from './pro-facts';
import { RatingSummary } from './rating-summary';
import { VerifiedBadge } from './verified-badge';

/** One professional of the directory; the name links to the profile. */
export function ProCard({ pro }: { pro: TProCard }) {
  const { t } = useTranslation('pros');
  const language = useLanguage();
  const regulation = useRegulationLine();
  const places = useProPlaces();
  const headline = pro.headline[language] || pro.headline[language === 'fr' ? 'en' : 'fr'];
  const name = `${pro.firstName} ${pro.lastName}`;

  return (
    <article
      aria-labelledby={`pro-${pro.id}`}
      className="relative flex h-full flex-col gap-3 rounded-2xl bg-white p-4 shadow-sm ring-1 ring-slate-200 focus-within:ring-2 focus-within:ring-brand-700 hover:ring-brand-300 sm:p-5"
    >
      <div className="flex items-start gap-4">
        <ProAvatar firstName={pro.firstName} lastName={pro.lastName} photoUrl={pro.photoUrl} />
        <div className="min-w-0 flex-1">
          <h2 id={`pro-${pro.id}`} className="font-semibold text-lg text-slate-900">
            {/* The whole card is the link's target area; the name is its text. */}
            <Link
              to="/pros/$slug"
              params={{ slug: pro.slug }}
              className="text-brand-900 no-underline after:absolute after:inset-0 after:rounded-2xl hover:underline"
            >
              {name}
            </Link>
          </h2>
          {pro.organisation && <p className="text-slate-700">{pro.organisation.name}</p>}
          <div className="mt-1 flex flex-wrap gap-1.5">
            <VerifiedBadge verified={pro.verified} />
            {pro.acceptingClients ? (
              <Badge tone="brand">{t('card.accepting')}</Badge>
            ) : (
              <Badge>{t('card.notAccepting')}</Badge>
            )}
          </div>
        </div>
      </div>
      <p className="text-slate-600 text-sm">{regulation(pro)}</p>
      <RatingSummary rating={pro.rating} />
      {headline && <p className="line-clamp-3 text-slate-700">{headline}</p>}
      <dl className="mt-auto grid gap-1 text-sm">
        {pro.languages.length > 0 && (
          <div className="flex flex-wrap gap-x-1.5">
            <dt className="text-slate-600">{t('card.languages')}</dt>
            <dd className="text-slate-900">{places.languages(pro.languages)}</dd>
          </div>
        )}
        {pro.provinces.length > 0 && (
          <div className="flex flex-wrap gap-x-1.5">
            <dt className="text-slate-600">{t('card.provinces')}</dt>
            <dd className="text-slate-900">{places.provinces(pro.provinces)}</dd>
          </div>
        )}
        <div className="flex flex-wrap gap-x-1.5">
          <dt className="text-slate-600">{t('card.mode')}</dt>
          <dd className="text-slate-900">
            {[
              pro.remote ? t('mode.remote') : null,
              pro.inPerson
                ? pro.city
                  ? t('mode.inPersonCity', { city: pro.city })
                  : t('mode.in_person')
                : null,
            ]
              .filter(Boolean)
              .join(' · ') || t('mode.unknown')}
          </dd>
        </div>
      </dl>
    </article>
  );
}

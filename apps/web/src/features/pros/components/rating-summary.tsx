import type { TRating } from '@capitune/contracts';
import { useTranslation } from 'react-i18next';
import { cn } from '../../../lib/cn';
import { formatScore, useLanguage } from '../lib/labels';

/** Five stars filled to the score; decorative (the text beside says the score). */
export function Stars({ score, className }: { score: number; className?: string }) {
  const percent = Math.max(0, Math.min(100, (score / 5) * 100));
  return (
    <span aria-hidden="true" className={cn('relative inline-block leading-none tracking-tight', className)}>
      <span className="text-slate-300">★★★★★</span>
      <span
        className="absolute inset-y-0 start-0 overflow-hidden text-amber-600"
        style={{ width: `${percent}%` }}
      >
        ★★★★★
      </span>
    </span>
  );
}

/** The Bayesian score with its count of reviews, or "no reviews yet". */
export function RatingSummary({ rating, className }: { rating: TRating; className?: string }) {
  const { t } = useTranslation('pros');
  const language = useLanguage();
  if (rating.score === null || rating.count === 0) {
    return <p className={cn('text-slate-600 text-sm', className)}>{t('rating.none')}</p>;
  }
  return (
    <p className={cn('flex flex-wrap items-center gap-x-2 text-sm', className)}>
      <Stars score={rating.score} className="text-base" />
      <span className="text-slate-800">
        {t('rating.summary', { score: formatScore(rating.score, language), count: rating.count })}
      </span>
    </p>
  );
}

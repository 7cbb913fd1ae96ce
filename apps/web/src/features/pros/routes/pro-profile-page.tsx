import { reviewCriteria, type TProProfile } from '@capitune/contracts';
import { getRouteApi, Link, useNavigate } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { ServerErrorAlert } from '../../../components/forms/server-error-alert';
import { Button, ButtonLink } from '../../../components/ui/button';
import { Spinner } from '../../../components/ui/spinner';
import { isApiError } from '../../../lib/api-error';
import { useSession } from '../../../lib/auth';
import { useProgramName } from '../../../lib/dossiers/programs';
import { usePageMeta } from '../../../lib/use-page-meta';
import { useProProfile } from '../api/get-pro-profile';
import { useProReviews } from '../api/get-pro-reviews';
import { useReviewable } from '../api/get-reviewable';
import { AskAccompaniment } from '../components/ask-accompaniment';
import { ProAvatar } from '../components/pro-avatar';
import { useProPlaces, useRegulationLine } from '../components/pro-facts';
import { RatingSummary } from '../components/rating-summary';
import { ReviewItem, type ReviewViewer } from '../components/review-item';
import { VerifiedBadge } from '../components/verified-badge';
import { formatDate, formatScore, regulatorName, shorten, useLanguage } from '../lib/labels';

const route = getRouteApi('/pros/$slug');

/** `/pros/$slug`: a professional's public profile, their verification, reviews and webinars. */
export function ProProfilePage() {
  const { t } = useTranslation('pros');
  const { slug } = route.useParams();
  const profile = useProProfile(slug);
  const language = useLanguage();
  const data = profile.data;
  const name = data ? `${data.firstName} ${data.lastName}` : '';
  const bio = data ? data.bio[language] || data.bio[language === 'fr' ? 'en' : 'fr'] : '';
  // The same title and description as the server puts in the page's HTML (plugins/web-app.ts).
  const profession = data ? t(`professionInTitle.${data.profession}`) : '';
  usePageMeta(
    data ? t('profile.metaTitle', { name, profession }) : t('profile.metaTitleDefault'),
    data
      ? shorten(
          bio ||
            t('profile.metaDescription', {
              name,
              profession,
              firm: data.organisation ? `, ${data.organisation.name}` : '',
              regulator: regulatorName(data.regulator, language),
            }),
          160,
        )
      : undefined,
  );

  if (profile.isPending) {
    return (
      <div className="mx-auto max-w-7xl px-4 py-10 sm:px-6 lg:px-8">
        <h1 className="sr-only">{t('profile.metaTitleDefault')}</h1>
        <Spinner label={t('profile.loading')} />
      </div>
    );
  }
  if (profile.isError) {
    const notFound = isApiError(profile.error) && profile.error.status === 404;
    return (
      <div className="mx-auto max-w-3xl px-4 py-10 sm:px-6 sm:py-14 lg:px-8">
        <h1 className="font-bold text-3xl text-brand-950">
          {notFound ? t('profile.notFoundTitle') : t('profile.metaTitleDefault')}
        </h1>
        {notFound ? (
          <p className="mt-3 text-lg text-slate-700">{t('profile.notFoundBody')}</p>
        ) : (
          <ServerErrorAlert error={profile.error} className="mt-6" />
        )}
        <ButtonLink to="/pros" variant="secondary" className="mt-6">
          {t('profile.back')}
        </ButtonLink>
      </div>
    );
  }
  return <ProfileView profile={profile.data} />;
}

function ProfileView({ profile }: { profile: TProProfile }) {
  const { t } = useTranslation('pros');
  const language = useLanguage();
  const { ask } = route.useSearch();
  const navigate = useNavigate({ from: '/pros/$slug' });
  const { status, user } = useSession();
  const regulation = useRegulationLine();
  const places = useProPlaces();
  const programName = useProgramName();
  const isOwner = user?.id === profile.id;
  const name = `${profile.firstName} ${profile.lastName}`;
  const other = language === 'fr' ? 'en' : 'fr';
  const bioLanguage = profile.bio[language] ? language : other;
  const bio = profile.bio[bioLanguage];

  return (
    <div className="mx-auto max-w-7xl px-4 py-8 sm:px-6 sm:py-12 lg:px-8">
      <Link
        to="/pros"
        className="inline-flex min-h-11 items-center font-medium text-brand-800 no-underline hover:underline"
      >
        ← {t('profile.back')}
      </Link>
      {isOwner && (
        <div className="mt-4 flex flex-wrap items-center gap-3 rounded-xl bg-brand-50 p-4 text-brand-950">
          <p>{profile.verified ? t('profile.ownerNote') : t('profile.ownerNotListed')}</p>
          <ButtonLink to="/profile/public" variant="secondary" size="sm">
            {t('profile.edit')}
          </ButtonLink>
        </div>
      )}

      <header className="mt-4 flex flex-col gap-6 rounded-2xl bg-white p-4 shadow-sm ring-1 ring-slate-200 sm:flex-row sm:p-6">
        <ProAvatar
          firstName={profile.firstName}
          lastName={profile.lastName}
          photoUrl={profile.photoUrl}
          size="lg"
        />
        <div className="flex min-w-0 flex-1 flex-col gap-2">
          <h1 className="font-bold text-2xl text-brand-950 tracking-tight sm:text-3xl">{name}</h1>
          {profile.organisation && <p className="text-lg text-slate-800">{profile.organisation.name}</p>}
          <p className="text-slate-700">{regulation(profile)}</p>
          <div>
            <VerifiedBadge verified={profile.verified} />
          </div>
          <RatingSummary rating={profile.rating} />
          <div className="mt-2 flex flex-col items-start gap-2">
            {!isOwner && (
              <AskAccompaniment
                pro={profile}
                autoStart={ask === true}
                onAutoStarted={() => navigate({ search: {}, replace: true, resetScroll: false })}
              />
            )}
          </div>
        </div>
      </header>

      <div className="mt-8 grid gap-8 lg:grid-cols-[minmax(0,1fr)_22rem]">
        <div className="flex min-w-0 flex-col gap-8">
          <section aria-labelledby="about-title">
            <h2 id="about-title" className="font-semibold text-brand-950 text-xl">
              {t('profile.about')}
            </h2>
            {bio ? (
              <>
                {bioLanguage !== language && (
                  <p className="mt-2 text-slate-600 text-sm">{t('profile.bioOtherLanguage')}</p>
                )}
                <p lang={bioLanguage} className="mt-3 whitespace-pre-line text-slate-800">
                  {bio}
                </p>
              </>
            ) : (
              <p className="mt-3 text-slate-600">{t('profile.noBio')}</p>
            )}
          </section>

          {profile.testimonials.length > 0 && (
            <section aria-labelledby="testimonials-title">
              <h2 id="testimonials-title" className="font-semibold text-brand-950 text-xl">
                {t('profile.testimonials')}
              </h2>
              <ul className="mt-3 flex flex-col gap-3">
                {profile.testimonials.map((review) => (
                  <li key={review.id}>
                    <figure className="rounded-2xl bg-brand-50 p-4 sm:p-5">
                      <blockquote className="whitespace-pre-line text-brand-950">
                        {t('profile.quote', { text: review.body })}
                      </blockquote>
                      <figcaption className="mt-2 text-slate-700 text-sm">
                        — {review.authorName ?? t('reviews.anonymous')}
                      </figcaption>
                    </figure>
                  </li>
                ))}
              </ul>
            </section>
          )}

          <ReviewsSection profile={profile} isOwner={isOwner} signedIn={status === 'signedIn'} />
        </div>

        <aside aria-label={t('profile.factsLabel')} className="flex min-w-0 flex-col gap-6">
          <section
            aria-labelledby="facts-title"
            className="rounded-2xl bg-white p-4 shadow-sm ring-1 ring-slate-200 sm:p-5"
          >
            <h2 id="facts-title" className="font-semibold text-lg text-slate-900">
              {t('profile.facts')}
            </h2>
            <dl className="mt-3 grid gap-3 text-sm">
              <Fact label={t('card.languages')} value={places.languages(profile.languages)} />
              {profile.provinces.length > 0 && (
                <Fact label={t('card.provinces')} value={places.provinces(profile.provinces)} />
              )}
              <Fact
                label={t('card.mode')}
                value={
                  [
                    profile.remote ? t('mode.remote') : null,
                    profile.inPerson
                      ? profile.city
                        ? t('mode.inPersonCity', { city: profile.city })
                        : t('mode.in_person')
                      : null,
                  ]
                    .filter(Boolean)
                    .join(' · ') || t('mode.unknown')
                }
              />
              <Fact
                label={t('profile.newClients')}
                value={profile.acceptingClients ? t('card.accepting') : t('card.notAccepting')}
              />
              {profile.programs.length > 0 && (
                <div>
                  <dt className="text-slate-600">{t('profile.specialties')}</dt>
                  <dd>
                    <ul className="mt-1 list-disc ps-5 text-slate-900">
                      {profile.programs.map((id) => (
                        <li key={id}>{programName(id)}</li>
                      ))}
                    </ul>
                  </dd>
                </div>
              )}
            </dl>
          </section>

          <section
            aria-labelledby="licence-title"
            className="rounded-2xl bg-white p-4 shadow-sm ring-1 ring-slate-200 sm:p-5"
          >
            <h2 id="licence-title" className="font-semibold text-lg text-slate-900">
              {t('profile.licence')}
            </h2>
            <dl className="mt-3 grid gap-3 text-sm">
              <Fact label={t('profile.profession')} value={t(`profession.${profile.profession}`)} />
              <Fact label={t('profile.regulator')} value={regulatorName(profile.regulator, language)} />
              {profile.licenceNumber && (
                <Fact label={t('profile.licenceNumber')} value={profile.licenceNumber} />
              )}
              {profile.licenceClass && (
                <Fact label={t('profile.licenceClass')} value={profile.licenceClass} />
              )}
              {profile.verifiedSince && (
                <Fact
                  label={t('profile.verifiedSince')}
                  value={formatDate(profile.verifiedSince, language)}
                />
              )}
              {profile.lastCheckedAt && (
                <Fact label={t('profile.lastChecked')} value={formatDate(profile.lastCheckedAt, language)} />
              )}
            </dl>
            <a
              href={profile.registerUrl}
              target="_blank"
              rel="noopener noreferrer"
              className="mt-4 inline-flex min-h-11 items-center font-medium text-brand-800 underline underline-offset-4"
            >
              {t('profile.register', { regulator: regulatorName(profile.regulator, language) })}
              <span className="sr-only"> {t('profile.newTab')}</span>
            </a>
            <p className="mt-1 text-slate-600 text-sm">{t('profile.registerHint')}</p>
          </section>

          {profile.upcomingWebinars.length > 0 && (
            <section
              aria-labelledby="webinars-title"
              className="rounded-2xl bg-white p-4 shadow-sm ring-1 ring-slate-200 sm:p-5"
            >
              <h2 id="webinars-title" className="font-semibold text-lg text-slate-900">
                {t('profile.webinars')}
              </h2>
              <ul className="mt-3 flex flex-col gap-3">
                {profile.upcomingWebinars.map((webinar) => (
                  <li key={webinar.id}>
                    <Link
                      to="/live/$id"
                      params={{ id: webinar.id }}
                      className="font-medium text-brand-800 underline-offset-4 hover:underline"
                    >
                      {webinar.title}
                    </Link>
                    <p className="text-slate-600 text-sm">
                      <time dateTime={webinar.startsAt}>
                        {new Intl.DateTimeFormat(language, {
                          dateStyle: 'full',
                          timeStyle: 'short',
                          timeZone: user?.timeZone,
                        }).format(new Date(webinar.startsAt))}
                      </time>
                    </p>
                  </li>
                ))}
              </ul>
            </section>
          )}
        </aside>
      </div>
    </div>
  );
}

function Fact({ label, value }: { label: string; value: string }) {
  return (
    <div>
      <dt className="text-slate-600">{label}</dt>
      <dd className="font-medium text-slate-900">{value}</dd>
    </div>
  );
}

function ReviewsSection({
  profile,
  isOwner,
  signedIn,
}: {
  profile: TProProfile;
  isOwner: boolean;
  signedIn: boolean;
}) {
  const { t } = useTranslation('pros');
  const language = useLanguage();
  const { user } = useSession();
  const reviews = useProReviews(profile.slug);
  const reviewable = useReviewable(user?.role === 'candidate');
  const first = reviews.data?.pages[0];
  const items = reviews.data?.pages.flatMap((page) => page.items) ?? [];
  const mineToWrite = (reviewable.data ?? []).filter((item) => item.pro.id === profile.id && !item.reviewId);
  const viewer: ReviewViewer = {
    slug: profile.slug,
    isOwner,
    signedIn,
    featuredCount: profile.testimonials.length,
  };

  return (
    <section aria-labelledby="reviews-title">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h2 id="reviews-title" className="font-semibold text-brand-950 text-xl">
          {t('reviews.title')}
        </h2>
        {mineToWrite[0] && (
          <ButtonLink
            to="/pros/$slug/review"
            params={{ slug: profile.slug }}
            search={{ dossier: mineToWrite[0].dossierId }}
            variant="secondary"
          >
            {t('reviews.write')}
          </ButtonLink>
        )}
      </div>
      <p className="mt-2 text-slate-600 text-sm">{t('reviews.method')}</p>
      {reviews.isPending && <Spinner label={t('reviews.loading')} className="mt-4" />}
      <ServerErrorAlert error={reviews.error} className="mt-4" />
      {first && (
        <>
          {first.rating.count > 0 && <RatingSummary rating={first.rating} className="mt-3 text-base" />}
          {first.rating.count > 0 && (
            <dl className="mt-3 grid gap-2 sm:grid-cols-2">
              {reviewCriteria.map((criterion) => {
                const value = first.criteria[criterion];
                return (
                  <div
                    key={criterion}
                    className="flex justify-between gap-3 rounded-lg bg-slate-50 px-3 py-2"
                  >
                    <dt className="text-slate-700">{t(`criteria.${criterion}`)}</dt>
                    <dd className="font-semibold text-slate-900">
                      {value === null ? '—' : t('reviews.outOfFive', { score: formatScore(value, language) })}
                    </dd>
                  </div>
                );
              })}
            </dl>
          )}
          {items.length === 0 ? (
            <p className="mt-4 text-slate-700">{t('reviews.none')}</p>
          ) : (
            <ul className="mt-4 flex flex-col gap-3">
              {items.map((review) => (
                <li key={review.id}>
                  <ReviewItem review={review} viewer={viewer} />
                </li>
              ))}
            </ul>
          )}
          {reviews.hasNextPage && (
            <Button
              variant="secondary"
              className="mt-4"
              onClick={() => void reviews.fetchNextPage()}
              disabled={reviews.isFetchingNextPage}
            >
              {t('reviews.more')}
            </Button>
          )}
        </>
      )}
    </section>
  );
}

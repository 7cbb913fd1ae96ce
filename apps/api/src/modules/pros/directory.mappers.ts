import { regulatorInfo, type TProCard, type TProProfile, type TProReview } from '@capitune/contracts';
import {
  type CardRow,
  PRIOR_COUNT,
  PRIOR_MEAN,
  type ProfileRow,
  type TestimonialJson,
} from './directory.queries';

/** The one mapper of each public shape of the directory: cards, profiles, reviews (row → contract). */

/** A review stays editable by its author for this long. */
export const REVIEW_EDITABLE_DAYS = 30;
const DAY_MS = 86_400_000;

/** The score shown: one decimal, null without reviews. */
export function ratingOf(count: number, sum: number) {
  return {
    score:
      count > 0 ? Math.round(((PRIOR_COUNT * PRIOR_MEAN + sum) / (PRIOR_COUNT + count)) * 10) / 10 : null,
    average: count > 0 ? Math.round((sum / count) * 10) / 10 : null,
    count,
  };
}

/** The first words of a bio, cut at a word boundary. */
function headline(text: string): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  if (clean.length <= 160) return clean;
  const cut = clean.slice(0, 160);
  const space = cut.lastIndexOf(' ');
  return `${(space > 80 ? cut.slice(0, space) : cut).replace(/[\s,;:.]+$/, '')}…`;
}

export function photoUrl(slug: string, sha: string | null): string | null {
  return sha ? `/api/pros/${slug}/photo?v=${sha.slice(0, 12)}` : null;
}

export function toCard(row: CardRow): TProCard {
  return {
    id: row.user_id,
    slug: row.slug,
    firstName: row.first_name,
    lastName: row.last_name,
    organisation:
      row.organisation_id && row.organisation_name
        ? { id: row.organisation_id, name: row.organisation_name }
        : null,
    licenceNumber: row.licence_number,
    profession: row.profession,
    regulator: row.regulator,
    licenceClass: row.licence_class,
    verified: row.standing === 'verified',
    photoUrl: photoUrl(row.slug, row.photo_sha),
    languages: row.languages,
    provinces: row.provinces,
    city: row.city,
    remote: row.remote,
    inPerson: row.in_person,
    acceptingClients: row.accepting_clients,
    programs: row.programs,
    rating: ratingOf(row.rating_count, row.rating_sum),
    headline: { fr: headline(row.bio_fr ?? ''), en: headline(row.bio_en ?? '') },
  };
}

/** A profile as `viewerId` sees it (the pro, an admin or anyone: only `mine` on reviews differs). */
export function toProfile(row: ProfileRow, viewerId: string | null): TProProfile {
  return {
    ...toCard(row),
    bio: { fr: row.bio_fr ?? '', en: row.bio_en ?? '' },
    registerUrl: regulatorInfo[row.regulator].registerUrl,
    verifiedSince: row.verified_since,
    lastCheckedAt: row.checked_at,
    testimonials: row.testimonials.map((review) => toReview(review, viewerId)),
    upcomingWebinars: row.webinars,
  };
}

export function toReview(row: TestimonialJson, viewerId: string | null): TProReview {
  const mine = viewerId !== null && row.author_id === viewerId;
  return {
    id: row.id,
    scores: {
      responsiveness: row.responsiveness,
      feesClarity: row.fees_clarity,
      processExplanation: row.process_explanation,
      overall: row.overall,
    },
    body: row.body,
    authorName: row.author_name,
    mine,
    editableUntil: mine
      ? new Date(new Date(row.created_at).getTime() + REVIEW_EDITABLE_DAYS * DAY_MS).toISOString()
      : null,
    featured: row.featured,
    featureConsent: row.feature_consent,
    reply: row.reply && row.replied_at ? { body: row.reply, at: row.replied_at } : null,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

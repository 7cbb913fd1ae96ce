import {
  type TProDirectoryQuery,
  ZLicenceClass,
  ZProfession,
  ZProStanding,
  ZProvince,
  ZRegulator,
} from '@capitune/contracts';
import { eq, type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';
import { type PhotoRef, proProfiles } from '../../db/schema';
import { isoTime, likeLiteral } from '../../lib/sql';
import type { Database } from '../../platform/db/database';
import { selectRows } from '../../platform/db/rows';
import { standingSql } from '../access';

/**
 * Every statement of the directory and the public profiles. The directory's page is one statement:
 * the listed pros (verified standing, active account) with their firm, filtered, in the order asked,
 * after the cursor.
 */

/** Bayesian prior of the displayed score: C reviews of m stars (docs/decisions/008). */
export const PRIOR_COUNT = 5;
export const PRIOR_MEAN = 4;

/**
 * The Bayesian score (C·m + Σ overall) / (C + n) as an exact integer (millionths), the directory's
 * rating order. Written as the expression of the index `pro_profiles_rank_idx`, so that the planner reads
 * pages straight from it.
 */
const scoreKey = sql`((20 + p.rating_sum)::bigint * 1000000 / (5 + p.rating_count))`;

/** A pro's row as cards and profiles read it (raw statements return timestamps as text). */
const ZCardRow = z.object({
  user_id: z.string(),
  slug: z.string(),
  first_name: z.string(),
  last_name: z.string(),
  organisation_id: z.string().nullable(),
  organisation_name: z.string().nullable(),
  licence_number: z.string().nullable(),
  profession: ZProfession,
  regulator: ZRegulator,
  licence_class: ZLicenceClass.nullable(),
  photo_sha: z.string().nullable(),
  languages: z.array(z.string()),
  provinces: z.array(ZProvince),
  city: z.string().nullable(),
  remote: z.boolean(),
  in_person: z.boolean(),
  accepting_clients: z.boolean(),
  programs: z.array(z.string()),
  rating_count: z.number(),
  rating_sum: z.number(),
  /** Null when the bio's JSON lacks the language. */
  bio_fr: z.string().nullable(),
  bio_en: z.string().nullable(),
  standing: ZProStanding,
  /** ISO time. */
  verified_since: z.string().nullable(),
});
export type CardRow = z.infer<typeof ZCardRow>;

const cardColumns = (bioLength: number | null) => sql`p.user_id, p.slug, u.first_name, u.last_name,
  o.id as organisation_id, o.name as organisation_name, v.licence_number,
  coalesce(v.profession, 'rcic') as profession, coalesce(v.regulator, 'cicc') as regulator, v.licence_class, p.photo->>'sha256' as photo_sha, p.languages, p.provinces, p.city, p.remote, p.in_person,
  p.accepting_clients, p.programs, p.rating_count, p.rating_sum,
  ${bioLength === null ? sql`p.bio->>'fr'` : sql`left(p.bio->>'fr', ${sql.raw(String(bioLength))})`} as bio_fr,
  ${bioLength === null ? sql`p.bio->>'en'` : sql`left(p.bio->>'en', ${sql.raw(String(bioLength))})`} as bio_en,
  ${isoTime(sql`v.verified_since`)} as verified_since`;

/** The standing of the file aliased `v` (the directory lists `verified` only). */
const standing = (today: string) =>
  standingSql(today, { status: sql`v.status`, renewalDate: sql`v.renewal_date` });

// ---------------------------------------------------------------------------------------------------
// Directory

/** Where a page starts: the last card's sort keys (`rank` only with a text query). */
export type DirectoryKey =
  | { sort: 'score'; rank: number | null; score: number; count: number; id: string }
  | { sort: 'newest'; at: string; id: string };

const ZDirectoryRow = ZCardRow.extend({
  /** The Bayesian score in millionths (a bigint, read as a number). */
  score_key: z.number(),
  rank: z.number().nullable(),
  /** `verified_since` to the microsecond, as the keyset compares it. */
  since_key: z.string().nullable(),
});
export type DirectoryRow = z.infer<typeof ZDirectoryRow>;

/** `%text%` for LIKE, its wildcards escaped, without accents or case (compared to `unaccent(lower(…))`). */
function containsPattern(text: string): string {
  return `%${likeLiteral(
    text
      .normalize('NFD')
      .replace(/\p{Diacritic}/gu, '')
      .toLowerCase(),
  )}%`;
}
const folded = (text: SQL) => sql`unaccent(lower(${text}))`;

/**
 * One page of listed pros. Orders, all descending and explainable from public fields only:
 * relevance = text match (name 3, firm 2, city or bio 1; only with `q`), then the Bayesian score, the
 * number of reviews, the id; rating = score, count, id; newest = verified since, id.
 */
export async function directoryPage(
  db: Database,
  query: TProDirectoryQuery,
  after: DirectoryKey | null,
  today: string,
): Promise<DirectoryRow[]> {
  const todayParam = sql`${today}`;
  const filters: SQL[] = [
    sql`v.status = 'verified'`,
    sql`(v.renewal_date is null or v.renewal_date >= ${todayParam}::date)`,
    sql`u.status = 'active'`,
    // In the directory by the pro's own choice (privacy by default).
    sql`p.listed`,
  ];
  // `array_position(…) is not null` rather than `@> array[$n]`: a prepared statement soon runs on a generic
  // plan, which takes `@>` with an unknown value for a rare one and sorts every match; this form keeps the
  // walk down the order's index, stopped at the page's last row (0.8 ms for a common filter, 3 ms when
  // nothing matches, on 4,500 pros).
  if (query.language) filters.push(sql`array_position(p.languages, ${query.language}::text) is not null`);
  if (query.province) filters.push(sql`array_position(p.provinces, ${query.province}::text) is not null`);
  if (query.program) filters.push(sql`array_position(p.programs, ${query.program}::text) is not null`);
  if (query.regulator) filters.push(sql`v.regulator = ${query.regulator}`);
  if (query.licenceClass) filters.push(sql`v.licence_class = ${query.licenceClass}`);
  if (query.accepting !== undefined) filters.push(sql`p.accepting_clients = ${query.accepting}`);
  if (query.mode === 'remote') filters.push(sql`p.remote`);
  if (query.mode === 'in_person') filters.push(sql`p.in_person`);
  if (query.city) filters.push(sql`${folded(sql`p.city`)} like ${containsPattern(query.city)}`);
  if (query.minRating !== undefined) {
    // "At least 4 stars" means a rating: pros without reviews (the prior alone) are not in it.
    filters.push(sql`p.rating_count > 0`);
    // Compared as shown (one decimal, rounded): "4.4 and more" includes a 4.375 shown as 4.4.
    filters.push(sql`${scoreKey} >= ${Math.round((query.minRating - 0.05) * 1_000_000)}`);
  }

  // A text query reads every listed pro's name, firm, city and bios (about 25 ms for 4,500 pros on the
  // bench machine): a stored, indexed search text would be the next step if the directory grows.
  let rank: SQL = sql`null::int`;
  let matching = sql``;
  if (query.q) {
    const pattern = containsPattern(query.q);
    matching = sql`cross join lateral (select case
        when ${folded(sql`u.first_name || ' ' || u.last_name`)} like ${pattern} then 3
        when ${folded(sql`coalesce(o.name, '')`)} like ${pattern} then 2
        when ${folded(sql`concat_ws(' ', p.city, p.bio->>'fr', p.bio->>'en')`)} like ${pattern} then 1
        else 0 end as rank) m`;
    rank = sql`m.rank`;
    filters.push(sql`m.rank > 0`);
  }
  const relevance = query.q && query.sort === 'relevance';

  let order: SQL;
  if (query.sort === 'newest') {
    order = sql`v.verified_since desc, p.user_id desc`;
    if (after?.sort === 'newest') {
      filters.push(sql`(v.verified_since, p.user_id) < (${after.at}::timestamptz, ${after.id}::uuid)`);
    }
  } else if (relevance) {
    order = sql`rank desc, score_key desc, p.rating_count desc, p.user_id desc`;
    if (after?.sort === 'score') {
      filters.push(
        sql`(${rank}, ${scoreKey}, p.rating_count, p.user_id) < (${after.rank ?? 0}::int, ${after.score}::bigint, ${after.count}::int, ${after.id}::uuid)`,
      );
    }
  } else {
    order = sql`${scoreKey} desc, p.rating_count desc, p.user_id desc`;
    if (after?.sort === 'score') {
      filters.push(
        sql`(${scoreKey}, p.rating_count, p.user_id) < (${after.score}::bigint, ${after.count}::int, ${after.id}::uuid)`,
      );
    }
  }

  return selectRows(
    db,
    ZDirectoryRow,
    sql`
    select ${cardColumns(180)}, 'verified' as standing, ${scoreKey} as score_key, ${rank} as rank,
      to_char(v.verified_since at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as since_key
    from pro_profiles p
    join pro_verifications v on v.user_id = p.user_id
    join users u on u.id = p.user_id
    left join organisations o on o.id = u.organisation_id
    ${matching}
    where ${sql.join(filters, sql` and `)}
    order by ${order}
    limit ${query.limit + 1}`,
    'directory page',
  );
}

// ---------------------------------------------------------------------------------------------------
// Profiles

/** A review as the JSON of `reviewJson` carries it (mapped by `toReview`). */
export const ZTestimonialJson = z.object({
  id: z.string(),
  author_id: z.string(),
  responsiveness: z.number(),
  fees_clarity: z.number(),
  process_explanation: z.number(),
  overall: z.number(),
  body: z.string(),
  author_name: z.string().nullable(),
  featured: z.boolean(),
  feature_consent: z.boolean(),
  reply: z.string().nullable(),
  replied_at: z.string().nullable(),
  created_at: z.string(),
  updated_at: z.string(),
});
export type TestimonialJson = z.infer<typeof ZTestimonialJson>;

/** An upcoming webinar as the profile shows it (`upcomingWebinars`: built in SQL, shown as it is). */
const ZProfileWebinar = z.object({ id: z.string(), title: z.string(), startsAt: z.string() });

const ZProfileRow = ZCardRow.extend({
  /** The account is active (a suspended account is not shown, whatever its licence). */
  active: z.boolean(),
  /** The pro chose to be shown publicly. */
  listed: z.boolean(),
  checked_at: z.string().nullable(),
  status: z.string().nullable(),
  testimonials: z.array(ZTestimonialJson),
  webinars: z.array(ZProfileWebinar),
});
export type ProfileRow = z.infer<typeof ZProfileRow>;

/** A review's JSON, the author shown as "Amina D." or null when anonymous (`r` joined to its author `a`). */
export const reviewJson = sql`json_build_object('id', r.id, 'author_id', r.author_id,
  'responsiveness', r.responsiveness, 'fees_clarity', r.fees_clarity,
  'process_explanation', r.process_explanation, 'overall', r.overall, 'body', r.body,
  'author_name', case when r.display = 'name' then a.first_name || ' ' || left(a.last_name, 1) || '.' end,
  'featured', r.featured, 'feature_consent', r.feature_consent, 'reply', r.reply,
  'replied_at', ${isoTime(sql`r.replied_at`)}, 'created_at', ${isoTime(sql`r.created_at`)},
  'updated_at', ${isoTime(sql`r.updated_at`)})`;

/**
 * A pro's public profile by slug, whatever their standing (the service decides who sees it), with the
 * testimonials (featured, published, three at most) and the upcoming published webinars they host.
 */
export async function profileBySlug(
  db: Database,
  slug: string,
  today: string,
  now: Date,
): Promise<ProfileRow | undefined> {
  const [row] = await selectRows(
    db,
    ZProfileRow,
    sql`
    select ${cardColumns(null)}, ${standing(today)} as standing,
      ${isoTime(sql`v.checked_at`)} as checked_at, v.status, u.status = 'active' as active, p.listed,
      coalesce((select json_agg(${reviewJson} order by r.created_at desc, r.id desc)
        from (select * from pro_reviews where pro_id = p.user_id and featured and status = 'published'
          order by created_at desc, id desc limit 3) r
        join users a on a.id = r.author_id), '[]') as testimonials,
      coalesce((select json_agg(json_build_object('id', e.id, 'title', e.title,
          'startsAt', ${isoTime(sql`e.starts_at`)}) order by e.starts_at, e.id)
        from (select id, title, starts_at from events
          where host_id = p.user_id and status = 'scheduled' and ends_at > ${now}
          order by starts_at, id limit 5) e), '[]') as webinars
    from pro_profiles p
    join users u on u.id = p.user_id
    left join pro_verifications v on v.user_id = p.user_id
    left join organisations o on o.id = u.organisation_id
    where p.slug = ${slug} and u.role = 'pro'`,
    'profile by slug',
  );
  return row;
}

const ZProBySlugRow = z.object({
  user_id: z.string(),
  standing: ZProStanding,
  active: z.boolean(),
  listed: z.boolean(),
  rating_count: z.number(),
  rating_sum: z.number(),
});

/** A pro's id, standing and account status by slug: the review routes' lookup. */
export async function proBySlug(db: Database, slug: string, today: string) {
  const [row] = await selectRows(
    db,
    ZProBySlugRow,
    sql`
    select p.user_id, ${standing(today)} as standing, u.status = 'active' as active, p.listed,
      p.rating_count, p.rating_sum
    from pro_profiles p join users u on u.id = p.user_id
    left join pro_verifications v on v.user_id = p.user_id
    where p.slug = ${slug} and u.role = 'pro'`,
    'pro by slug',
  );
  return row;
}

/** The stored photo of a pro, by slug. */
export async function photoBySlug(db: Database, slug: string): Promise<PhotoRef | null | undefined> {
  const [row] = await db
    .select({ photo: proProfiles.photo })
    .from(proProfiles)
    .where(eq(proProfiles.slug, slug));
  return row?.photo;
}

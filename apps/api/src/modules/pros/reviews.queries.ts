import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { dossiers, proProfiles, proReviews, users } from '../../db/schema';
import type { Database } from '../../platform/db/database';
import { returnedRow, selectRows } from '../../platform/db/rows';
import type { Transaction } from '../../platform/db/transaction';
import { reviewJson, ZTestimonialJson } from './directory.queries';

/** Every statement of the reviews: pages, writes, the rating counters and the locks they take. */

export type ReviewRecord = typeof proReviews.$inferSelect;

const criterion = z.number().nullable();
const ZReviewPageRow = z.object({
  criteria: z.object({
    responsiveness: criterion,
    feesClarity: criterion,
    processExplanation: criterion,
    overall: criterion,
  }),
  items: z.array(ZTestimonialJson),
});

/** One page of a pro's published reviews, newest first, with the averages of every criterion. */
export async function reviewPage(
  db: Database,
  proId: string,
  after: { at: Date; id: string } | null,
  limit: number,
) {
  const [row] = await selectRows(
    db,
    ZReviewPageRow,
    sql`
    select
      (select json_build_object(
          'responsiveness', round(avg(responsiveness), 1), 'feesClarity', round(avg(fees_clarity), 1),
          'processExplanation', round(avg(process_explanation), 1), 'overall', round(avg(overall), 1))
        from pro_reviews where pro_id = ${proId} and status = 'published') as criteria,
      coalesce((select json_agg(${reviewJson} order by r.created_at desc, r.id desc)
        from (select * from pro_reviews where pro_id = ${proId} and status = 'published'
          ${after ? sql`and (created_at, id) < (${after.at}::timestamptz, ${after.id}::uuid)` : sql``}
          order by created_at desc, id desc limit ${limit + 1}) r
        join users a on a.id = r.author_id), '[]') as items`,
    'review page',
  );
  return row ?? { criteria: null, items: [] };
}

/** One review as the API shows it. */
export async function reviewById(db: Database, id: string) {
  const [row] = await selectRows(
    db,
    z.object({ review: ZTestimonialJson }),
    sql`
    select ${reviewJson} as review from pro_reviews r join users a on a.id = r.author_id where r.id = ${id}`,
    'review by id',
  );
  return row?.review;
}

const ZReviewableRow = z.object({
  dossier_id: z.string(),
  program_id: z.string(),
  pro_id: z.string(),
  slug: z.string(),
  first_name: z.string(),
  last_name: z.string(),
  review_id: z.string().nullable(),
});

/**
 * The dossiers of a candidate whose agent they may review (followed ≥ 30 days, or closed with them),
 * with the review already written for each.
 */
export async function reviewableDossiers(db: Database, ownerId: string, since: Date) {
  return selectRows(
    db,
    ZReviewableRow,
    sql`
    select d.id as dossier_id, d.program_id, d.agent_id as pro_id, p.slug, u.first_name, u.last_name,
      r.id as review_id
    from dossiers d
    join users u on u.id = d.agent_id
    join pro_profiles p on p.user_id = d.agent_id
    left join pro_reviews r on r.dossier_id = d.id
    where d.owner_id = ${ownerId} and d.agent_id is not null
      and (d.status = 'closed' or d.agent_since <= ${since})
    order by d.created_at desc, d.id desc
    limit 100`,
    'reviewable dossiers',
  );
}

/**
 * Moves a pro's rating counters by one review's change (`count` ±1 and its overall score, or only a new
 * score); the profile's row lock serialises every change of one pro's counters.
 */
export async function adjustRating(tx: Transaction, proId: string, count: number, sum: number) {
  if (count === 0 && sum === 0) return;
  await tx.db.execute(sql`
    update pro_profiles set rating_count = rating_count + ${count}, rating_sum = rating_sum + ${sum}
    where user_id = ${proId}`);
}

/** Featured published reviews of a pro (the cap is three). */
export async function featuredCount(tx: Transaction, proId: string): Promise<number> {
  const [row] = await selectRows(
    tx.db,
    z.object({ n: z.number() }),
    sql`
    select count(*)::int as n from pro_reviews where pro_id = ${proId} and featured and status = 'published'`,
    'featured count',
  );
  return row?.n ?? 0;
}

/** The dossier a review is written for, locked: who owns it, who follows it, since when. */
export async function lockedDossierOf(tx: Transaction, dossierId: string) {
  const [row] = await tx.db
    .select({
      ownerId: dossiers.ownerId,
      agentId: dossiers.agentId,
      agentSince: dossiers.agentSince,
      status: dossiers.status,
    })
    .from(dossiers)
    .where(eq(dossiers.id, dossierId))
    .for('update');
  return row;
}

/** The review of a dossier, if written. */
export async function reviewOfDossier(tx: Transaction, dossierId: string) {
  const [row] = await tx.db
    .select({ id: proReviews.id })
    .from(proReviews)
    .where(eq(proReviews.dossierId, dossierId));
  return row;
}

export async function insertReview(tx: Transaction, values: typeof proReviews.$inferInsert) {
  const rows = await tx.db.insert(proReviews).values(values).returning({ id: proReviews.id });
  return returnedRow(rows, 'review insert');
}

/**
 * The pro's profile row, locked: every change of one pro's counters and testimonials in turn. Always
 * after the review's row (as moderation locks them), never before.
 */
export async function lockProfile(tx: Transaction, proId: string) {
  await tx.db
    .select({ userId: proProfiles.userId })
    .from(proProfiles)
    .where(eq(proProfiles.userId, proId))
    .for('update');
}

/** A review's row, locked. */
export async function lockedReview(tx: Transaction, id: string): Promise<ReviewRecord | undefined> {
  const [review] = await tx.db.select().from(proReviews).where(eq(proReviews.id, id)).for('update');
  return review;
}

export async function updateReviewRow(
  tx: Transaction,
  id: string,
  changes: Partial<typeof proReviews.$inferInsert>,
): Promise<void> {
  await tx.db.update(proReviews).set(changes).where(eq(proReviews.id, id));
}

/** A review's pro and overall score (moderation). */
export async function reviewScore(tx: Transaction, reviewId: string) {
  const [review] = await tx.db
    .select({ proId: proReviews.proId, overall: proReviews.overall })
    .from(proReviews)
    .where(eq(proReviews.id, reviewId));
  return review;
}

/** What moderation shows of a review: the reviewed pro's name and slug. */
export async function reviewSubject(tx: Transaction, reviewId: string) {
  const [row] = await tx.db
    .select({ slug: proProfiles.slug, firstName: users.firstName, lastName: users.lastName })
    .from(proReviews)
    .innerJoin(proProfiles, eq(proProfiles.userId, proReviews.proId))
    .innerJoin(users, and(eq(users.id, proReviews.proId)))
    .where(eq(proReviews.id, reviewId));
  return row;
}

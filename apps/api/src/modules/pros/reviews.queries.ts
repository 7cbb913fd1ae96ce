import { sql } from 'drizzle-orm';
import type { Database } from '../../platform/db/database';
import type { Transaction } from '../../platform/db/transaction';
import { reviewJson, type TestimonialJson } from './directory.queries';

/** Every statement of the reviews, besides the plain row reads and writes of the service. */

/** One page of a pro's published reviews, newest first, with the averages of every criterion. */
export async function reviewPage(
  db: Database,
  proId: string,
  after: { at: Date; id: string } | null,
  limit: number,
) {
  const result = await db.execute<{
    criteria: {
      responsiveness: number | null;
      feesClarity: number | null;
      processExplanation: number | null;
      overall: number | null;
    };
    items: TestimonialJson[];
  }>(sql`
    select
      (select json_build_object(
          'responsiveness', round(avg(responsiveness), 1), 'feesClarity', round(avg(fees_clarity), 1),
          'processExplanation', round(avg(process_explanation), 1), 'overall', round(avg(overall), 1))
        from pro_reviews where pro_id = ${proId} and status = 'published') as criteria,
      coalesce((select json_agg(${reviewJson} order by r.created_at desc, r.id desc)
        from (select * from pro_reviews where pro_id = ${proId} and status = 'published'
          ${after ? sql`and (created_at, id) < (${after.at}::timestamptz, ${after.id}::uuid)` : sql``}
          order by created_at desc, id desc limit ${limit + 1}) r
        join users a on a.id = r.author_id), '[]') as items`);
  const row = result.rows[0];
  return row ?? { criteria: null, items: [] };
}

/** One review as the API shows it. */
export async function reviewById(db: Database, id: string): Promise<TestimonialJson | undefined> {
  const result = await db.execute<{ review: TestimonialJson }>(sql`
    select ${reviewJson} as review from pro_reviews r join users a on a.id = r.author_id where r.id = ${id}`);
  return result.rows[0]?.review;
}

/**
 * The dossiers of a candidate whose agent they may review (followed ≥ 30 days, or closed with them),
 * with the review already written for each.
 */
export async function reviewableDossiers(db: Database, ownerId: string, since: Date) {
  const result = await db.execute<{
    dossier_id: string;
    program_id: string;
    pro_id: string;
    slug: string;
    first_name: string;
    last_name: string;
    review_id: string | null;
  }>(sql`
    select d.id as dossier_id, d.program_id, d.agent_id as pro_id, p.slug, u.first_name, u.last_name,
      r.id as review_id
    from dossiers d
    join users u on u.id = d.agent_id
    join pro_profiles p on p.user_id = d.agent_id
    left join pro_reviews r on r.dossier_id = d.id
    where d.owner_id = ${ownerId} and d.agent_id is not null
      and (d.status = 'closed' or d.agent_since <= ${since})
    order by d.created_at desc, d.id desc
    limit 100`);
  return result.rows;
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
  const result = await tx.db.execute<{ n: number }>(sql`
    select count(*)::int as n from pro_reviews where pro_id = ${proId} and featured and status = 'published'`);
  return result.rows[0]?.n ?? 0;
}

import type { TFeedQuery } from '@capitune/contracts';
import { type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';
import { anyOf } from '../../lib/sql';
import type { Database } from '../../platform/db/database';
import { selectRows } from '../../platform/db/rows';
import type { Caller } from '../access';
import { HIGHLIGHT_START, HIGHLIGHT_STOP } from './inside.render';
import { ZTime } from './inside.rows';
import { type PostSummaryRow, postSummarySql, ZPostSummaryRow } from './posts.queries';

/**
 * The statements of the feed and the search. Every ordering is a keyset over a unique key, so a page
 * never repeats or skips a post when others are written between two fetches:
 * - `new`: (created_at, id), index posts_new_idx / posts_category_new_idx;
 * - `top`: (hot_score, id), index posts_top_idx / posts_category_top_idx; the score is stored and
 *   moves only with likes and comments;
 * - search: (rank, id) over the matches found through the GIN index of `search_vector`, or
 *   (similarity, id) over the trigram index of titles for the fuzzy fallback.
 */

/** What the viewer may see in lists: published posts, and their own held or hidden ones. */
function visibleTo(viewer: Caller | null): SQL {
  return viewer
    ? sql`p.deleted_at is null and (p.status = 'published' or p.author_id = ${viewer.id})`
    : sql`p.deleted_at is null and p.status = 'published'`;
}

function filters(query: TFeedQuery): SQL[] {
  const where: SQL[] = [];
  if (query.category) where.push(sql`p.category = ${query.category}`);
  if (query.tag) where.push(sql`p.tags @> array[${query.tag}]::text[]`);
  return where;
}

const and = (parts: SQL[]) => sql.join(parts, sql` and `);

/** Where a page of the feed starts: after the last post of the previous page, in its order. */
export type FeedAfter = { sort: 'top'; score: number; id: string } | { sort: 'new'; at: Date; id: string };

/** A page of the feed (one more than `query.limit` when another follows). */
export async function feedRows(
  db: Database,
  viewer: Caller | null,
  query: TFeedQuery,
  after: FeedAfter | null,
): Promise<PostSummaryRow[]> {
  const where = [visibleTo(viewer), ...filters(query)];
  if (after?.sort === 'top')
    where.push(sql`(p.hot_score, p.id) < (${after.score}::double precision, ${after.id}::uuid)`);
  if (after?.sort === 'new')
    where.push(sql`(p.created_at, p.id) < (${after.at}::timestamptz, ${after.id}::uuid)`);
  const order = query.sort === 'top' ? sql`p.hot_score desc, p.id desc` : sql`p.created_at desc, p.id desc`;
  return selectRows(
    db,
    ZPostSummaryRow,
    sql`
    select ${postSummarySql}
    from posts p join users u on u.id = p.author_id
    where ${and(where)}
    order by ${order}
    limit ${query.limit + 1}`,
    'inside.feed',
  );
}

/** Options of ts_headline: control characters as markers, escaped and turned into <mark> afterwards. */
const headlineOptions = `StartSel=${HIGHLIGHT_START}, StopSel=${HIGHLIGHT_STOP}, MaxWords=35, MinWords=12, MaxFragments=2, FragmentDelimiter=" … "`;
const titleHeadlineOptions = `StartSel=${HIGHLIGHT_START}, StopSel=${HIGHLIGHT_STOP}, HighlightAll=true`;

/** A post found by a search, with what only the search knows: its rank and its highlighted parts. */
const ZSearchHit = z.object({
  id: z.string(),
  rank: z.number(),
  title_headline: z.string().nullable(),
  body_headline: z.string().nullable(),
});
export type SearchHit = z.infer<typeof ZSearchHit>;

/** Where a search page starts: after (rank, id). */
export type RankAfter = readonly [unknown, number, string, ...unknown[]];

/**
 * Which posts a ranking reads (`from`, aliased `p`) and the condition they meet: the published ones, or a
 * viewer's own held or hidden ones, read first through the author index (a handful of rows; OFFSET 0
 * keeps the planner from going through the search index or the time window instead).
 */
export interface Scope {
  from: SQL;
  where: SQL;
}
export const publicPosts: Scope = { from: sql`posts p`, where: visibleTo(null) };
/** The posts only their author sees in lists: held or hidden, not deleted. */
const unlistedOf = (viewer: Caller) =>
  sql`p.author_id = ${viewer.id} and p.status <> 'published' and p.deleted_at is null`;
export const ownPosts = (viewer: Caller): Scope => ({
  from: sql`(select * from posts p where ${unlistedOf(viewer)} offset 0) p`,
  where: sql`true`,
});

/**
 * In one statement: which of these posts the viewer likes, and whether they have posts that only they
 * see (held or hidden), which a ranking for everyone leaves out.
 */
export async function viewerPartsRow(db: Database, viewer: Caller, postIds: string[]) {
  const [row] = await selectRows(
    db,
    z.object({ liked: z.array(z.string()), unlisted: z.boolean() }),
    sql`
    select
      array(select l.post_id from post_likes l where l.user_id = ${viewer.id} and ${anyOf(sql`l.post_id`, postIds)}) as liked,
      exists(select 1 from posts p where ${unlistedOf(viewer)}) as unlisted`,
    'inside.viewer_parts',
  );
  return row;
}

/** The summaries of these posts as they are now, for those the viewer may still see. */
export async function summaryRows(db: Database, viewer: Caller | null, postIds: string[]) {
  return selectRows(
    db,
    ZPostSummaryRow,
    sql`
    select ${postSummarySql}
    from posts p join users u on u.id = p.author_id
    where ${anyOf(sql`p.id`, postIds)} and ${visibleTo(viewer)}`,
    'inside.summaries',
  );
}

export interface WindowBound {
  at: Date;
  id: string;
}

/**
 * The query parsed once per statement: as a subquery (an InitPlan) it is computed before the scan. Written
 * as a plain call with a parameter, the plan PostgreSQL soon keeps for a prepared statement (one for any
 * parameters) calls it again for every row it filters: the window walk of 5,000 posts took 18 ms instead
 * of 3–5 (decision 007).
 */
const tsQueries = (q: string) => ({
  fr: sql`(select websearch_to_tsquery('public.fr_unaccent', ${q}))`,
  en: sql`(select websearch_to_tsquery('public.en_unaccent', ${q}))`,
});

function matches(q: string): SQL {
  const { fr, en } = tsQueries(q);
  return sql`((p.language = 'fr' and p.search_vector @@ ${fr}) or (p.language = 'en' and p.search_vector @@ ${en}))`;
}

/**
 * The oldest of the newest `window` matches among the newest `walk × window` posts, and how many matches
 * that walk found (see `windowBound` of feed.service.ts).
 */
export async function windowBoundRow(
  db: Database,
  input: { scope: Scope; query: TFeedQuery; q: string; window: number; walk: number },
) {
  const { scope, query, q, window, walk } = input;
  const [row] = await selectRows(
    db,
    z.object({ created_at: ZTime, id: z.string(), found: z.number() }),
    sql`
    select m.created_at, m.id, count(*) over () as found from (
      select p.created_at, p.id from (
        select p.created_at, p.id, p.language, p.search_vector from ${scope.from}
        where ${and([scope.where, ...filters(query)])}
        order by p.created_at desc, p.id desc
        limit ${window * walk}
      ) p
      where ${matches(q)}
      order by p.created_at desc, p.id desc
      limit ${window}
    ) m
    order by m.created_at, m.id
    limit 1`,
    'inside.window_bound',
  );
  return row;
}

/** A page of full-text matches, best first, with their headlines. */
export async function fullTextHits(
  db: Database,
  input: { scope: Scope; query: TFeedQuery; q: string; after: RankAfter | null; bound: WindowBound | null },
): Promise<SearchHit[]> {
  const { scope, query, q, after, bound } = input;
  const { fr, en } = tsQueries(q);
  const rank = sql`ts_rank_cd(p.search_vector, case when p.language = 'fr' then ${fr} else ${en} end)`;
  const visible = [scope.where, ...filters(query)];
  // Common words: the window is a time range, read through the ordering index (OFFSET 0 keeps the
  // planner from building the GIN bitmap of every match, tens of thousands of rows). Rare words: the GIN
  // index finds all matches.
  const from = bound
    ? sql`(select p.id, p.language, p.search_vector from ${scope.from}
        where ${and([...visible, sql`(p.created_at, p.id) >= (${bound.at}::timestamptz, ${bound.id}::uuid)`])}
        offset 0) p`
    : scope.from;
  const where = bound ? [matches(q)] : [...visible, matches(q)];
  if (after) where.push(sql`(${rank}, p.id) < (${after[1]}::real, ${after[2]}::uuid)`);
  // Ranked on posts alone; the headlines (which read the whole text) computed only for the page.
  return selectRows(
    db,
    ZSearchHit,
    sql`
    select p.id, r.rank,
      ts_headline(inside_ts_config(p.language::text), p.title, case when p.language = 'fr' then ${fr} else ${en} end, ${titleHeadlineOptions}) as title_headline,
      ts_headline(inside_ts_config(p.language::text), p.body_text, case when p.language = 'fr' then ${fr} else ${en} end, ${headlineOptions}) as body_headline
    from (
      select p.id, ${rank} as rank
      from ${from}
      where ${and(where)}
      order by rank desc, p.id desc
      limit ${query.limit + 1}
    ) r join posts p on p.id = r.id
    order by r.rank desc, r.id desc`,
    'inside.full_text',
  );
}

/** A page of titles similar to the query (trigrams: typos), most similar first. */
export async function fuzzyHits(
  db: Database,
  input: { scope: Scope; query: TFeedQuery; q: string; after: RankAfter | null },
): Promise<SearchHit[]> {
  const { scope, query, q, after } = input;
  // Computed once per statement, not per row (see tsQueries).
  const needle = sql`(select f_unaccent(lower(${q})))`;
  const similarity = sql`word_similarity(${needle}, f_unaccent(lower(p.title)))`;
  const where = [scope.where, ...filters(query), sql`f_unaccent(lower(p.title)) %> ${needle}`];
  if (after) where.push(sql`(${similarity}, p.id) < (${after[1]}::real, ${after[2]}::uuid)`);
  return selectRows(
    db,
    ZSearchHit,
    sql`
    select r.id, r.rank, null as title_headline, null as body_headline
    from (
      select p.id, ${similarity} as rank
      from ${scope.from}
      where ${and(where)}
      order by rank desc, p.id desc
      limit ${query.limit + 1}
    ) r
    order by r.rank desc, r.id desc`,
    'inside.fuzzy',
  );
}

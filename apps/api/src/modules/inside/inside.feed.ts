import type { TFeedQuery, TPostPage } from '@capitune/contracts';
import { type SQL, sql } from 'drizzle-orm';
import type { AppDeps } from '../../deps';
import {
  decodeCursor,
  decodeKeyCursor,
  encodeCursor,
  encodeKeyCursor,
  isCursorId,
  isCursorInstant,
} from '../../lib/cursor';
import type { AuthUser } from '../../lib/tokens';
import { foldText } from './inside.filter';
import { escapeHtml, excerptOf, HIGHLIGHT_START, HIGHLIGHT_STOP, highlightToHtml } from './inside.render';
import {
  isFiniteNumber,
  isRank,
  likedPostIds,
  type PostSummaryRow,
  postSummarySql,
  toPostSummary,
} from './inside.shared';

/**
 * The feed and the search. Every ordering is a keyset over a unique key, so a page never repeats or
 * skips a post when others are written between two fetches:
 * - `new`: (created_at, id), index posts_new_idx / posts_category_new_idx;
 * - `top`: (hot_score, id), index posts_top_idx / posts_category_top_idx; the score is stored and
 *   moves only with likes and comments;
 * - search: (rank, id) over the matches found through the GIN index of `search_vector`, or
 *   (similarity, id) over the trigram index of titles for the fuzzy fallback.
 */

/** What the viewer may see in lists: published posts, and their own held or hidden ones. */
function visibleTo(viewer: AuthUser | null): SQL {
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

/**
 * Full-text results for common words are ranked among their newest SEARCH_WINDOW matches (at most those
 * of the newest 10 × SEARCH_WINDOW posts). A word found in a third of the posts would otherwise make every
 * search rank tens of thousands of rows (0.75 s at 200,000 posts); a community's search favours recent
 * answers anyway, and narrowing the query (more words, a category, a tag) reaches older posts. Rare words
 * have all their matches ranked. The window's lower bound travels in the cursor, so later pages rank the
 * same set.
 */
export const SEARCH_WINDOW = 500;

export async function listFeed(
  deps: AppDeps,
  viewer: AuthUser | null,
  query: TFeedQuery,
  options: { searchWindow?: number } = {},
): Promise<TPostPage> {
  if (query.q) return search(deps, viewer, query, query.q, options.searchWindow ?? SEARCH_WINDOW);
  const where = [visibleTo(viewer), ...filters(query)];
  let order: SQL;
  if (query.sort === 'top') {
    if (query.cursor) {
      const [score, id] = decodeKeyCursor(
        query.cursor,
        (v): v is [number, string] => isFiniteNumber(v[0]) && isCursorId(v[1]),
      );
      where.push(sql`(p.hot_score, p.id) < (${score}::double precision, ${id}::uuid)`);
    }
    order = sql`p.hot_score desc, p.id desc`;
  } else {
    if (query.cursor) {
      const after = decodeCursor(query.cursor);
      where.push(sql`(p.created_at, p.id) < (${after.at}::timestamptz, ${after.id}::uuid)`);
    }
    order = sql`p.created_at desc, p.id desc`;
  }
  const result = await deps.db.execute<PostSummaryRow>(sql`
    select ${postSummarySql}
    from posts p join users u on u.id = p.author_id
    where ${and(where)}
    order by ${order}
    limit ${query.limit + 1}`);
  const rows = result.rows.slice(0, query.limit);
  const last = rows.at(-1);
  const liked = await likedPostIds(
    deps.db,
    viewer?.id,
    rows.map((row) => row.id),
  );
  return {
    items: rows.map((row) => toPostSummary(row, liked.has(row.id))),
    nextCursor:
      result.rows.length > query.limit && last
        ? query.sort === 'top'
          ? encodeKeyCursor([last.hot_score, last.id])
          : encodeCursor({ at: new Date(last.created_at), id: last.id })
        : null,
  };
}

/** Options of ts_headline: control characters as markers, escaped and turned into <mark> afterwards. */
const headlineOptions = `StartSel=${HIGHLIGHT_START}, StopSel=${HIGHLIGHT_STOP}, MaxWords=35, MinWords=12, MaxFragments=2, FragmentDelimiter=" … "`;
const titleHeadlineOptions = `StartSel=${HIGHLIGHT_START}, StopSel=${HIGHLIGHT_STOP}, HighlightAll=true`;

/** Below this many characters (accents removed) a query goes to the fuzzy title search directly. */
const SHORT_QUERY = 3;

/** A post found by a search, with what only the search knows: its rank and its highlighted parts. */
type SearchHit = {
  id: string;
  rank: number;
  title_headline: string | null;
  body_headline: string | null;
};

/** A page of hits (one more than the page when another follows) and what the next page needs. */
interface RankedPage {
  mode: 'f' | 't';
  hits: SearchHit[];
  bound: WindowBound | null;
}

type SearchCursor = ['f' | 't', number, string] | ['f', number, string, string, string];

/**
 * Full-text search. Each post is matched in its own language: the query is parsed twice (French and
 * English configurations, both accent-insensitive), and a post uses the one of its language, so stems,
 * quotes and `-exclusions` behave as the author's language expects while a French query still finds
 * English posts that share its words ("immigration", "Express Entry"…). When nothing matches, or the
 * query is too short to stem, the titles are searched by trigram similarity (typos).
 *
 * Ranking is most of the cost, and published posts rank the same for everyone: the ranked pages are
 * kept per instance (platform/read-cache.ts) and forgotten whenever a post is written, edited, moderated
 * or deleted. What changes more often — counts, authors' names, the viewer's likes — is read fresh for
 * the page's posts. A viewer's own posts that only they see (held or hidden) are ranked apart (an index
 * lookup on the author) and join the page where they rank.
 */
async function search(
  deps: AppDeps,
  viewer: AuthUser | null,
  query: TFeedQuery,
  q: string,
  window: number,
): Promise<TPostPage> {
  const cursor = query.cursor
    ? decodeKeyCursor(
        query.cursor,
        (v): v is SearchCursor =>
          (v[0] === 'f' || v[0] === 't') &&
          isRank(v[1]) &&
          isCursorId(v[2]) &&
          (v.length === 3 || (v.length === 5 && v[0] === 'f' && isCursorInstant(v[3]) && isCursorId(v[4]))),
      )
    : null;
  const key = JSON.stringify([q, query.category, query.tag, query.cursor, query.limit, window]);
  const ranked = await deps.readCache.read('inside_search', key, () =>
    rankedPage(deps, publicPosts, query, q, cursor, window),
  );
  let { mode, hits } = ranked;
  const bound = ranked.bound;
  const mine = await viewerParts(
    deps,
    viewer,
    hits.slice(0, query.limit).map((hit) => hit.id),
  );
  if (viewer && mine.unlisted) {
    // Their own held or hidden posts that match, ranked the same way, join the page where they rank.
    const own = ownPosts(viewer);
    let found: SearchHit[] = [];
    if (mode === 't' && !cursor && !tooShort(q)) {
      // Nobody's published posts hold the words: perhaps theirs do.
      found = await fullText(deps, own, query, q, null, null);
      if (found.length > 0) [mode, hits] = ['f', []];
    }
    if (found.length === 0) {
      found =
        mode === 'f'
          ? await fullText(deps, own, query, q, cursor, bound)
          : await fuzzy(deps, own, query, q, cursor);
    }
    if (found.length > 0) {
      hits = [...hits, ...found].sort(byRank).slice(0, query.limit + 1);
      for (const id of await likedPostIds(
        deps.db,
        viewer.id,
        found.map((hit) => hit.id),
      ))
        mine.liked.add(id);
    }
  }
  const page = hits.slice(0, query.limit);
  const summaries = await summariesOf(
    deps,
    viewer,
    page.map((hit) => hit.id),
  );
  const last = page.at(-1);
  return {
    // A post deleted or hidden since it was ranked has no summary any more: it is left out.
    items: page.flatMap((hit) => {
      const row = summaries.get(hit.id);
      if (!row) return [];
      return {
        ...toPostSummary(row, mine.liked.has(hit.id)),
        highlight: {
          titleHtml: hit.title_headline ? highlightToHtml(hit.title_headline) : escapeHtml(row.title),
          excerptHtml: hit.body_headline
            ? highlightToHtml(hit.body_headline)
            : escapeHtml(excerptOf(row.body_start, 200)),
        },
      };
    }),
    nextCursor:
      hits.length > query.limit && last
        ? encodeKeyCursor([
            mode,
            last.rank,
            last.id,
            ...(mode === 'f' && bound ? [bound.at.toISOString(), bound.id] : []),
          ])
        : null,
    searchMode: mode === 'f' ? 'fulltext' : 'fuzzy',
  };
}

const tooShort = (q: string) => foldText(q).replace(/[^\p{L}\p{N}]/gu, '').length < SHORT_QUERY;

/**
 * Which posts a ranking reads (`from`, aliased `p`) and the condition they meet: the published ones, or a
 * viewer's own held or hidden ones, read first through the author index (a handful of rows; OFFSET 0
 * keeps the planner from going through the search index or the time window instead).
 */
interface Scope {
  from: SQL;
  where: SQL;
}
const publicPosts: Scope = { from: sql`posts p`, where: visibleTo(null) };
/** The posts only their author sees in lists: held or hidden, not deleted. */
const unlistedOf = (viewer: AuthUser) =>
  sql`p.author_id = ${viewer.id} and p.status <> 'published' and p.deleted_at is null`;
const ownPosts = (viewer: AuthUser): Scope => ({
  from: sql`(select * from posts p where ${unlistedOf(viewer)} offset 0) p`,
  where: sql`true`,
});

/** Best rank first, then the greater id, as the ranking statements order them. */
const byRank = (a: SearchHit, b: SearchHit) => b.rank - a.rank || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);

/** Ranks a page of the posts in `scope`. */
async function rankedPage(
  deps: AppDeps,
  scope: Scope,
  query: TFeedQuery,
  q: string,
  cursor: SearchCursor | null,
  window: number,
): Promise<RankedPage> {
  let mode: 'f' | 't' = cursor?.[0] ?? (tooShort(q) ? 't' : 'f');
  let hits: SearchHit[] = [];
  let bound: WindowBound | null = null;
  if (mode === 'f') {
    if (cursor) bound = cursor.length === 5 ? { at: new Date(cursor[3]), id: cursor[4] } : null;
    else bound = await windowBound(deps, scope, query, q, window, 10, Math.max(1, Math.floor(window / 5)));
    // A quoted phrase of common words is rare, but the GIN index only knows its words: every post holding
    // both would be re-read to check their order (37,000 rows, 1 s at 200,000 posts). Walk further instead.
    if (!cursor && !bound && /"[^"]*\s[^"]*"/.test(q))
      bound = await windowBound(deps, scope, query, q, window, 50, 1);
    hits = await fullText(deps, scope, query, q, cursor, bound);
    if (hits.length === 0 && !cursor) mode = 't';
  }
  if (mode === 't') hits = await fuzzy(deps, scope, query, q, cursor);
  return { mode, hits, bound };
}

/**
 * In one statement: which of these posts the viewer likes, and whether they have posts that only they
 * see (held or hidden), which a ranking for everyone leaves out.
 */
async function viewerParts(deps: AppDeps, viewer: AuthUser | null, postIds: string[]) {
  if (!viewer) return { liked: new Set<string>(), unlisted: false };
  const result = await deps.db.execute<{ liked: string[]; unlisted: boolean }>(sql`
    select
      array(select l.post_id from post_likes l where l.user_id = ${viewer.id} and l.post_id = any(${sql.param(postIds)}::uuid[])) as liked,
      exists(select 1 from posts p where ${unlistedOf(viewer)}) as unlisted`);
  const row = result.rows[0];
  return { liked: new Set(row?.liked ?? []), unlisted: row?.unlisted ?? false };
}

/** The summaries of these posts as they are now, for those the viewer may still see. */
async function summariesOf(deps: AppDeps, viewer: AuthUser | null, postIds: string[]) {
  if (postIds.length === 0) return new Map<string, PostSummaryRow>();
  const result = await deps.db.execute<PostSummaryRow>(sql`
    select ${postSummarySql}
    from posts p join users u on u.id = p.author_id
    where p.id = any(${sql.param(postIds)}::uuid[]) and ${visibleTo(viewer)}`);
  return new Map(result.rows.map((row) => [row.id, row]));
}

interface WindowBound {
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
 * Where the window of a common query starts: an index walk over the newest `walk × window` posts (it
 * stops as soon as it has `window` matches) returns the oldest match it kept. When that walk finds fewer
 * than `enough` matches (a fifth of the window), the words are rare (under 2 % of posts) and null tells
 * the caller to rank every match through the GIN index. The walk is capped because each post it reads costs a heap access, and
 * because the planner misjudges phrases ("a b" looks as common as a & b) and made an uncapped walk read
 * the whole table.
 */
async function windowBound(
  deps: AppDeps,
  scope: Scope,
  query: TFeedQuery,
  q: string,
  window: number,
  walk: number,
  enough: number,
): Promise<WindowBound | null> {
  const result = await deps.db.execute<{ created_at: Date; id: string; found: number }>(sql`
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
    limit 1`);
  const row = result.rows[0];
  return row && row.found >= enough ? { at: new Date(row.created_at), id: row.id } : null;
}

async function fullText(
  deps: AppDeps,
  scope: Scope,
  query: TFeedQuery,
  q: string,
  cursor: SearchCursor | null,
  bound: WindowBound | null,
): Promise<SearchHit[]> {
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
  if (cursor) where.push(sql`(${rank}, p.id) < (${cursor[1]}::real, ${cursor[2]}::uuid)`);
  // Ranked on posts alone; the headlines (which read the whole text) computed only for the page.
  const result = await deps.db.execute<SearchHit>(sql`
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
    order by r.rank desc, r.id desc`);
  return result.rows;
}

async function fuzzy(
  deps: AppDeps,
  scope: Scope,
  query: TFeedQuery,
  q: string,
  cursor: SearchCursor | null,
): Promise<SearchHit[]> {
  // Computed once per statement, not per row (see tsQueries).
  const needle = sql`(select f_unaccent(lower(${q})))`;
  const similarity = sql`word_similarity(${needle}, f_unaccent(lower(p.title)))`;
  const where = [scope.where, ...filters(query), sql`f_unaccent(lower(p.title)) %> ${needle}`];
  if (cursor) where.push(sql`(${similarity}, p.id) < (${cursor[1]}::real, ${cursor[2]}::uuid)`);
  const result = await deps.db.execute<SearchHit>(sql`
    select r.id, r.rank, null as title_headline, null as body_headline
    from (
      select p.id, ${similarity} as rank
      from ${scope.from}
      where ${and(where)}
      order by rank desc, p.id desc
      limit ${query.limit + 1}
    ) r
    order by r.rank desc, r.id desc`);
  return result.rows;
}

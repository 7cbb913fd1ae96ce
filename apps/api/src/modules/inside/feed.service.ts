import type { TFeedQuery, TPostPage } from '@capitune/contracts';
import type { AppDeps } from '../../deps';
import { decodeCursor, encodeCursor, isCursorId, isCursorInstant } from '../../lib/cursor';
import type { Caller } from '../access';
import {
  type FeedAfter,
  feedRows,
  fullTextHits,
  fuzzyHits,
  ownPosts,
  publicPosts,
  type Scope,
  type SearchHit,
  summaryRows,
  viewerPartsRow,
  type WindowBound,
  windowBoundRow,
} from './feed.queries';
import { foldText } from './inside.filter';
import { toHighlight, toPostSummary } from './inside.mappers';
import { isFiniteNumber, isRank } from './inside.shared';
import { likedPostIds, type PostSummaryRow } from './posts.queries';

/**
 * Full-text results for common words are ranked among their newest SEARCH_WINDOW matches (at most those
 * of the newest 10 × SEARCH_WINDOW posts). A word found in a third of the posts would otherwise make every
 * search rank tens of thousands of rows (0.75 s at 200,000 posts); a community's search favours recent
 * answers anyway, and narrowing the query (more words, a category, a tag) reaches older posts. Rare words
 * have all their matches ranked. The window's lower bound travels in the cursor, so later pages rank the
 * same set.
 */
export const SEARCH_WINDOW = 500;

/** The feed (newest or top, by category or tag), or a search when the query has `q`. */
export async function listFeed(
  deps: AppDeps,
  viewer: Caller | null,
  query: TFeedQuery,
  options: { searchWindow?: number } = {},
): Promise<TPostPage> {
  if (query.q) return search(deps, viewer, query, query.q, options.searchWindow ?? SEARCH_WINDOW);
  const found = await feedRows(deps.db, viewer, query, feedAfter(query));
  const rows = found.slice(0, query.limit);
  const last = rows.at(-1);
  const liked = await likedPostIds(
    deps.db,
    viewer?.id,
    rows.map((row) => row.id),
  );
  return {
    items: rows.map((row) => toPostSummary(row, liked.has(row.id))),
    nextCursor:
      found.length > query.limit && last
        ? query.sort === 'top'
          ? encodeCursor([last.hot_score, last.id])
          : encodeCursor({ at: new Date(last.created_at), id: last.id })
        : null,
  };
}

/** The feed's cursor, read in the page's order. */
function feedAfter(query: TFeedQuery): FeedAfter | null {
  if (!query.cursor) return null;
  if (query.sort === 'top') {
    const [score, id] = decodeCursor(
      query.cursor,
      (v): v is [number, string] => isFiniteNumber(v[0]) && isCursorId(v[1]),
    );
    return { sort: 'top', score, id };
  }
  const after = decodeCursor(query.cursor);
  return { sort: 'new', at: after.at, id: after.id };
}

/** Below this many characters (accents removed) a query goes to the fuzzy title search directly. */
const SHORT_QUERY = 3;

/** A page of hits (one more than the page when another follows) and what the next page needs. */
interface RankedPage {
  mode: 'f' | 't';
  hits: SearchHit[];
  bound: WindowBound | null;
}

type SearchCursor = ['f' | 't', number, string] | ['f', number, string, string, string];

const isSearchCursor = (v: unknown[]): v is SearchCursor =>
  (v[0] === 'f' || v[0] === 't') &&
  isRank(v[1]) &&
  isCursorId(v[2]) &&
  (v.length === 3 || (v.length === 5 && v[0] === 'f' && isCursorInstant(v[3]) && isCursorId(v[4])));

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
  viewer: Caller | null,
  query: TFeedQuery,
  q: string,
  window: number,
): Promise<TPostPage> {
  const cursor = query.cursor ? decodeCursor(query.cursor, isSearchCursor) : null;
  const key = JSON.stringify([q, query.category, query.tag, query.cursor, query.limit, window]);
  const ranked = await deps.readCache.read('inside_search', key, () =>
    rankedPage(deps, publicPosts, query, q, cursor, window),
  );
  const mine = await viewerParts(
    deps,
    viewer,
    ranked.hits.slice(0, query.limit).map((hit) => hit.id),
  );
  const { mode, hits } =
    viewer && mine.unlisted ? await withOwnPosts(deps, viewer, query, q, cursor, ranked, mine.liked) : ranked;
  const page = hits.slice(0, query.limit);
  const summaries = await summariesOf(
    deps,
    viewer,
    page.map((hit) => hit.id),
  );
  const last = page.at(-1);
  const bound = ranked.bound;
  return {
    // A post deleted or hidden since it was ranked has no summary any more: it is left out.
    items: page.flatMap((hit) => {
      const row = summaries.get(hit.id);
      if (!row) return [];
      return { ...toPostSummary(row, mine.liked.has(hit.id)), highlight: toHighlight(hit, row) };
    }),
    nextCursor:
      hits.length > query.limit && last
        ? encodeCursor([
            mode,
            last.rank,
            last.id,
            ...(mode === 'f' && bound ? [bound.at.toISOString(), bound.id] : []),
          ])
        : null,
    searchMode: mode === 'f' ? 'fulltext' : 'fuzzy',
  };
}

/**
 * The viewer's own held or hidden posts that match, ranked the same way, join the page where they rank
 * (and their likes join `liked`).
 */
async function withOwnPosts(
  deps: AppDeps,
  viewer: Caller,
  query: TFeedQuery,
  q: string,
  cursor: SearchCursor | null,
  ranked: RankedPage,
  liked: Set<string>,
): Promise<{ mode: 'f' | 't'; hits: SearchHit[] }> {
  let { mode, hits } = ranked;
  const own = ownPosts(viewer);
  let found: SearchHit[] = [];
  if (mode === 't' && !cursor && !tooShort(q)) {
    // Nobody's published posts hold the words: perhaps theirs do.
    found = await fullTextHits(deps.db, { scope: own, query, q, after: null, bound: null });
    if (found.length > 0) [mode, hits] = ['f', []];
  }
  if (found.length === 0) {
    found =
      mode === 'f'
        ? await fullTextHits(deps.db, { scope: own, query, q, after: cursor, bound: ranked.bound })
        : await fuzzyHits(deps.db, { scope: own, query, q, after: cursor });
  }
  if (found.length > 0) {
    hits = [...hits, ...found].sort(byRank).slice(0, query.limit + 1);
    for (const id of await likedPostIds(
      deps.db,
      viewer.id,
      found.map((hit) => hit.id),
    ))
      liked.add(id);
  }
  return { mode, hits };
}

const tooShort = (q: string) => foldText(q).replace(/[^\p{L}\p{N}]/gu, '').length < SHORT_QUERY;

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
    hits = await fullTextHits(deps.db, { scope, query, q, after: cursor, bound });
    if (hits.length === 0 && !cursor) mode = 't';
  }
  if (mode === 't') hits = await fuzzyHits(deps.db, { scope, query, q, after: cursor });
  return { mode, hits, bound };
}

/**
 * In one statement: which of these posts the viewer likes, and whether they have posts that only they
 * see (held or hidden), which a ranking for everyone leaves out.
 */
async function viewerParts(deps: AppDeps, viewer: Caller | null, postIds: string[]) {
  if (!viewer) return { liked: new Set<string>(), unlisted: false };
  const row = await viewerPartsRow(deps.db, viewer, postIds);
  return { liked: new Set(row?.liked ?? []), unlisted: row?.unlisted ?? false };
}

/** The summaries of these posts as they are now, for those the viewer may still see. */
async function summariesOf(deps: AppDeps, viewer: Caller | null, postIds: string[]) {
  if (postIds.length === 0) return new Map<string, PostSummaryRow>();
  const rows = await summaryRows(deps.db, viewer, postIds);
  return new Map(rows.map((row) => [row.id, row]));
}

/**
 * Where the window of a common query starts: an index walk over the newest `walk × window` posts (it
 * stops as soon as it has `window` matches) returns the oldest match it kept. When that walk finds fewer
 * than `enough` matches (a fifth of the window), the words are rare (under 2 % of posts) and null tells
 * the caller to rank every match through the GIN index. The walk is capped because each post it reads
 * costs a heap access, and because the planner misjudges phrases ("a b" looks as common as a & b) and
 * made an uncapped walk read the whole table.
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
  const row = await windowBoundRow(deps.db, { scope, query, q, window, walk });
  return row && row.found >= enough ? { at: new Date(row.created_at), id: row.id } : null;
}

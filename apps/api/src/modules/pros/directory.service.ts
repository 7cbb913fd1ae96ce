import type { Readable } from 'node:stream';
import type { TProDirectoryQuery, TProfession, TProProfile } from '@capitune/contracts';
import type { AppDeps } from '../../deps';
import {
  decodeCursor,
  encodeCursor,
  invalidCursor,
  isCursorId,
  isCursorInstant,
  isCursorInt4,
} from '../../lib/cursor';
import { AppError } from '../../lib/errors';
import type { Database } from '../../platform/db/database';
import type { Caller } from '../access';
import { platformToday } from '../access';
import { toCard, toProfile } from './directory.mappers';
import {
  type DirectoryKey,
  type DirectoryRow,
  directoryPage,
  type ProfileRow,
  photoBySlug,
  profileBySlug,
} from './directory.queries';

const isCount = (value: unknown): value is number =>
  typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;

/**
 * Cursors carry the sort keys of the page's last card, tagged with their order: `["s", rank, score,
 * count, id]` (relevance and rating) or `["n", verifiedSince, id]` (newest). Anything else, or a cursor
 * of another order, is a 400 on `query.cursor`.
 */
export function encodeDirectoryCursor(key: DirectoryKey): string {
  const values =
    key.sort === 'newest' ? ['n', key.at, key.id] : ['s', key.rank, key.score, key.count, key.id];
  return encodeCursor(values);
}

export function decodeDirectoryCursor(value: string, sort: TProDirectoryQuery['sort']): DirectoryKey {
  const parsed = decodeCursor(value, (values): values is unknown[] => true);
  if (sort === 'newest') {
    const [tag, at, id] = parsed as unknown[];
    if (parsed.length === 3 && tag === 'n' && isCursorInstant(at) && isCursorId(id)) {
      return { sort: 'newest', at, id };
    }
    throw invalidCursor();
  }
  const [tag, rank, score, count, id] = parsed as unknown[];
  if (
    parsed.length === 5 &&
    tag === 's' &&
    (rank === null || (isCount(rank) && rank <= 3)) &&
    isCount(score) &&
    isCount(count) &&
    isCursorInt4(count) &&
    isCursorId(id)
  ) {
    return { sort: 'score', rank, score, count, id };
  }
  throw invalidCursor();
}

function keyOf(row: DirectoryRow, sort: TProDirectoryQuery['sort']): DirectoryKey {
  if (sort === 'newest') {
    // Microseconds kept: the keyset compares against the stored value.
    return { sort: 'newest', at: row.since_key ?? '1970-01-01T00:00:00.000000Z', id: row.user_id };
  }
  return {
    sort: 'score',
    rank: row.rank,
    score: Number(row.score_key),
    count: row.rating_count,
    id: row.user_id,
  };
}

/**
 * The public directory: verified pros only (standing `verified`, active account) who chose to be listed,
 * whoever asks — a token, if any, changes nothing. One statement per page.
 */
export async function listPros(deps: AppDeps, query: TProDirectoryQuery) {
  const after = query.cursor ? decodeDirectoryCursor(query.cursor, query.sort) : null;
  const today = platformToday(deps.clock.now());
  // Every visitor reads the same pages: kept per instance, forgotten on every write that changes a card
  // (profile, photo, review, verification decision, name, suspension); the day is part of the key, as a
  // renewal date passing at midnight changes who is listed.
  return deps.readCache.read('pros_directory', JSON.stringify([today, query]), async () => {
    const rows = await directoryPage(deps.db, query, after, today);
    const page = rows.slice(0, query.limit);
    const last = page.at(-1);
    return {
      items: page.map(toCard),
      nextCursor: rows.length > query.limit && last ? encodeDirectoryCursor(keyOf(last, query.sort)) : null,
    };
  });
}

/** Whether `viewer` sees this profile: everyone while listed; the pro themself and admins always. */
function canSee(viewer: Caller | null, row: ProfileRow): boolean {
  if (viewer && (viewer.id === row.user_id || viewer.role === 'admin')) return true;
  return row.standing === 'verified' && row.active && row.listed;
}

/** A listed pro's profile row (null otherwise): what the web app's server-side page titles read. */
export async function listedProfile(db: Database, slug: string, now: Date): Promise<ProfileRow | null> {
  const row = await profileBySlug(db, slug, platformToday(now), now);
  return row && row.standing === 'verified' && row.active && row.listed ? row : null;
}

export async function getProProfile(
  deps: AppDeps,
  viewer: Caller | null,
  slug: string,
): Promise<TProProfile> {
  const now = deps.clock.now();
  const row = await profileBySlug(deps.db, slug, platformToday(now), now);
  if (!row || !canSee(viewer, row)) throw new AppError('NOT_FOUND', 'No such professional');
  return toProfile(row, viewer?.id ?? null);
}

/** A pro's photo: public (a pro puts it up to be seen), served with its type and digest. */
export async function proPhoto(
  deps: AppDeps,
  slug: string,
): Promise<{ stream: Readable; contentType: string; sha256: string; sizeBytes: number }> {
  const photo = await photoBySlug(deps.db, slug);
  if (!photo) throw new AppError('NOT_FOUND', 'No photo');
  return {
    stream: await deps.storage.get(photo.key),
    contentType: photo.contentType,
    sha256: photo.sha256,
    sizeBytes: photo.sizeBytes,
  };
}

/** How a profession is named in page titles, per language. */
export const professionLabel: Record<TProfession, { fr: string; en: string }> = {
  rcic: {
    fr: 'consultant·e réglementé·e en immigration (CRIC)',
    en: 'regulated immigration consultant (RCIC)',
  },
  lawyer: { fr: 'avocat·e', en: 'lawyer' },
  notary: { fr: 'notaire', en: 'notary' },
  paralegal: { fr: 'parajuriste', en: 'paralegal' },
};

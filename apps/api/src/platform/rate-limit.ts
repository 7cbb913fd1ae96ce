import { type SQL, sql } from 'drizzle-orm';
import type { Database } from './db/database';

export interface RateLimitRule {
  limit: number;
  windowMs: number;
}

export interface RateLimitResult {
  allowed: boolean;
  hits: number;
  retryAfterSeconds: number;
}

/**
 * The statement counting one hit on `key` in a fixed window, returning `hits` and `reset_at`, for
 * {@link hitRateLimit} or to embed in a larger statement (a data-modifying CTE). With `onlyIf`, a query
 * of one row or none, the hit is counted only when it has a row.
 */
export function rateLimitHitSql(key: string, windowMs: number, now: Date, onlyIf?: SQL): SQL {
  const resetAt = new Date(now.getTime() + windowMs);
  const source = onlyIf
    ? sql`select ${key}, 1, ${resetAt}::timestamptz from (${onlyIf}) as hit_if`
    : sql`values (${key}, 1, ${resetAt})`;
  return sql`
    insert into rate_limits (key, hits, reset_at) ${source}
    on conflict (key) do update set
      hits = case when rate_limits.reset_at <= ${now} then 1 else rate_limits.hits + 1 end,
      reset_at = case when rate_limits.reset_at <= ${now} then excluded.reset_at else rate_limits.reset_at end
    returning hits, reset_at`;
}

/** Whether a hit counted by {@link rateLimitHitSql} is within the limit, and when to try again. */
export function rateLimitResult(
  row: { hits: number; reset_at: Date | string },
  rule: RateLimitRule,
  now: Date,
): RateLimitResult {
  const retryAfterSeconds = Math.max(1, Math.ceil((new Date(row.reset_at).getTime() - now.getTime()) / 1000));
  return { allowed: row.hits <= rule.limit, hits: row.hits, retryAfterSeconds };
}

/**
 * Counts one hit on `key` in a fixed window and says whether it is within the limit. The counter
 * lives in PostgreSQL, so a limit holds whichever API instance a client reaches.
 */
export async function hitRateLimit(
  db: Database,
  key: string,
  rule: RateLimitRule,
  now: Date,
): Promise<RateLimitResult> {
  const result = await db.execute<{ hits: number; reset_at: Date }>(rateLimitHitSql(key, rule.windowMs, now));
  const row = result.rows[0];
  if (!row) throw new Error('rate limit upsert returned nothing');
  return rateLimitResult(row, rule, now);
}

/** Forgets a counter, e.g. the failed logins of an email after a successful login. */
export async function resetRateLimit(db: Database, key: string): Promise<void> {
  await db.execute(sql`delete from rate_limits where key = ${key}`);
}

/** Removes windows that ended: run hourly. */
export async function deleteExpiredRateLimits(db: Database, now: Date): Promise<number> {
  const result = await db.execute(sql`delete from rate_limits where reset_at <= ${now}`);
  return result.rowCount ?? 0;
}

/** Seconds left on a cooldown started by `startCooldown`, or 0 when there is none. */
export async function cooldownRemaining(db: Database, key: string, now: Date): Promise<number> {
  const result = await db.execute<{ reset_at: Date }>(
    sql`select reset_at from rate_limits where key = ${key} and reset_at > ${now}`,
  );
  const row = result.rows[0];
  return row ? Math.max(1, Math.ceil((new Date(row.reset_at).getTime() - now.getTime()) / 1000)) : 0;
}

export async function startCooldown(
  db: Database,
  key: string,
  milliseconds: number,
  now: Date,
): Promise<void> {
  const until = new Date(now.getTime() + milliseconds);
  await db.execute(sql`
    insert into rate_limits (key, hits, reset_at) values (${key}, 0, ${until})
    on conflict (key) do update set hits = 0, reset_at = excluded.reset_at`);
}

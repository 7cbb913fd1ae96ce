import { type SQL, sql } from 'drizzle-orm';
import { AppError, InvariantError } from '../lib/errors';
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
  if (!row) throw new InvariantError('rate limit upsert returned nothing');
  return rateLimitResult(row, rule, now);
}

const DAY = 24 * 60 * 60 * 1000;

/** How much one person may make the platform send to others: per sender, and per recipient whoever sends. */
export interface SendingLimit {
  perSender: RateLimitRule;
  perRecipient: RateLimitRule;
}

const perDay = (perSender: number, perRecipient: number): SendingLimit => ({
  perSender: { limit: perSender, windowMs: DAY },
  perRecipient: { limit: perRecipient, windowMs: DAY },
});

/**
 * The actions whose purpose is to send someone else an email or a notification, limited per day. A
 * recipient is an email address (in lower case, counted the same whether it has an account or not) or a
 * user id. Comments, flags and chat messages have their authors' own limits; the emails comments and
 * flags cause are capped per recipient by {@link NOTICE_EMAIL_LIMITS}, chat sends a digest of unread
 * messages.
 */
export const SENDING_LIMITS = {
  /** A pro invites a client, by email address, to open a dossier with them. */
  dossierInvitation: perDay(20, 3),
  /** A licensee invites someone, by email address, to join the firm as an agent. */
  agentInvitation: perDay(20, 3),
  /** A candidate asks a pro to take their dossier (a pro of the directory gets many). */
  assignmentRequest: perDay(10, 30),
  /** A pro submits their file: its references not asked yet are emailed (one hit per submission). */
  referenceRequest: perDay(5, 3),
} as const satisfies Record<string, SendingLimit>;

export type SendingKind = keyof typeof SENDING_LIMITS;

/**
 * Counts one message of `kind` from `sender` to each recipient, the sender's limit first (a refused
 * sender does not use up the recipients' allowance); over a limit, 429 RATE_LIMITED with Retry-After.
 * Run in the sending transaction, a refused or failed send is not counted.
 */
export async function assertWithinSendingLimit(
  db: Database,
  kind: SendingKind,
  sender: string,
  recipients: readonly string[],
  now: Date,
): Promise<void> {
  const { perSender, perRecipient } = SENDING_LIMITS[kind];
  const keys = [
    { key: `send:${kind}:from:${sender}`, rule: perSender },
    // In a fixed order, so that two transactions counting the same recipients cannot deadlock.
    ...[...new Set(recipients.map((recipient) => recipient.toLowerCase()))]
      .sort()
      .map((recipient) => ({ key: `send:${kind}:to:${recipient}`, rule: perRecipient })),
  ];
  for (const { key, rule } of keys) {
    const result = await hitRateLimit(db, key, rule, now);
    if (!result.allowed) {
      throw new AppError('RATE_LIMITED', undefined, { retryAfterSeconds: result.retryAfterSeconds });
    }
  }
}

/**
 * Emails that follow someone else's action without being its purpose (a comment tells the post's
 * author): the action is never refused for the recipient's sake (its author's own limit holds it), but
 * beyond the recipient's limit they are told in the app only.
 */
export const NOTICE_EMAIL_LIMITS = {
  /** Comments on one's posts, replies to one's comments, one's content hidden by members' flags. */
  community: { limit: 10, windowMs: 60 * 60 * 1000 },
} as const satisfies Record<string, RateLimitRule>;

export type NoticeEmailKind = keyof typeof NOTICE_EMAIL_LIMITS;

/** Counts one email of `kind` to `recipientId` and says whether it may be sent. */
export async function noticeEmailAllowed(
  db: Database,
  kind: NoticeEmailKind,
  recipientId: string,
  now: Date,
): Promise<boolean> {
  const result = await hitRateLimit(db, `notice:${kind}:to:${recipientId}`, NOTICE_EMAIL_LIMITS[kind], now);
  return result.allowed;
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

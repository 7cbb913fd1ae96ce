import type { TProStanding } from '@capitune/contracts';
import { eq, type SQL, type SQLWrapper, sql } from 'drizzle-orm';
import { dossiers, proStandingBasis, users } from '../../db/schema';
import { builtQuery } from '../../platform/db/built-query';
import type { Database } from '../../platform/db/database';
import { standingSql } from './standing.queries';

export type DossierRow = typeof dossiers.$inferSelect;

/**
 * The platform's day (`platformToday`, Montréal) in every statement that reads a pro's standing: a
 * placeholder, as the statements are prepared once and outlive a day.
 */
export const todayParam = sql.placeholder('today');

/**
 * Whether the pro `userId` may open their firm's client dossiers today (verified or in grace, by their own
 * file or, for an agent, their supervisor's): null, so false in a condition, for anyone with neither.
 * `today` is a placeholder or a day.
 */
export function keepsDossiers(userId: SQLWrapper, today: SQLWrapper | string): SQL<boolean | null> {
  return sql<boolean | null>`(
    select ${standingSql(today, { status: sql`b.status`, renewalDate: sql`b.renewal_date` })}
    from pro_standing_basis b where b.user_id = ${userId}) in ('verified', 'grace')`;
}

/**
 * The firm whose dossiers a pro may open now: their firm while their standing is verified or in grace,
 * else none (a suspended, revoked or expired pro loses their clients' dossiers at once). `user` is a
 * `users` row's SQL name.
 */
export function dossierFirmOf(user: SQL, today: SQLWrapper): SQL<string | null> {
  return sql<string | null>`case when ${user}.role = 'pro' and ${keepsDossiers(sql`${user}.id`, today)}
    then ${user}.organisation_id end`;
}

/** The caller's firm and standing (their own file, or their supervisor's for an agent). */
export async function reachRow(
  db: Database,
  callerId: string,
  today: string,
): Promise<{ organisationId: string | null; standing: TProStanding } | undefined> {
  const [row] = await builtQuery(db, 'access.caller_reach', (db) =>
    db
      .select({ organisationId: users.organisationId, standing: standingSql(todayParam) })
      .from(users)
      .leftJoin(proStandingBasis, eq(proStandingBasis.userId, users.id))
      .where(eq(users.id, sql.placeholder('id'))),
  ).execute({ id: callerId, today });
  return row;
}

const dossierWithReach = (db: Database) =>
  db
    .select({
      dossier: dossiers,
      organisationId: users.organisationId,
      standing: standingSql(todayParam),
    })
    .from(dossiers)
    .leftJoin(users, eq(users.id, sql.placeholder('requester')))
    .leftJoin(proStandingBasis, eq(proStandingBasis.userId, users.id))
    .where(eq(dossiers.id, sql.placeholder('dossier')));

/**
 * A dossier with the caller's firm and standing, in one statement. `lock` takes a row lock on the dossier
 * (in a transaction).
 */
export async function dossierRowWithReach(
  db: Database,
  input: { callerId: string; dossierId: string; today: string; lock: boolean },
): Promise<
  { dossier: DossierRow; organisationId: string | null; standing: TProStanding | null } | undefined
> {
  const values = { requester: input.callerId, dossier: input.dossierId, today: input.today };
  const [row] = input.lock
    ? await builtQuery(db, 'access.dossier_for_update', (db) =>
        dossierWithReach(db).for('update', { of: dossiers }),
      ).execute(values)
    : await builtQuery(db, 'access.dossier_for', dossierWithReach).execute(values);
  return row;
}

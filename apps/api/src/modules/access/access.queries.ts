import type { TProStanding } from '@capitune/contracts';
import { eq, type SQL, type SQLWrapper, sql } from 'drizzle-orm';
import { dossiers, proStandingBasis, users } from '../../db/schema';
import { builtQuery } from '../../platform/db/built-query';
import type { Database } from '../../platform/db/database';
import { clientAddress } from './network';
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
 * Where a request comes from, for a statement that decides whether a pro may open their firm's dossiers
 * from there: the address, the session (which may hold a bypass) and the instant, as placeholders
 * (`firmNetworkValues` gives their values).
 */
export const firmNetworkParams = {
  address: sql.placeholder('caller_address'),
  session: sql.placeholder('caller_session'),
  now: sql.placeholder('caller_now'),
};
export type FirmNetwork = { [K in keyof typeof firmNetworkParams]: SQLWrapper };

/** The values of `firmNetworkParams` for a caller at an instant, to spread into a statement's values. */
export function firmNetworkValues(
  caller: { ip?: string | undefined; sessionId?: string | undefined },
  now: Date,
) {
  return {
    caller_address: clientAddress(caller.ip),
    caller_session: caller.sessionId ?? null,
    caller_now: now.toISOString(),
  };
}

/**
 * Whether the pro `user` (a `users` row's SQL name) is outside their firm's networks: the firm keeps its
 * dossiers to its ranges, the address is in none of them (or unknown), and the session holds no bypass
 * open at `now`. False for anyone else: candidates are never held to a firm's networks.
 */
export function outsideFirmNetwork(user: SQL, network: FirmNetwork): SQL<boolean> {
  return sql<boolean>`(${user}.role = 'pro'
    and exists (select 1 from organisations o where o.id = ${user}.organisation_id and o.ip_allowlist_enabled)
    and not exists (select 1 from sessions s where s.id = ${network.session}::uuid and s.user_id = ${user}.id
      and s.ip_bypass_until > ${network.now}::timestamptz)
    and not exists (select 1 from firm_ip_ranges r where r.organisation_id = ${user}.organisation_id
      and ${network.address}::inet <<= r.range))`;
}

/**
 * The firm whose dossiers a pro may open now, from where the request comes: their firm while their
 * standing is verified or in grace and the request is inside the firm's networks (or the firm keeps no
 * list), else none (a suspended, revoked or expired pro loses their clients' dossiers at once). `user`
 * is a `users` row's SQL name.
 */
export function dossierFirmOf(user: SQL, today: SQLWrapper, network: FirmNetwork): SQL<string | null> {
  return sql<string | null>`case when ${user}.role = 'pro' and ${keepsDossiers(sql`${user}.id`, today)}
    and not ${outsideFirmNetwork(user, network)} then ${user}.organisation_id end`;
}

/** What the caller's reach is read from, besides the day: where the request comes from. */
type ReachInput = { callerId: string; today: string; network: ReturnType<typeof firmNetworkValues> };

/**
 * The caller's firm and standing (their own file, or their supervisor's for an agent), and whether the
 * request comes from outside the firm's networks.
 */
export async function reachRow(
  db: Database,
  input: ReachInput,
): Promise<
  { organisationId: string | null; standing: TProStanding; outsideFirmNetwork: boolean } | undefined
> {
  const [row] = await builtQuery(db, 'access.caller_reach', (db) =>
    db
      .select({
        organisationId: users.organisationId,
        standing: standingSql(todayParam),
        outsideFirmNetwork: outsideFirmNetwork(sql`${users}`, firmNetworkParams),
      })
      .from(users)
      .leftJoin(proStandingBasis, eq(proStandingBasis.userId, users.id))
      .where(eq(users.id, sql.placeholder('id'))),
  ).execute({ id: input.callerId, today: input.today, ...input.network });
  return row;
}

const dossierWithReach = (db: Database) =>
  db
    .select({
      dossier: dossiers,
      organisationId: users.organisationId,
      standing: standingSql(todayParam),
      outsideFirmNetwork: outsideFirmNetwork(sql`${users}`, firmNetworkParams),
    })
    .from(dossiers)
    .leftJoin(users, eq(users.id, sql.placeholder('requester')))
    .leftJoin(proStandingBasis, eq(proStandingBasis.userId, users.id))
    .where(eq(dossiers.id, sql.placeholder('dossier')));

/**
 * A dossier with the caller's firm and standing, and whether the request comes from outside the firm's
 * networks, in one statement. `lock` takes a row lock on the dossier (in a transaction).
 */
export async function dossierRowWithReach(
  db: Database,
  input: ReachInput & { dossierId: string; lock: boolean },
): Promise<
  | {
      dossier: DossierRow;
      organisationId: string | null;
      standing: TProStanding | null;
      outsideFirmNetwork: boolean | null;
    }
  | undefined
> {
  const values = {
    requester: input.callerId,
    dossier: input.dossierId,
    today: input.today,
    ...input.network,
  };
  const [row] = input.lock
    ? await builtQuery(db, 'access.dossier_for_update', (db) =>
        dossierWithReach(db).for('update', { of: dossiers }),
      ).execute(values)
    : await builtQuery(db, 'access.dossier_for', dossierWithReach).execute(values);
  return row;
}

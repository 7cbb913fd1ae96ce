import type { TProStanding } from '@capitune/contracts';
import { eq, type SQL, type SQLWrapper, sql } from 'drizzle-orm';
import { proStandingBasis, proVerifications } from '../../db/schema';
import type { Database } from '../../platform/db/database';
import { GRACE_DAYS } from './standing';

/**
 * The same rule in SQL, for a row with a status and a renewal date: by default the view
 * `pro_standing_basis` (a licensee's own file, an agent's supervisor's), which the query must join. Pass
 * `proVerifications` for a pro's own licence (what reaching candidates needs). `today` may be a
 * placeholder, for prepared statements that outlive a day.
 */
export function standingSql(
  today: string | SQLWrapper,
  v: { status: unknown; renewalDate: unknown } = proStandingBasis,
): SQL<TProStanding> {
  return sql<TProStanding>`case
    when ${v.status} is distinct from 'verified' then 'not_verified'
    when ${v.renewalDate} is null or ${v.renewalDate} >= ${today}::date then 'verified'
    when ${v.renewalDate} + ${GRACE_DAYS}::int >= ${today}::date then 'grace'
    else 'not_verified' end`;
}

/** The status and renewal date a pro works under (`pro_standing_basis`: their own file, or their supervisor's). */
export async function standingBasisOf(db: Database, userId: string) {
  const [row] = await db
    .select({ status: proStandingBasis.status, renewalDate: proStandingBasis.renewalDate })
    .from(proStandingBasis)
    .where(eq(proStandingBasis.userId, userId));
  return row;
}

/** The status and renewal date of a pro's own licence (none for an agent). */
export async function ownLicenceOf(db: Database, userId: string) {
  const [row] = await db
    .select({ status: proVerifications.status, renewalDate: proVerifications.renewalDate })
    .from(proVerifications)
    .where(eq(proVerifications.userId, userId));
  return row;
}

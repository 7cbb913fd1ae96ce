import { and, asc, eq, sql } from 'drizzle-orm';
import { firmIpRanges, organisations, sessions } from '../../db/schema';
import type { Database } from '../../platform/db/database';

/** A firm's name and security settings, or undefined for an unknown firm; locked in a transaction. */
export async function firmSettings(db: Database, organisationId: string, options: { lock?: boolean } = {}) {
  const query = db
    .select({
      id: organisations.id,
      name: organisations.name,
      requireTwoFactor: organisations.requireTwoFactor,
      ipAllowlistEnabled: organisations.ipAllowlistEnabled,
    })
    .from(organisations)
    .where(eq(organisations.id, organisationId));
  const [row] = options.lock ? await query.for('update') : await query;
  return row;
}

/** A firm's network ranges, in the order they were listed (PostgreSQL's canonical CIDR text). */
export async function firmRanges(db: Database, organisationId: string) {
  return db
    .select({ id: firmIpRanges.id, cidr: firmIpRanges.range, label: firmIpRanges.label })
    .from(firmIpRanges)
    .where(eq(firmIpRanges.organisationId, organisationId))
    .orderBy(asc(firmIpRanges.createdAt), asc(firmIpRanges.id));
}

/**
 * Replaces a firm's ranges and turns its list on or off (in the caller's transaction). The ranges go as
 * two arrays in one statement, whatever their number; they keep their order through `createdAt`, one
 * millisecond apart.
 */
export async function replaceFirmRanges(
  db: Database,
  input: {
    organisationId: string;
    enabled: boolean;
    ranges: { cidr: string; label: string }[];
    createdBy: string;
    now: Date;
  },
) {
  await db.delete(firmIpRanges).where(eq(firmIpRanges.organisationId, input.organisationId));
  const cidrs = input.ranges.map((range) => range.cidr);
  const labels = input.ranges.map((range) => range.label);
  await db.execute(sql`insert into firm_ip_ranges (organisation_id, range, label, created_by, created_at)
    select ${input.organisationId}, r.range::cidr, r.label, ${input.createdBy},
      ${input.now.toISOString()}::timestamptz + (r.ord - 1) * interval '1 millisecond'
    from unnest(${sql.param(cidrs)}::text[], ${sql.param(labels)}::text[]) with ordinality as r (range, label, ord)`);
  await db
    .update(organisations)
    .set({ ipAllowlistEnabled: input.enabled })
    .where(eq(organisations.id, input.organisationId));
}

export async function setFirmRequireTwoFactor(db: Database, organisationId: string, value: boolean) {
  await db.update(organisations).set({ requireTwoFactor: value }).where(eq(organisations.id, organisationId));
}

/** Opens the firm's dossiers to one session of the user until `until`; false if that session is not theirs. */
export async function openSessionBypass(
  db: Database,
  input: { sessionId: string; userId: string; until: Date },
): Promise<boolean> {
  const rows = await db
    .update(sessions)
    .set({ ipBypassUntil: input.until })
    .where(and(eq(sessions.id, input.sessionId), eq(sessions.userId, input.userId)))
    .returning({ id: sessions.id });
  return rows.length > 0;
}

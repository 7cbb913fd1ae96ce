import type { TProStanding, TUserRole } from '@capitune/contracts';
import { AppError } from '../../lib/errors';
import type { AuthUser } from '../../lib/tokens';
import type { Database } from '../../platform/db/database';
import { type DossierRow, dossierRowWithReach, firmNetworkValues, reachRow } from './access.queries';
import { clientAddress, NetworkRefusal } from './network';
import { platformToday } from './standing';

/** Who calls a service: a signed-in user as their access token says, and where from (for the audit log). */
export interface Caller {
  id: string;
  role: TUserRole;
  ip?: string | undefined;
  /** The session of the request (step-up and network checks read it); absent for jobs and scripts. */
  sessionId?: string | undefined;
}

export const callerOf = (user: AuthUser, ip?: string): Caller => ({
  id: user.id,
  role: user.role,
  ip,
  sessionId: user.sessionId,
});

/** The caller must have this role (or one of these): else 403 FORBIDDEN, with `message` if given. */
export function requireRole(caller: Caller, role: TUserRole | readonly TUserRole[], message?: string): void {
  const allowed = typeof role === 'string' ? caller.role === role : role.includes(caller.role);
  if (!allowed) throw new AppError('FORBIDDEN', message);
}

/**
 * What a caller reaches beyond their token: the firm and the standing of a pro, read from the database
 * (they change without a new token: a pro who moves firms, or whose licence is suspended). Not a second
 * caller type: the caller, with what decides which dossiers they may open.
 */
export type CallerReach = Caller & {
  organisationId: string | null;
  /** A pro's standing today (`not_verified` for everyone else, who has no file). */
  standing: TProStanding;
  /**
   * The request comes from outside the networks the caller's firm keeps its dossiers to (and this
   * session holds no bypass): the firm's dossiers are closed to it. False for candidates.
   */
  outsideFirmNetwork: boolean;
};

/**
 * The caller's reach, read now, without refusing a pro outside their firm's networks: their firm's
 * dossiers are then hidden (`dossierFirm` is null). For what must go on there (the realtime socket, which
 * also carries notifications); 401 if the caller's account is gone.
 */
export async function reachOf(db: Database, caller: Caller, now: Date): Promise<CallerReach> {
  const row = await reachRow(db, {
    callerId: caller.id,
    today: platformToday(now),
    network: firmNetworkValues(caller, now),
  });
  if (!row) throw new AppError('UNAUTHENTICATED');
  return {
    ...caller,
    organisationId: row.organisationId,
    standing: row.standing,
    outsideFirmNetwork: row.outsideFirmNetwork,
  };
}

/**
 * The caller's reach, read now, for the lists of dossiers and conversations: 401 if the caller's account
 * is gone, 403 IP_NOT_ALLOWED (audited) for a pro whose firm's dossiers are closed to where the request
 * comes from.
 */
export async function viewerOf(db: Database, caller: Caller, now: Date): Promise<CallerReach> {
  const reach = await reachOf(db, caller, now);
  assertInsideFirmNetwork(reach);
  return reach;
}

/** Standings that keep a pro's access to their firm's client dossiers (a lapsed licence keeps it 30 days). */
export const DOSSIER_STANDINGS: readonly TProStanding[] = ['verified', 'grace'];

/** The firm a pro's standing opens, wherever the request comes from. */
function standingFirm(reach: CallerReach): string | null {
  return reach.role === 'pro' && DOSSIER_STANDINGS.includes(reach.standing) ? reach.organisationId : null;
}

/** 403 IP_NOT_ALLOWED when the caller's standing opens a firm's dossiers but not from where they are. */
function assertInsideFirmNetwork(reach: CallerReach, dossierId?: string): void {
  const firm = standingFirm(reach);
  if (firm && reach.outsideFirmNetwork) {
    throw new NetworkRefusal({
      callerId: reach.id,
      organisationId: firm,
      address: clientAddress(reach.ip),
      ...(dossierId ? { dossierId } : {}),
    });
  }
}

/**
 * The firm whose client dossiers a caller may open: a pro's own while verified or in grace, from inside
 * the firm's networks when it keeps a list. A pro whose licence is suspended, revoked or expired loses
 * them at once; the firm's other verified pros keep them.
 */
export function dossierFirm(reach: CallerReach): string | null {
  return reach.outsideFirmNetwork ? null : standingFirm(reach);
}

export type DossierAccess = 'owner' | 'pro';

/** The owner, or a pro of the assigned firm in good standing. Anyone else gets null. */
export function accessTo(
  reach: CallerReach,
  dossier: Pick<DossierRow, 'ownerId' | 'organisationId'>,
): DossierAccess | null {
  if (reach.role === 'candidate' && dossier.ownerId === reach.id) return 'owner';
  const firm = dossierFirm(reach);
  if (firm && dossier.organisationId === firm) return 'pro';
  return null;
}

/**
 * The dossier if the caller may see it, with the caller's firm and standing read in the same statement
 * (every dossier route needs them). Otherwise 404, as if it did not exist: guessing ids tells nothing.
 * A pro of the dossier's firm outside the firm's networks gets 403 IP_NOT_ALLOWED (audited): the dossier
 * is theirs to open, from elsewhere. `only` refuses (403) the other kind of access; `lock` takes a row
 * lock on the dossier in a transaction, to serialise writes on one dossier.
 */
export async function dossierFor(
  db: Database,
  caller: Caller,
  dossierId: string,
  now: Date,
  options: { only?: DossierAccess; lock?: boolean } = {},
): Promise<{ dossier: DossierRow; access: DossierAccess; reach: CallerReach }> {
  const row = await dossierRowWithReach(db, {
    callerId: caller.id,
    dossierId,
    today: platformToday(now),
    network: firmNetworkValues(caller, now),
    lock: options.lock ?? false,
  });
  const reach: CallerReach = {
    ...caller,
    organisationId: row?.organisationId ?? null,
    standing: row?.standing ?? 'not_verified',
    outsideFirmNetwork: row?.outsideFirmNetwork ?? false,
  };
  const firm = standingFirm(reach);
  if (row && firm && row.dossier.organisationId === firm) assertInsideFirmNetwork(reach, dossierId);
  const access = row ? accessTo(reach, row.dossier) : null;
  if (!row || !access) throw new AppError('NOT_FOUND', 'No such dossier');
  if (options.only && access !== options.only) throw new AppError('FORBIDDEN');
  return { dossier: row.dossier, access, reach };
}

import type { TDashboard, TNextAction } from '@capitune/contracts';
import type { AppDeps } from '../../deps';
import { AppError } from '../../lib/errors';
import { type Caller, firmNetworkValues } from '../access';
import { firmDossiersOf, isoDay, ownDossiersInDetail } from '../dossiers';
import { aroundAnyone, aroundCandidate, aroundPro } from './dashboard.queries';

/**
 * The first page after login. A candidate: their dossiers with progress and the next action of each,
 * invitations, upcoming milestones. A pro: the firm's dossiers needing attention, documents waiting
 * for review (oldest first), requests to answer. Everyone: the latest notifications.
 * Two statements at most: the dossiers with their parts, and the lists around them.
 */
export async function getDashboard(
  deps: AppDeps,
  requester: Caller,
  emailVerified: boolean,
): Promise<TDashboard> {
  const now = deps.clock.now();
  const empty: TDashboard = {
    role: requester.role,
    dossiers: [],
    nextActions: [],
    incomingRequests: [],
    invitations: [],
    upcomingMilestones: [],
    recentNotifications: [],
    nextWebinar: null,
  };
  if (!emailVerified || requester.role === 'admin') {
    const around = await aroundAnyone(deps.db, requester.id, now);
    return { ...empty, ...around };
  }
  const today = isoDay(now);

  // A candidate's dossiers come with their full detail (next actions and milestones).
  if (requester.role === 'candidate') {
    const [own, around] = await Promise.all([
      ownDossiersInDetail(deps, requester, 20, 5),
      aroundCandidate(deps.db, requester.id, now),
    ]);
    const upcoming = [...own.milestones]
      .flatMap(([dossierId, list]) => list.map((milestone) => ({ ...milestone, dossierId })))
      .filter((milestone) => !milestone.done && milestone.date !== null && milestone.date >= today)
      .sort((a, b) => (a.date ?? '').localeCompare(b.date ?? ''))
      .slice(0, 5);
    return {
      ...empty,
      ...around,
      dossiers: own.summaries,
      nextActions: own.details
        .map((dossier) => dossier.nextAction)
        .filter((action): action is TNextAction => action !== null),
      upcomingMilestones: upcoming,
    };
  }

  // A pro: the firm's dossiers as summaries (the firm read with them), then what is around them.
  const summaries = await firmDossiersOf(deps, requester, 20);
  const ids = summaries.map((dossier) => dossier.id);
  const around = await aroundPro(deps.db, requester.id, now, ids, today, firmNetworkValues(requester, now));
  // The pro's row is gone (a token outliving its account).
  if (!around) throw new AppError('UNAUTHENTICATED');
  const { toReview, ...lists } = around;
  return {
    ...empty,
    ...lists,
    dossiers: summaries.filter((dossier) => dossier.toReview > 0 || dossier.expiringSoon > 0),
    nextActions: toReview,
  };
}

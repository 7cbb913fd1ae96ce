import type { TDashboard, TNextAction } from '@capitune/contracts';
import { and, asc, desc, eq, gte, sql } from 'drizzle-orm';
import type { AppDeps } from '../../app';
import { documents, dossiers, milestones } from '../../db/schema';
import { anyOf } from '../../lib/sql';
import { prepared } from '../../platform/db/prepared';
import { incomingRequests, pendingInvitations } from '../dossiers/assignment.service';
import { isoDay } from '../dossiers/checklist';
import { listDossiers, ownDossiersInDetail, type Requester, viewerOf } from '../dossiers/dossiers.service';
import { nextRegisteredEvent } from '../events/events.service';
import { pageOfNotifications } from '../notifications/notifications.service';

/**
 * The first page after login. A candidate: their dossiers with progress and the next action of each,
 * invitations, upcoming milestones. A pro: the firm's dossiers needing attention, documents waiting
 * for review (oldest first), requests to answer. Everyone: the latest notifications.
 */
export async function getDashboard(
  deps: AppDeps,
  requester: Requester,
  emailVerified: boolean,
): Promise<TDashboard> {
  const recent = (await pageOfNotifications(deps, requester.id, { limit: 5 })).items;
  const nextWebinar = await nextRegisteredEvent(deps, requester.id);
  const empty: TDashboard = {
    role: requester.role,
    dossiers: [],
    nextActions: [],
    incomingRequests: [],
    invitations: [],
    upcomingMilestones: [],
    recentNotifications: recent,
    nextWebinar,
  };
  if (!emailVerified || requester.role === 'admin') return empty;
  const today = isoDay(deps.clock.now());

  // A candidate's dossiers come with their full detail (next actions and milestones).
  if (requester.role === 'candidate') {
    const own = await ownDossiersInDetail(deps, requester, 20, 5);
    const upcoming = [...own.milestones]
      .flatMap(([dossierId, list]) => list.map((milestone) => ({ ...milestone, dossierId })))
      .filter((milestone) => !milestone.done && milestone.date !== null && milestone.date >= today)
      .sort((a, b) => (a.date ?? '').localeCompare(b.date ?? ''))
      .slice(0, 5);
    return {
      ...empty,
      dossiers: own.summaries,
      nextActions: own.details
        .map((dossier) => dossier.nextAction)
        .filter((action): action is TNextAction => action !== null),
      invitations: await pendingInvitations(deps, requester),
      upcomingMilestones: upcoming,
    };
  }

  // A pro: the firm's dossiers as summaries.
  const viewer = await viewerOf(deps.db, requester);
  const summaries = (await listDossiers(deps, viewer, { limit: 20 })).items;
  const ids = summaries.map((dossier) => dossier.id);
  const upcoming = ids.length
    ? await prepared(deps.db, 'dashboard.upcoming_milestones', (db) =>
        db
          .select()
          .from(milestones)
          .where(
            and(
              anyOf(milestones.dossierId, sql.placeholder('ids')),
              eq(milestones.done, false),
              gte(milestones.date, sql.placeholder('today')),
            ),
          )
          .orderBy(asc(milestones.date))
          .limit(5),
      ).execute({ ids, today })
    : [];
  const upcomingMilestones = upcoming.map((row) => ({
    id: row.id,
    dossierId: row.dossierId,
    kind: row.kind,
    label: row.label,
    date: row.date,
    done: row.done,
    note: row.note,
  }));

  // A pro: documents to review across the firm's dossiers, oldest first (current versions only).
  const toReview = viewer.organisationId
    ? await prepared(deps.db, 'dashboard.to_review', (db) =>
        db
          .select({
            id: documents.id,
            dossierId: documents.dossierId,
            itemId: documents.itemId,
            memberId: documents.memberId,
            createdAt: documents.createdAt,
          })
          .from(documents)
          .innerJoin(dossiers, eq(dossiers.id, documents.dossierId))
          .where(and(eq(dossiers.organisationId, sql.placeholder('firm')), eq(documents.status, 'pending')))
          .orderBy(asc(documents.createdAt), desc(sql`${documents.id}`))
          .limit(20),
      ).execute({ firm: viewer.organisationId })
    : [];
  return {
    ...empty,
    dossiers: summaries.filter((dossier) => dossier.toReview > 0 || dossier.expiringSoon > 0),
    nextActions: toReview.map((document) => ({
      kind: 'review_document' as const,
      dossierId: document.dossierId,
      itemId: document.itemId,
      memberId: document.memberId,
      documentId: document.id,
      milestoneId: null,
      date: document.createdAt.toISOString(),
    })),
    incomingRequests: await incomingRequests(deps, viewer),
    upcomingMilestones,
  };
}

import type { TNextAction } from '@capitune/contracts';

// Types only from the contracts: these helpers are shared by several lazy pages.

/** The element id of a checklist line (an item for a member) on the dossier page. */
export function checklistLineId(itemId: string, memberId: string): string {
  return `line-${itemId}-${memberId}`;
}

export function milestoneId(id: string): string {
  return `milestone-${id}`;
}

/** Sections of the dossier page a link can land on. */
export const dossierSections = {
  checklist: 'checklist',
  otherDocuments: 'other-documents',
  timeline: 'timeline',
  messages: 'messages',
  professional: 'professional',
} as const;

export interface DossierLink {
  to: '/dossiers/$dossierId';
  params: { dossierId: string };
  hash: string;
}

/**
 * Where a next action is done: the checklist line to upload, replace, renew or review (focused on
 * arrival), or the milestone on the timeline.
 */
export function nextActionLink(action: TNextAction): DossierLink {
  const base = { to: '/dossiers/$dossierId' as const, params: { dossierId: action.dossierId } };
  switch (action.kind) {
    case 'replace_rejected':
    case 'upload_missing':
    case 'renew_expiring':
    case 'review_document':
      return {
        ...base,
        hash:
          action.itemId && action.memberId
            ? checklistLineId(action.itemId, action.memberId)
            : dossierSections.otherDocuments,
      };
    case 'upcoming_milestone':
      return {
        ...base,
        hash: action.milestoneId ? milestoneId(action.milestoneId) : dossierSections.timeline,
      };
  }
}

import type { TDossier } from '@capitune/contracts';
import { checklistLineId, dossierSections, milestoneId } from './anchors';

// Types only from the contracts: the router (main bundle) validates the search with these helpers.

/**
 * A notification's deep link into a dossier (`/dossiers/<id>?item=…#checklist`, `?message=…#messages`,
 * `?milestone=…#timeline`): the checklist line (the program's item id, and the member when several have
 * that line), the chat message, or the milestone.
 */
export interface DossierDeepLink {
  item?: string;
  member?: string;
  message?: string;
  milestone?: string;
}

const idPattern = /^[A-Za-z0-9_-]{1,120}$/;

/** The deep link's part of a dossier page's search; malformed values are dropped. */
export function validateDeepLink(search: Record<string, unknown>): DossierDeepLink {
  const pick = (value: unknown) => (typeof value === 'string' && idPattern.test(value) ? value : undefined);
  const item = pick(search.item);
  const member = pick(search.member);
  const message = pick(search.message);
  const milestone = pick(search.milestone);
  return {
    ...(item ? { item } : {}),
    ...(item && member ? { member } : {}),
    ...(message ? { message } : {}),
    ...(milestone ? { milestone } : {}),
  };
}

/** The element id of a chat message on the dossier page. */
export function messageElementId(id: string): string {
  return `message-${id}`;
}

const memberOrder = { principal: 0, spouse: 1, dependant: 2, sponsor: 3 } as Record<string, number>;

/**
 * The element a deep link points at, as the page's hash (which the page scrolls to, focuses and
 * highlights): the line of the member named, else of the first member who has that line (the principal
 * applicant first); the section when the dossier has no such line or milestone. Null without a deep link.
 */
export function deepLinkHash(
  dossier: Pick<TDossier, 'checklist' | 'members' | 'milestones'>,
  link: DossierDeepLink,
): string | null {
  if (link.item) {
    const lines = dossier.checklist.filter((entry) => entry.itemId === link.item);
    const rank = (memberId: string) =>
      memberOrder[dossier.members.find((member) => member.id === memberId)?.role ?? ''] ?? 9;
    const line =
      lines.find((entry) => entry.memberId === link.member) ??
      [...lines].sort((a, b) => rank(a.memberId) - rank(b.memberId))[0];
    return line ? checklistLineId(line.itemId, line.memberId) : dossierSections.checklist;
  }
  if (link.milestone) {
    return dossier.milestones.some((milestone) => milestone.id === link.milestone)
      ? milestoneId(link.milestone)
      : dossierSections.timeline;
  }
  if (link.message) return messageElementId(link.message);
  return null;
}

/** The section holding an element of the page: where to land when the element itself is not there. */
export function sectionOfTarget(id: string): string | null {
  if (id.startsWith('line-')) return dossierSections.checklist;
  if (id.startsWith('milestone-')) return dossierSections.timeline;
  if (id.startsWith('message-')) return dossierSections.messages;
  return null;
}

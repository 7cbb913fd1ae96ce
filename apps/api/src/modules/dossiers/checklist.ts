import type {
  TChecklistEntry,
  TDocument,
  TExpiryRule,
  TItemConcerns,
  TMemberRole,
  TNextAction,
  TProgress,
} from '@capitune/contracts';

/** Pure rules of the checklist: which items concern whom, progress, next action, expiry dates. */

export interface ItemRow {
  id: string;
  required: boolean;
  concerns: TItemConcerns;
  expiryRule: TExpiryRule | null;
  sortOrder: number;
}

export interface MemberRow {
  id: string;
  role: TMemberRole;
  dateOfBirth: string | null;
}

export interface MilestoneRow {
  id: string;
  date: string | null;
  done: boolean;
}

/** A date as YYYY-MM-DD in UTC. */
export const isoDay = (date: Date) => date.toISOString().slice(0, 10);

export function addMonths(day: string, months: number): string {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  // setUTCFullYear, unlike Date.UTC, does not read years 1–99 as 1901–1999.
  const target = new Date(0);
  target.setUTCFullYear(year, month - 1 + months, 1);
  const lastDay = new Date(target);
  lastDay.setUTCMonth(target.getUTCMonth() + 1, 0);
  // Clamp to the month's last day: 31 August + 6 months is 28 (or 29) February.
  target.setUTCDate(Math.min(date, lastDay.getUTCDate()));
  return isoDay(target);
}

export function addDays(day: string, days: number): string {
  return isoDay(new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000));
}

function isAdult(member: MemberRow, today: string): boolean {
  if (member.role === 'principal' || member.role === 'spouse') return true;
  if (member.role !== 'dependant' || !member.dateOfBirth) return false;
  return addMonths(member.dateOfBirth, 18 * 12) <= today;
}

/** The members an item asks a document of. */
export function membersConcerned(concerns: TItemConcerns, members: MemberRow[], today: string): MemberRow[] {
  switch (concerns) {
    case 'principal':
    case 'spouse':
    case 'sponsor':
      return members.filter((member) => member.role === concerns);
    case 'each_dependant':
      return members.filter((member) => member.role === 'dependant');
    case 'each_adult':
      return members.filter((member) => member.role !== 'sponsor' && isAdult(member, today));
  }
}

/**
 * The expiry date of a document: typed by a person, or from the item's rule (N months after the issue
 * date). For `own_date` rules (a passport) only the person can give it.
 */
export function computeExpiryDate(rule: TExpiryRule | null, issueDate: string | null): string | null {
  if (!rule || rule.kind === 'own_date' || !issueDate) return null;
  return addMonths(issueDate, rule.months);
}

/** What the checklist needs of a document: a summary reads only these columns, a dossier page whole documents. */
export type DocumentFacts = Pick<TDocument, 'itemId' | 'memberId' | 'version' | 'status' | 'expiryDate'>;

export interface ChecklistEntry<D extends DocumentFacts = TDocument>
  extends Omit<TChecklistEntry, 'current' | 'previousVersions'> {
  current: D | null;
  previousVersions: D[];
}

export interface Checklist<D extends DocumentFacts = TDocument> {
  entries: ChecklistEntry<D>[];
  progress: TProgress;
}

/** Lines of the checklist with the current document of each (the latest version not withdrawn). */
export function buildChecklist<D extends DocumentFacts>(
  items: ItemRow[],
  members: MemberRow[],
  documents: D[],
  today: string,
): Checklist<D> {
  const byLine = new Map<string, D[]>();
  for (const document of documents) {
    if (!document.itemId) continue;
    const key = `${document.itemId}|${document.memberId}`;
    const line = byLine.get(key) ?? [];
    line.push(document);
    byLine.set(key, line);
  }
  const entries: ChecklistEntry<D>[] = [];
  const perMember = new Map(
    members.map((member) => [member.id, { memberId: member.id, approved: 0, required: 0 }]),
  );
  for (const item of [...items].sort((a, b) => a.sortOrder - b.sortOrder)) {
    for (const member of membersConcerned(item.concerns, members, today)) {
      const versions = [...(byLine.get(`${item.id}|${member.id}`) ?? [])].sort(
        (a, b) => b.version - a.version,
      );
      const current = versions.find((document) => document.status !== 'withdrawn') ?? null;
      const state = current ? (current.status as 'pending' | 'approved' | 'rejected') : 'missing';
      entries.push({
        itemId: item.id,
        memberId: member.id,
        state,
        current,
        previousVersions: versions.filter((document) => document !== current),
      });
      if (item.required) {
        const counts = perMember.get(member.id);
        if (counts) {
          counts.required += 1;
          if (state === 'approved') counts.approved += 1;
        }
      }
    }
  }
  const memberCounts = [...perMember.values()];
  const required = memberCounts.reduce((sum, member) => sum + member.required, 0);
  const approved = memberCounts.reduce((sum, member) => sum + member.approved, 0);
  return {
    entries,
    progress: {
      approved,
      required,
      percent: required === 0 ? 0 : Math.floor((approved * 100) / required),
      members: memberCounts,
    },
  };
}

export const EXPIRY_WARNING_DAYS = 30;

/**
 * The most urgent thing for the candidate: a rejected document to replace, then a missing required
 * document, then a document expiring within 30 days, then the next milestone.
 */
export function candidateNextAction(
  dossierId: string,
  items: ItemRow[],
  entries: TChecklistEntry[],
  milestones: MilestoneRow[],
  today: string,
): TNextAction | null {
  const base = { dossierId, itemId: null, memberId: null, documentId: null, milestoneId: null, date: null };
  const rejected = entries
    .filter((entry) => entry.state === 'rejected')
    .sort((a, b) => (a.current?.reviewedAt ?? '').localeCompare(b.current?.reviewedAt ?? ''))[0];
  if (rejected) {
    return {
      ...base,
      kind: 'replace_rejected',
      itemId: rejected.itemId,
      memberId: rejected.memberId,
      documentId: rejected.current?.id ?? null,
      date: rejected.current?.reviewedAt ?? null,
    };
  }
  const requiredItems = new Set(items.filter((item) => item.required).map((item) => item.id));
  const missing = entries.find((entry) => entry.state === 'missing' && requiredItems.has(entry.itemId));
  if (missing) return { ...base, kind: 'upload_missing', itemId: missing.itemId, memberId: missing.memberId };
  const horizon = addDays(today, EXPIRY_WARNING_DAYS);
  const expiring = entries
    .filter((entry) => entry.current?.expiryDate && entry.current.expiryDate <= horizon)
    .sort((a, b) => (a.current?.expiryDate ?? '').localeCompare(b.current?.expiryDate ?? ''))[0];
  if (expiring?.current) {
    return {
      ...base,
      kind: 'renew_expiring',
      itemId: expiring.itemId,
      memberId: expiring.memberId,
      documentId: expiring.current.id,
      date: expiring.current.expiryDate,
    };
  }
  const milestone = milestones
    .filter((row) => !row.done && row.date !== null && row.date >= today)
    .sort((a, b) => (a.date ?? '').localeCompare(b.date ?? ''))[0];
  if (milestone)
    return { ...base, kind: 'upcoming_milestone', milestoneId: milestone.id, date: milestone.date };
  return null;
}

import type { TDocument } from '@capitune/contracts';
import { describe, expect, it } from 'vitest';
import {
  addMonths,
  buildChecklist,
  candidateNextAction,
  computeExpiryDate,
  type ItemRow,
  type MemberRow,
  membersConcerned,
} from './checklist';

const today = '2026-11-25';
const members: MemberRow[] = [
  { id: '00000000-0000-4000-8000-000000000001', role: 'principal', dateOfBirth: '1990-04-02' },
  { id: '00000000-0000-4000-8000-000000000002', role: 'spouse', dateOfBirth: null },
  { id: '00000000-0000-4000-8000-000000000003', role: 'dependant', dateOfBirth: '2015-01-01' },
  { id: '00000000-0000-4000-8000-000000000004', role: 'dependant', dateOfBirth: '2007-11-24' },
];
const [principal, spouse, child, adultChild] = members as [MemberRow, MemberRow, MemberRow, MemberRow];
const items: ItemRow[] = [
  {
    id: 'p.passport',
    required: true,
    concerns: 'each_adult',
    expiryRule: { kind: 'own_date' },
    sortOrder: 1,
  },
  {
    id: 'p.language_test',
    required: true,
    concerns: 'principal',
    expiryRule: { kind: 'valid_for', months: 24 },
    sortOrder: 2,
  },
  { id: 'p.birth_certificate', required: true, concerns: 'each_dependant', expiryRule: null, sortOrder: 3 },
  { id: 'p.marriage', required: false, concerns: 'spouse', expiryRule: null, sortOrder: 4 },
];

let version = 0;
function doc(
  itemId: string,
  memberId: string,
  status: TDocument['status'],
  extra: Partial<TDocument> = {},
): TDocument {
  version += 1;
  return {
    id: `10000000-0000-4000-8000-${String(version).padStart(12, '0')}`,
    dossierId: '20000000-0000-4000-8000-000000000000',
    itemId,
    memberId,
    version: 1,
    status,
    rejectionReason: null,
    originalName: 'x.pdf',
    contentType: 'application/pdf',
    sizeBytes: 10,
    sha256: 'a',
    issueDate: null,
    expiryDate: null,
    uploadedAt: '2026-11-01T00:00:00.000Z',
    reviewedAt: null,
    ...extra,
  };
}

describe('dates', () => {
  it('adds months, clamping to the end of shorter months', () => {
    expect(addMonths('2026-08-31', 6)).toBe('2027-02-28');
    expect(addMonths('2027-08-31', 6)).toBe('2028-02-29');
    expect(addMonths('2024-11-25', 24)).toBe('2026-11-25');
    // Years 1–99 are years of the first century, not 1901–1999.
    expect(addMonths('0050-01-31', 1)).toBe('0050-02-28');
    expect(addMonths('0099-12-01', 1)).toBe('0100-01-01');
  });

  it('computes expiry from the rule, never for documents that carry their own date', () => {
    expect(computeExpiryDate({ kind: 'valid_for', months: 24 }, '2025-03-10')).toBe('2027-03-10');
    expect(computeExpiryDate({ kind: 'recent', months: 6 }, '2026-06-01')).toBe('2026-12-01');
    expect(computeExpiryDate({ kind: 'own_date' }, '2020-01-01')).toBeNull();
    expect(computeExpiryDate({ kind: 'valid_for', months: 12 }, null)).toBeNull();
    expect(computeExpiryDate(null, '2026-01-01')).toBeNull();
  });
});

describe('members concerned', () => {
  it('asks adults only of "each adult" items: a child turns adult on their 18th birthday', () => {
    expect(membersConcerned('each_adult', members, today).map((m) => m.id)).toEqual([
      principal.id,
      spouse.id,
      adultChild.id,
    ]);
    expect(membersConcerned('each_adult', members, '2025-11-23').map((m) => m.id)).toEqual([
      principal.id,
      spouse.id,
    ]);
    expect(membersConcerned('each_dependant', members, today)).toHaveLength(2);
    expect(membersConcerned('sponsor', members, today)).toHaveLength(0);
  });
});

describe('checklist, progress and next action', () => {
  it('counts approved required lines per member, using the latest version', () => {
    const documents = [
      doc('p.passport', principal.id, 'rejected', { version: 1 }),
      doc('p.passport', principal.id, 'approved', { version: 2 }),
      doc('p.language_test', principal.id, 'pending'),
      doc('p.birth_certificate', child.id, 'approved'),
      doc('p.marriage', spouse.id, 'approved'),
      doc('p.passport', spouse.id, 'approved', { version: 1 }),
      doc('p.passport', spouse.id, 'withdrawn', { version: 2 }),
    ];
    const { entries, progress } = buildChecklist(items, members, documents, today);
    // 3 passports (adults) + 1 language test + 2 birth certificates + 1 marriage line.
    expect(entries).toHaveLength(7);
    const principalPassport = entries.find((e) => e.itemId === 'p.passport' && e.memberId === principal.id);
    expect(principalPassport?.state).toBe('approved');
    expect(principalPassport?.previousVersions).toHaveLength(1);
    const spousePassport = entries.find((e) => e.itemId === 'p.passport' && e.memberId === spouse.id);
    expect(spousePassport?.state).toBe('approved'); // the withdrawn version 2 does not count
    // Required lines: 3 passports, 1 test, 2 certificates = 6; approved: 2 passports + 1 certificate = 3.
    expect(progress).toMatchObject({ required: 6, approved: 3, percent: 50 });
    expect(progress.members.find((m) => m.memberId === principal.id)).toEqual({
      memberId: principal.id,
      required: 2,
      approved: 1,
    });
  });

  it('puts a rejected document first, then a missing one, then an expiring one, then a milestone', () => {
    const milestones = [
      { id: '30000000-0000-4000-8000-000000000001', date: '2026-12-15', done: false },
      { id: '30000000-0000-4000-8000-000000000002', date: '2026-12-01', done: true },
    ];
    const all = (documents: TDocument[]) => buildChecklist(items, members, documents, today).entries;
    const complete = [
      doc('p.passport', principal.id, 'approved', { expiryDate: '2026-12-20' }),
      doc('p.passport', spouse.id, 'approved'),
      doc('p.passport', adultChild.id, 'approved'),
      doc('p.language_test', principal.id, 'approved'),
      doc('p.birth_certificate', child.id, 'approved'),
      doc('p.birth_certificate', adultChild.id, 'approved'),
    ];
    const withRejected = [
      ...complete.slice(1),
      doc('p.passport', principal.id, 'rejected', { reviewedAt: '2026-11-20T00:00:00.000Z' }),
    ];
    expect(candidateNextAction('d', items, all(withRejected), milestones, today)?.kind).toBe(
      'replace_rejected',
    );
    expect(candidateNextAction('d', items, all(complete.slice(1)), milestones, today)).toMatchObject({
      kind: 'upload_missing',
      itemId: 'p.passport',
      memberId: principal.id,
    });
    expect(candidateNextAction('d', items, all(complete), milestones, today)).toMatchObject({
      kind: 'renew_expiring',
      date: '2026-12-20',
    });
    const noExpiry = complete.map((d) => ({ ...d, expiryDate: null }));
    expect(candidateNextAction('d', items, all(noExpiry), milestones, today)).toMatchObject({
      kind: 'upcoming_milestone',
      date: '2026-12-15',
    });
    expect(candidateNextAction('d', items, all(noExpiry), [], today)).toBeNull();
  });
});

import type { TNextAction } from '@capitune/contracts';
import { describe, expect, it } from 'vitest';
import { checklistLineId, milestoneId, nextActionLink } from './anchors';

const dossierId = '00000000-0000-4000-8000-0000000000d1';
const memberId = '00000000-0000-4000-8000-0000000000a1';
const base: TNextAction = {
  kind: 'upload_missing',
  dossierId,
  itemId: null,
  memberId: null,
  documentId: null,
  milestoneId: null,
  date: null,
};

describe('nextActionLink', () => {
  it.each(['replace_rejected', 'upload_missing', 'renew_expiring', 'review_document'] as const)(
    'sends %s to the checklist line of the item and member',
    (kind) => {
      expect(nextActionLink({ ...base, kind, itemId: 'passport', memberId })).toEqual({
        to: '/dossiers/$dossierId',
        params: { dossierId },
        hash: checklistLineId('passport', memberId),
      });
    },
  );

  it('sends a document outside the checklist to the other documents', () => {
    expect(nextActionLink({ ...base, kind: 'review_document', documentId: memberId }).hash).toBe(
      'other-documents',
    );
  });

  it('sends a milestone to its place on the timeline', () => {
    const id = '00000000-0000-4000-8000-0000000000e1';
    expect(nextActionLink({ ...base, kind: 'upcoming_milestone', milestoneId: id }).hash).toBe(
      milestoneId(id),
    );
    expect(nextActionLink({ ...base, kind: 'upcoming_milestone' }).hash).toBe('timeline');
  });

  it('makes ids that are unique per item and member', () => {
    expect(checklistLineId('passport', 'a')).not.toBe(checklistLineId('passport', 'b'));
    expect(checklistLineId('passport', 'a')).toBe('line-passport-a');
  });
});

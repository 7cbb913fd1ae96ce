import { describe, expect, it } from 'vitest';
import { safeRedirect } from '../auth/redirect';
import { deepLinkHash, sectionOfTarget, validateDeepLink } from './deep-link';

const principal = '11111111-1111-4111-8111-111111111111';
const spouse = '22222222-2222-4222-8222-222222222222';
const milestone = '33333333-3333-4333-8333-333333333333';
const message = '44444444-4444-4444-8444-444444444444';

const dossier = {
  members: [
    { id: spouse, role: 'spouse' },
    { id: principal, role: 'principal' },
  ],
  checklist: [
    { itemId: 'passport', memberId: spouse },
    { itemId: 'passport', memberId: principal },
    { itemId: 'police-certificate', memberId: spouse },
  ],
  milestones: [{ id: milestone }],
} as unknown as Parameters<typeof deepLinkHash>[0];

describe('validateDeepLink', () => {
  it('keeps the ids of a notification link', () => {
    expect(validateDeepLink({ item: 'passport', member: spouse, message, milestone })).toEqual({
      item: 'passport',
      member: spouse,
      message,
      milestone,
    });
  });

  it('drops malformed values, and a member without an item', () => {
    expect(validateDeepLink({ item: '<script>', message: 'a b', milestone: 42, member: spouse })).toEqual({});
  });
});

describe('deepLinkHash', () => {
  it('points at the checklist line of the principal applicant first, or of the member named', () => {
    expect(deepLinkHash(dossier, { item: 'passport' })).toBe(`line-passport-${principal}`);
    expect(deepLinkHash(dossier, { item: 'passport', member: spouse })).toBe(`line-passport-${spouse}`);
    expect(deepLinkHash(dossier, { item: 'police-certificate' })).toBe(`line-police-certificate-${spouse}`);
  });

  it('falls back on the section when the line or milestone is not in the dossier', () => {
    expect(deepLinkHash(dossier, { item: 'birth-certificate' })).toBe('checklist');
    expect(deepLinkHash(dossier, { milestone: message })).toBe('timeline');
  });

  it('points at the milestone and the message', () => {
    expect(deepLinkHash(dossier, { milestone })).toBe(`milestone-${milestone}`);
    expect(deepLinkHash(dossier, { message })).toBe(`message-${message}`);
    expect(deepLinkHash(dossier, {})).toBeNull();
  });

  it('knows the section of each target', () => {
    expect(sectionOfTarget(`line-passport-${principal}`)).toBe('checklist');
    expect(sectionOfTarget(`milestone-${milestone}`)).toBe('timeline');
    expect(sectionOfTarget(`message-${message}`)).toBe('messages');
    expect(sectionOfTarget('professional')).toBeNull();
  });
});

describe('a deep link through the sign-in', () => {
  it.each([
    `/dossiers/5b0f7c1e-1d2a-4a8b-9c3d-0e1f2a3b4c5d?item=passport#checklist`,
    `/dossiers/5b0f7c1e-1d2a-4a8b-9c3d-0e1f2a3b4c5d?message=${message}#messages`,
    `/dossiers/5b0f7c1e-1d2a-4a8b-9c3d-0e1f2a3b4c5d?milestone=${milestone}#timeline`,
    `/dossiers/5b0f7c1e-1d2a-4a8b-9c3d-0e1f2a3b4c5d?item=passport&member=${spouse}`,
  ])('keeps %s, query and hash, as the way back', (link) => {
    expect(safeRedirect(link)).toBe(link);
    // The login page's `?redirect=` carries it encoded, and gets it back whole.
    const loginSearch = new URLSearchParams({ redirect: link }).toString();
    expect(safeRedirect(new URLSearchParams(loginSearch).get('redirect'))).toBe(link);
  });
});

import { describe, expect, it } from 'vitest';
import { AppError } from '../../lib/errors';
import { accessTo, type CallerReach, callerOf, dossierFirm, requireRole } from './access.service';

const reach = (over: Partial<CallerReach>): CallerReach => ({
  id: 'u1',
  role: 'pro',
  organisationId: 'firm-a',
  standing: 'verified',
  ...over,
});

describe('access', () => {
  it('callerOf keeps the id, the role and the address of the token’s user', () => {
    expect(
      callerOf({ id: 'u1', role: 'candidate', sessionId: 's1', emailVerified: true }, '203.0.113.7'),
    ).toEqual({ id: 'u1', role: 'candidate', ip: '203.0.113.7' });
  });

  it('requireRole refuses (403) any other role, with the message given', () => {
    const candidate = { id: 'u1', role: 'candidate' as const };
    expect(() => requireRole(candidate, 'candidate')).not.toThrow();
    expect(() => requireRole(candidate, ['pro', 'candidate'])).not.toThrow();
    const refused = (() => {
      try {
        requireRole(candidate, 'admin', 'Only administrators');
      } catch (error) {
        return error;
      }
    })();
    expect(refused).toBeInstanceOf(AppError);
    expect(refused).toMatchObject({ code: 'FORBIDDEN', status: 403, message: 'Only administrators' });
  });

  it('a pro reaches their firm’s dossiers while verified or in grace, never otherwise', () => {
    expect(dossierFirm(reach({}))).toBe('firm-a');
    expect(dossierFirm(reach({ standing: 'grace' }))).toBe('firm-a');
    expect(dossierFirm(reach({ standing: 'not_verified' }))).toBeNull();
    expect(dossierFirm(reach({ role: 'candidate' }))).toBeNull();
    expect(dossierFirm(reach({ organisationId: null }))).toBeNull();
  });

  it('the owner (a candidate) and the firm in charge open a dossier; no one else', () => {
    const dossier = { ownerId: 'c1', organisationId: 'firm-a' };
    expect(accessTo(reach({ id: 'c1', role: 'candidate', organisationId: null }), dossier)).toBe('owner');
    expect(accessTo(reach({}), dossier)).toBe('pro');
    expect(accessTo(reach({ standing: 'not_verified' }), dossier)).toBeNull();
    expect(accessTo(reach({ organisationId: 'firm-b' }), dossier)).toBeNull();
    expect(accessTo(reach({ id: 'c2', role: 'candidate' }), dossier)).toBeNull();
    expect(accessTo(reach({ id: 'c1', role: 'admin' }), dossier)).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import { AppError } from '../../lib/errors';
import { accessTo, type CallerReach, callerOf, dossierFirm, requireRole } from './access.service';
import { clientAddress } from './network';

const reach = (over: Partial<CallerReach>): CallerReach => ({
  id: 'u1',
  role: 'pro',
  organisationId: 'firm-a',
  standing: 'verified',
  outsideFirmNetwork: false,
  ...over,
});

describe('access', () => {
  it('callerOf keeps the id, the role, the session and the address of the token’s user', () => {
    expect(
      callerOf({ id: 'u1', role: 'candidate', sessionId: 's1', emailVerified: true }, '203.0.113.7'),
    ).toEqual({ id: 'u1', role: 'candidate', ip: '203.0.113.7', sessionId: 's1' });
  });

  it('a request’s address is compared in its plain form, an IPv4 client of an IPv6 socket as IPv4', () => {
    expect(clientAddress('203.0.113.7')).toBe('203.0.113.7');
    expect(clientAddress('::ffff:127.0.0.2')).toBe('127.0.0.2');
    expect(clientAddress('2001:DB8:0:0::1')).toBe('2001:db8::1');
    // Not addresses PostgreSQL would read: in no range.
    for (const other of [undefined, '', 'unknown', '127.1', '0x7f.0.0.1', 'fe80::1%eth0', '10.0.0.0/8']) {
      expect(clientAddress(other)).toBeNull();
    }
  });

  it('outside its firm’s networks, a pro reaches none of the firm’s dossiers', () => {
    expect(dossierFirm(reach({ outsideFirmNetwork: true }))).toBeNull();
    expect(
      accessTo(reach({ outsideFirmNetwork: true }), { ownerId: 'c1', organisationId: 'firm-a' }),
    ).toBeNull();
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

import { and, desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import { emailsTo, stepUp } from '../../../test/auth-helpers';
import { assignedDossier } from '../../../test/dossier-helpers';
import { logInAgain, type Person, person } from '../../../test/inside-helpers';
import {
  auditLog,
  emailSuppressions,
  organisations,
  proVerifications,
  sessions,
  users,
  userTags,
} from '../../db/schema';
import { ManualClock } from '../../platform/clock';
import { endTimedSuspensions } from './suspension-end';

const NBSP = '\u00a0';
const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

type ListPage = {
  items: { id: string; status: string; tags: string[]; firm: { name: string } | null }[];
  nextCursor: string | null;
};

describe('Admin console: users', () => {
  let t: TestApp;
  const clock = new ManualClock('2026-11-25T12:00:00Z');
  let admin: Person;
  let otherAdmin: Person;
  let candidate: Person;
  let english: Person;
  let pro: Person;

  beforeAll(async () => {
    t = await createTestApp({ clock });
    admin = await person(t.app, t.database, 'admin');
    otherAdmin = await person(t.app, t.database, 'admin');
    candidate = await person(t.app, t.database, 'candidate', { firstName: 'Hélène' });
    english = await person(t.app, t.database, 'candidate', { locale: 'en', firstName: 'Oliver' });
    pro = await person(t.app, t.database, 'pro');
  });
  afterAll(() => t.close());

  const token = (who: Person) => who.auth.authorization.slice('Bearer '.length);
  const list = (query = '', who: Person = admin) =>
    t.app.inject({ method: 'GET', url: `/api/admin/users${query}`, headers: who.auth });
  const page = (id: string, who: Person = admin) =>
    t.app.inject({ method: 'GET', url: `/api/admin/users/${id}`, headers: who.auth });
  const act = (id: string, payload: Record<string, unknown>, who: Person = admin) =>
    t.app.inject({ method: 'POST', url: `/api/admin/users/${id}/actions`, headers: who.auth, payload });
  const ids = async (query: string) => ((await list(query)).json() as ListPage).items.map((item) => item.id);
  /** The email of this template to `address` (emails written at one instant of the test clock tie on time). */
  const emailOf = async (address: string, template: string) =>
    (await emailsTo(t.database, address)).find((email) => email.template === template);
  const auditOf = (userId: string, action: string) =>
    t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.subjectId, userId), eq(auditLog.action, action)))
      .orderBy(desc(auditLog.id));

  it('refuses anonymous callers (401), candidates and pros (403), malformed input (400), unknown users (404)', async () => {
    const routes = [
      { method: 'GET' as const, url: '/api/admin/users' },
      { method: 'GET' as const, url: `/api/admin/users/${candidate.userId}` },
      {
        method: 'POST' as const,
        url: `/api/admin/users/${candidate.userId}/actions`,
        payload: { action: 'lift' },
      },
    ];
    for (const route of routes) {
      expect((await t.app.inject(route)).statusCode).toBe(401);
      for (const who of [candidate, pro]) {
        const refused = await t.app.inject({ ...route, headers: who.auth });
        expect(refused.statusCode).toBe(403);
        expect(refused.json().code).toBe('FORBIDDEN');
      }
    }
    expect((await page('not-a-uuid')).statusCode).toBe(400);
    expect((await act('not-a-uuid', { action: 'lift' })).statusCode).toBe(400);
    expect((await act(candidate.userId, { action: 'explode' })).statusCode).toBe(400);
    expect((await act(candidate.userId, { action: 'suspend', reason: 'Spam' })).statusCode).toBe(400);
    expect((await list('?limit=500')).statusCode).toBe(400);
    expect((await list('?status=deleted')).statusCode).toBe(400);
    const unknown = await page(UNKNOWN_ID);
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().code).toBe('NOT_FOUND');
    expect((await act(UNKNOWN_ID, { action: 'lift' })).json().code).toBe('NOT_FOUND');
    expect((await act(UNKNOWN_ID, { action: 'tag', tag: 'vip' })).statusCode).toBe(404);
  });

  it('searches by name without accents or case, email, firm and licence number', async () => {
    expect(await ids('?q=helene')).toEqual([candidate.userId]);
    expect(await ids(`?q=${encodeURIComponent('HÉLÈNE')}`)).toEqual([candidate.userId]);
    expect(await ids(`?q=${encodeURIComponent(english.email.toUpperCase())}`)).toEqual([english.userId]);

    const [firm] = await t.database.db
      .select({ organisationId: users.organisationId })
      .from(users)
      .where(eq(users.id, pro.userId));
    await t.database.db
      .update(organisations)
      .set({ name: 'Cabinet Zéphyr Conseil' })
      .where(eq(organisations.id, firm?.organisationId as string));
    const byFirm = (await list('?q=zephyr')).json() as ListPage;
    expect(byFirm.items.map((item) => item.id)).toEqual([pro.userId]);
    expect(byFirm.items[0]?.firm?.name).toBe('Cabinet Zéphyr Conseil');

    const [file] = await t.database.db
      .select({ licence: proVerifications.licenceNumber })
      .from(proVerifications)
      .where(eq(proVerifications.userId, pro.userId));
    expect(await ids(`?q=${encodeURIComponent(file?.licence as string)}`)).toEqual([pro.userId]);
    // Regular-expression and LIKE characters are searched as themselves.
    expect(await ids(`?q=${encodeURIComponent('.*')}`)).toEqual([]);
    expect(await ids(`?q=${encodeURIComponent('%')}`)).toEqual([]);
  });

  it('filters by role, tag and sign-up date, and pages newest first without duplicates', async () => {
    expect(await ids('?role=pro')).toEqual([pro.userId]);
    expect(new Set(await ids('?role=admin'))).toEqual(new Set([admin.userId, otherAdmin.userId]));

    // Seven members signed up a minute apart, tagged together.
    const start = new Date('2026-10-01T08:00:00Z');
    const cohort: string[] = [];
    for (let index = 0; index < 7; index++) {
      const member = await person(t.app, t.database, 'candidate', {
        createdAt: new Date(start.getTime() + index * 60_000),
      });
      cohort.push(member.userId);
      await t.database.db.insert(userTags).values({ userId: member.userId, tag: 'cohort-7' });
    }
    const newestFirst = [...cohort].reverse();
    expect(await ids('?tag=cohort-7')).toEqual(newestFirst);
    expect(
      await ids(
        `?signedUpFrom=${new Date(start.getTime() + 2 * 60_000).toISOString()}&signedUpTo=${new Date(start.getTime() + 4 * 60_000).toISOString()}`,
      ),
    ).toEqual(newestFirst.slice(2, 5));

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const response = await list(`?tag=cohort-7&limit=3${cursor ? `&cursor=${cursor}` : ''}`);
      expect(response.statusCode).toBe(200);
      const body = response.json() as ListPage;
      expect(body.items.length).toBeLessThanOrEqual(3);
      seen.push(...body.items.map((item) => item.id));
      expect(body.items.every((item) => item.tags.includes('cohort-7'))).toBe(true);
      cursor = body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(newestFirst);

    const forged = Buffer.from(JSON.stringify(['2026-13-45T00:00:00Z', 'x'])).toString('base64url');
    const refused = await list(`?cursor=${forged}`);
    expect(refused.statusCode).toBe(400);
    expect(refused.json().code).toBe('INVALID_CURSOR');
  });

  it('shows a member’s page with dossier counts only, sessions, factors and emails', async () => {
    const { candidate: owner, pro: firmPro, dossierId } = await assignedDossier(t);
    const response = await page(owner.userId);
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body).toMatchObject({
      id: owner.userId,
      role: 'candidate',
      status: 'active',
      suspension: null,
      tags: [],
      trustLevel: 0,
      factors: { totp: false, passkeys: 0, email: false, sms: false, recoveryCodesLeft: 0 },
      dossiers: { owned: [{ status: 'preparing', count: 1 }], firm: [] },
    });
    expect(body.sessions.length).toBeGreaterThan(0);
    expect(body.sessions[0]).toEqual(
      expect.objectContaining({
        device: expect.any(String),
        factor: 'password',
        createdAt: expect.any(String),
      }),
    );
    // The verification email sent at sign-up, without its body.
    expect(body.emails[0]).toEqual({
      id: expect.any(String),
      template: expect.any(String),
      subject: expect.any(String),
      createdAt: expect.any(String),
      sentAt: null,
    });
    expect(JSON.stringify(body)).not.toContain(dossierId);
    // What the SMTP provider reported of the address (issue 19): nothing, then a hard bounce.
    expect(body.emailSuppression).toBeNull();
    await t.database.db
      .insert(emailSuppressions)
      .values({ address: owner.body.email, reason: 'bounce', detail: '550 5.1.1 unknown user' });
    expect((await page(owner.userId)).json().emailSuppression).toEqual({
      reason: 'bounce',
      detail: '550 5.1.1 unknown user',
      since: expect.any(String),
    });

    const proPage = (await page(firmPro.userId)).json();
    expect(proPage.dossiers).toEqual({ owned: [], firm: [{ status: 'preparing', count: 1 }] });
    expect(proPage.firm).toEqual({ id: expect.any(String), name: 'Cabinet Boréal' });
  });

  it('suspends until a date, with the reason emailed in French, sessions ended and the audit written', async () => {
    const member = await person(t.app, t.database, 'candidate');
    const past = await act(member.userId, {
      action: 'suspend',
      until: '2026-11-01T00:00:00.000Z',
      reason: 'Messages abusifs',
    });
    expect(past.statusCode).toBe(400);

    const until = '2026-12-01T17:00:00.000Z';
    const response = await act(member.userId, { action: 'suspend', until, reason: 'Messages abusifs' });
    expect(response.statusCode).toBe(200);
    const result = response.json();
    expect(result.kind).toBe('user');
    expect(result.user).toMatchObject({
      status: 'suspended',
      suspension: { until, reason: 'Messages abusifs', bannedAt: null },
      sessions: [],
    });
    expect(result.user.history[0]).toMatchObject({
      action: 'user.suspended',
      actor: { id: admin.userId },
      reason: 'Messages abusifs',
    });
    expect(result.user.emails.map((email: { template: string }) => email.template)).toContain(
      'admin.member_suspended',
    );

    const email = await emailOf(member.email, 'admin.member_suspended');
    expect(email?.locale).toBe('fr');
    expect(email?.subject).toBe('Votre compte CAPITUNE est suspendu');
    expect(email?.text).toContain(`Motif${NBSP}: Messages abusifs`);
    expect(email?.text).toContain('1 décembre 2026');
    expect(email?.text).not.toMatch(/ [:;!?»]/);

    const [entry] = await auditOf(member.userId, 'user.suspended');
    expect(entry).toMatchObject({ actorId: admin.userId, subjectType: 'user' });
    expect(entry?.before).toMatchObject({ status: 'active' });
    expect(entry?.after).toMatchObject({ status: 'suspended', suspendedUntil: until, sessionsEnded: 1 });
    expect(entry?.ip).not.toBeNull();
    const open = await t.database.db.select().from(sessions).where(eq(sessions.userId, member.userId));
    expect(open.every((session) => session.revokedAt !== null)).toBe(true);
    expect((await logInAgain(t.app, member)).json().code).toBe('ACCOUNT_SUSPENDED');
    expect(await ids('?status=suspended')).toContain(member.userId);
    expect(await ids('?status=active')).not.toContain(member.userId);

    const lifted = await act(member.userId, { action: 'lift' });
    expect(lifted.json().user).toMatchObject({ status: 'active', suspension: null });
    expect(await emailOf(member.email, 'admin.member_lifted')).toBeDefined();
    expect(await auditOf(member.userId, 'user.lifted')).toHaveLength(1);
    expect((await logInAgain(t.app, member)).statusCode).toBe(200);
  });

  it('bans only after a step-up, emails in English, and lists the member as banned', async () => {
    const ban = () => act(english.userId, { action: 'ban', reason: 'Fraudulent documents' });
    const refused = await ban();
    expect(refused.statusCode).toBe(401);
    expect(refused.json().code).toBe('STEP_UP_REQUIRED');

    await stepUp(t.app, token(admin), admin.password);
    const response = await ban();
    expect(response.statusCode).toBe(200);
    expect(response.json().user).toMatchObject({
      status: 'banned',
      suspension: { until: null, reason: 'Fraudulent documents', bannedAt: clock.now().toISOString() },
    });
    const email = await emailOf(english.email, 'admin.member_banned');
    expect(email?.locale).toBe('en');
    expect(email?.text).toContain('Reason: Fraudulent documents');
    expect(await ids('?status=banned')).toEqual([english.userId]);
    expect(await ids('?status=suspended')).not.toContain(english.userId);
    expect(await auditOf(english.userId, 'user.banned')).toHaveLength(1);

    const lifted = await act(english.userId, { action: 'lift' });
    expect(lifted.json()).toMatchObject({ kind: 'user', user: { status: 'active' } });
    expect((await emailOf(english.email, 'admin.member_lifted'))?.subject).toBe(
      'Your CAPITUNE account is reinstated',
    );
  });

  it('refuses to act on the admin themself and on the last active admin', async () => {
    await stepUp(t.app, token(admin), admin.password);
    for (const payload of [
      { action: 'suspend', until: '2027-01-01T00:00:00.000Z', reason: 'Test' },
      { action: 'ban', reason: 'Test' },
      { action: 'change_role', role: 'candidate' },
      { action: 'merge', duplicateId: otherAdmin.userId },
    ]) {
      const refused = await act(admin.userId, payload);
      expect(refused.statusCode).toBe(409);
      expect(refused.json().code).toBe('SELF_ACTION_NOT_ALLOWED');
    }

    // The acting admin's own account lost its role meanwhile: the other is the last active admin.
    await t.database.db.update(users).set({ role: 'candidate' }).where(eq(users.id, admin.userId));
    try {
      for (const payload of [
        { action: 'suspend', until: '2027-01-01T00:00:00.000Z', reason: 'Test' },
        { action: 'ban', reason: 'Test' },
        { action: 'change_role', role: 'pro' },
      ]) {
        const refused = await act(otherAdmin.userId, payload);
        expect(refused.statusCode).toBe(409);
        expect(refused.json().code).toBe('LAST_ADMIN');
      }
    } finally {
      await t.database.db.update(users).set({ role: 'admin' }).where(eq(users.id, admin.userId));
    }
  });

  it('changes a role after a step-up, ending the member’s sessions', async () => {
    const member = await person(t.app, t.database, 'candidate');
    await t.database.db
      .update(sessions)
      .set({ reauthenticatedAt: null })
      .where(eq(sessions.userId, admin.userId));
    const refused = await act(member.userId, { action: 'change_role', role: 'pro' });
    expect(refused.json().code).toBe('STEP_UP_REQUIRED');
    await stepUp(t.app, token(admin), admin.password);
    const response = await act(member.userId, { action: 'change_role', role: 'pro' });
    expect(response.statusCode).toBe(200);
    expect(response.json().user).toMatchObject({ role: 'pro', sessions: [] });
    const [entry] = await auditOf(member.userId, 'user.role_changed');
    expect(entry?.before).toEqual({ role: 'candidate' });
    expect(entry?.after).toEqual({ role: 'pro', sessionsEnded: 1 });
  });

  it('tags and untags, ends sessions and resends the verification link, each audited', async () => {
    const member = await person(t.app, t.database, 'candidate', { verified: false });
    const tagged = await act(member.userId, { action: 'tag', tag: ' VIP-2027 ' });
    expect(tagged.json().user.tags).toEqual(['vip-2027']);
    expect(await ids('?tag=vip-2027')).toEqual([member.userId]);
    expect((await act(member.userId, { action: 'tag', tag: 'not a tag!' })).statusCode).toBe(400);
    expect((await act(member.userId, { action: 'untag', tag: 'vip-2027' })).json().user.tags).toEqual([]);
    expect(await auditOf(member.userId, 'user.tagged')).toHaveLength(1);
    expect(await auditOf(member.userId, 'user.untagged')).toHaveLength(1);

    const ended = await act(member.userId, { action: 'end_sessions' });
    expect(ended.json().user.sessions).toEqual([]);
    expect((await auditOf(member.userId, 'user.sessions_ended'))[0]?.after).toEqual({ sessionsEnded: 1 });
    expect((await act(admin.userId, { action: 'end_sessions' })).json().code).toBe('SELF_ACTION_NOT_ALLOWED');

    const before = (await emailsTo(t.database, member.email)).length;
    const resent = await act(member.userId, { action: 'resend_verification' });
    expect(resent.statusCode).toBe(200);
    expect(await emailsTo(t.database, member.email)).toHaveLength(before + 1);
    expect(await auditOf(member.userId, 'user.verification_resent')).toHaveLength(1);
    const verified = await act(candidate.userId, { action: 'resend_verification' });
    expect(verified.statusCode).toBe(409);
  });

  it('merges a duplicate account into the member after a step-up, refusing other roles and admins', async () => {
    const { candidate: duplicate, dossierId } = await assignedDossier(t);
    const kept = await person(t.app, t.database, 'candidate');
    await t.database.db.insert(userTags).values({ userId: duplicate.userId, tag: 'early-bird' });
    await t.database.db
      .update(sessions)
      .set({ reauthenticatedAt: null })
      .where(eq(sessions.userId, admin.userId));
    const merge = (id: string, duplicateId: string) => act(id, { action: 'merge', duplicateId });
    expect((await merge(kept.userId, duplicate.userId)).json().code).toBe('STEP_UP_REQUIRED');

    await stepUp(t.app, token(admin), admin.password);
    expect((await merge(kept.userId, kept.userId)).json().code).toBe('MERGE_NOT_ALLOWED');
    expect((await merge(kept.userId, pro.userId)).json().code).toBe('MERGE_NOT_ALLOWED');
    expect((await merge(otherAdmin.userId, admin.userId)).json().code).toBe('SELF_ACTION_NOT_ALLOWED');
    expect((await merge(kept.userId, UNKNOWN_ID)).statusCode).toBe(404);

    const response = await merge(kept.userId, duplicate.userId);
    expect(response.statusCode).toBe(200);
    expect(response.json().user).toMatchObject({
      tags: ['early-bird'],
      dossiers: { owned: [{ status: 'preparing', count: 1 }] },
    });
    const gone = (await page(duplicate.userId)).json();
    expect(gone).toMatchObject({
      status: 'banned',
      suspension: { reason: `merged into ${kept.userId}` },
      sessions: [],
      dossiers: { owned: [] },
    });
    const [entry] = await auditOf(kept.userId, 'user.merged');
    expect(entry?.after).toMatchObject({
      keptId: kept.userId,
      duplicateId: duplicate.userId,
      moved: { dossiers: 1 },
    });
    expect(await auditOf(duplicate.userId, 'user.banned')).toHaveLength(1);

    // The dossier now opens for the kept account.
    const opened = await act(kept.userId, {
      action: 'open_dossier',
      dossierId,
      reason: 'Plainte du candidat au sujet de son dossier',
    });
    expect(opened.statusCode).toBe(200);
  });

  it('opens a dossier only with a reason, auditing it, and shows counts, never content', async () => {
    const { candidate: owner, pro: firmPro, dossierId } = await assignedDossier(t);
    const open = (id: string, reason: string, dossier = dossierId) =>
      act(id, { action: 'open_dossier', dossierId: dossier, reason });
    expect((await open(owner.userId, 'court')).statusCode).toBe(400);
    expect(
      (await open(owner.userId, 'Demande de la CNIL au sujet de ce dossier', UNKNOWN_ID)).statusCode,
    ).toBe(404);
    expect((await open(candidate.userId, 'Demande de la CNIL au sujet de ce dossier')).statusCode).toBe(404);

    const response = await open(owner.userId, 'Vérification à la suite d’un signalement');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      kind: 'dossier',
      dossier: {
        dossierId,
        programId: 'express_entry_fsw',
        programName: { fr: expect.any(String), en: expect.any(String) },
        status: 'preparing',
        owner: { id: owner.userId, firstName: 'Amina', lastName: 'Diallo' },
        firm: { id: expect.any(String), name: 'Cabinet Boréal' },
        documentCount: 0,
        messageCount: 0,
        createdAt: expect.any(String),
      },
    });
    const [entry] = await auditOf(owner.userId, 'dossier.opened_by_admin');
    expect(entry).toMatchObject({ actorId: admin.userId, dossierId });
    expect(entry?.after).toEqual({ reason: 'Vérification à la suite d’un signalement' });
    // The firm's pro's page reaches the same dossier.
    expect((await open(firmPro.userId, 'Vérification du cabinet assigné au dossier')).statusCode).toBe(200);
  });

  it('lifts a timed suspension when it ends: login works at once, the job then records and emails it', async () => {
    const member = await person(t.app, t.database, 'candidate');
    const until = new Date(clock.now().getTime() + 3600_000).toISOString();
    expect((await act(member.userId, { action: 'suspend', until, reason: 'Pause' })).statusCode).toBe(200);
    expect(await endTimedSuspensions(t.app.deps)).toBe(0);
    expect((await logInAgain(t.app, member)).json().code).toBe('ACCOUNT_SUSPENDED');

    clock.advance(3600_000 + 1000);
    // Before the job runs, the suspension is over already.
    expect((await logInAgain(t.app, member)).statusCode).toBe(200);
    expect(await endTimedSuspensions(t.app.deps)).toBe(1);
    const [row] = await t.database.db.select().from(users).where(eq(users.id, member.userId));
    expect(row).toMatchObject({ status: 'active', suspendedUntil: null, suspensionReason: null });
    const [entry] = await auditOf(member.userId, 'user.suspension_ended');
    expect(entry?.actorId).toBeNull();
    const email = await emailOf(member.email, 'admin.suspension_ended');
    expect(email?.subject).toBe('Votre suspension est terminée');
    expect(email?.text).toContain(`terme${NBSP}:`);
    expect(await endTimedSuspensions(t.app.deps)).toBe(0);
  });
});

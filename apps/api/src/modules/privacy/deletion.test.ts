import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import { emailsTo, enrolTotp, stepUp, totpCode } from '../../../test/auth-helpers';
import { dossierOf, uploadDocument } from '../../../test/dossier-helpers';
import { createPost, type Person, person } from '../../../test/inside-helpers';
import {
  accountDeletions,
  auditLog,
  destructions,
  dossiers,
  passkeys,
  posts,
  sessions,
  totpFactors,
  users,
} from '../../db/schema';
import { ManualClock } from '../../platform/clock';
import { DELETED_MEMBER } from './deletion.service';
import { runRetention } from './retention.service';

const NBSP = '\u00a0';
const DAY = 24 * 60 * 60 * 1000;

describe('account deletion', () => {
  let t: TestApp;
  const clock = new ManualClock('2026-11-25T12:00:00Z');

  beforeAll(async () => {
    t = await createTestApp({ clock });
  });
  afterAll(() => t.close());

  const preview = (who: Person) =>
    t.app.inject({ method: 'GET', url: '/api/me/deletion', headers: who.auth });
  const request = (who: Person, confirmEmail = who.email) =>
    t.app.inject({ method: 'POST', url: '/api/me/deletion', headers: who.auth, payload: { confirmEmail } });
  const cancel = (who: Person) =>
    t.app.inject({ method: 'DELETE', url: '/api/me/deletion', headers: who.auth });
  const token = (who: Person) => who.auth.authorization.slice('Bearer '.length);
  const login = (who: Person) =>
    t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: who.email, password: who.password },
      remoteAddress: who.remoteAddress,
    });
  const waiting = (userId: string) =>
    t.database.db.select().from(accountDeletions).where(eq(accountDeletions.userId, userId));

  it('refuses anonymous callers on every route (401)', async () => {
    for (const method of ['GET', 'POST', 'DELETE'] as const) {
      const response = await t.app.inject({
        method,
        url: '/api/me/deletion',
        ...(method === 'POST' ? { payload: { confirmEmail: 'someone@example.ca' } } : {}),
      });
      expect(response.statusCode).toBe(401);
    }
  });

  it('asks for a step-up first, then the account’s email typed again', async () => {
    const candidate = await person(t.app, t.database, 'candidate');
    const withoutStepUp = await request(candidate);
    expect(withoutStepUp.statusCode).toBe(401);
    expect(withoutStepUp.json().code).toBe('STEP_UP_REQUIRED');

    await stepUp(t.app, token(candidate));
    const wrong = await request(candidate, 'someone.else@example.ca');
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().code).toBe('DELETION_NOT_CONFIRMED');
    expect(await waiting(candidate.userId)).toEqual([]);
  });

  it('refuses the last active admin (409 LAST_ADMIN), not one of two', async () => {
    const admin = await person(t.app, t.database, 'admin');
    expect((await preview(admin)).json().blockedBy).toBe('LAST_ADMIN');
    await stepUp(t.app, token(admin));
    const refused = await request(admin);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe('LAST_ADMIN');

    const second = await person(t.app, t.database, 'admin');
    expect((await preview(admin)).json().blockedBy).toBeNull();
    await stepUp(t.app, token(second));
    expect((await request(second)).statusCode).toBe(202);
  });

  it('refuses a pro who is still the agent of open client files (409, what to do first)', async () => {
    const pro = await person(t.app, t.database, 'pro');
    const candidate = await person(t.app, t.database, 'candidate');
    const file = await dossierOf(t.app, candidate, 'express_entry_fsw', pro);
    expect((await preview(pro)).json().blockedBy).toBe('OPEN_CLIENT_FILES');
    await stepUp(t.app, token(pro));
    const refused = await request(pro);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe('OPEN_CLIENT_FILES');
    expect(refused.json().detail).toMatch(/hand them off|close them/);

    // Closed, the file no longer holds the pro back.
    const closed = await t.app.inject({
      method: 'PATCH',
      url: `/api/dossiers/${file.id}`,
      headers: pro.auth,
      payload: { status: 'closed' },
    });
    expect(closed.statusCode).toBe(200);
    expect((await preview(pro)).json().blockedBy).toBeNull();
  });

  it('shows beforehand the client files a firm keeps, with the firm and until when', async () => {
    const pro = await person(t.app, t.database, 'pro');
    const candidate = await person(t.app, t.database, 'candidate');
    await dossierOf(t.app, candidate, 'visitor_visa');
    const followed = await dossierOf(t.app, candidate, 'express_entry_fsw', pro);
    const shown = await preview(candidate);
    expect(shown.statusCode).toBe(200);
    const body = shown.json();
    expect(body.blockedBy).toBeNull();
    expect(body.pending).toBeNull();
    expect(body.graceDays).toBe(30);
    expect(body.kept).toEqual([
      {
        dossierId: followed.id,
        firmName: 'Cabinet Boréal Immigration',
        programId: 'express_entry_fsw',
        keptUntil: null,
        retentionYears: t.app.deps.config.privacy.clientFileYears,
      },
    ]);
    const erased = Object.fromEntries(
      (body.erased as { kind: string; count: number }[]).map((line) => [line.kind, line.count]),
    );
    expect(erased).toMatchObject({ profile: 1, personal_dossiers: 1, sessions: 1 });

    // Once the firm closes it, the end of its retention is known.
    await t.app.inject({
      method: 'PATCH',
      url: `/api/dossiers/${followed.id}`,
      headers: pro.auth,
      payload: { status: 'closed' },
    });
    const [closed] = await t.database.db.select().from(dossiers).where(eq(dossiers.id, followed.id));
    expect(closed?.closedAt?.toISOString()).toBe(clock.now().toISOString());
    const until = new Date(clock.now());
    until.setUTCFullYear(until.getUTCFullYear() + t.app.deps.config.privacy.clientFileYears);
    expect((await preview(candidate)).json().kept[0].keptUntil).toBe(until.toISOString());
  });

  it('signing in during the grace cancels the deletion, says so, and emails the person', async () => {
    const candidate = await person(t.app, t.database, 'candidate', { locale: 'fr' });
    await stepUp(t.app, token(candidate));
    const asked = await request(candidate);
    expect(asked.statusCode).toBe(202);
    const due = new Date(clock.now().getTime() + 30 * DAY).toISOString();
    expect(asked.json()).toEqual({ requestedAt: clock.now().toISOString(), dueAt: due });

    // Every session ended: the token in hand no longer works.
    // (the notice reaches this instance through the database's NOTIFY, a moment after the commit)
    await vi.waitFor(async () => expect((await preview(candidate)).statusCode).toBe(401));
    const open = await t.database.db
      .select()
      .from(sessions)
      .where(and(eq(sessions.userId, candidate.userId), sql`${sessions.revokedAt} is null`));
    expect(open).toEqual([]);
    const requested = (await emailsTo(t.database, candidate.email)).find(
      (email) => email.template === 'privacy.deletion_requested',
    );
    expect(requested?.text).toContain('Connectez-vous avant cette date');
    expect(requested?.subject).toContain('Suppression de votre compte le');
    expect(requested?.text).toContain(`changé d’avis${NBSP}?`);

    // Asking twice is not possible without a session; a second row cannot exist either.
    clock.advance(3 * DAY);
    const back = await login(candidate);
    expect(back.statusCode).toBe(200);
    expect(back.json().deletionCancelled).toBe(true);
    const [row] = await waiting(candidate.userId);
    expect(row?.cancelledBy).toBe('sign_in');
    expect(row?.completedAt).toBeNull();
    const cancelled = (await emailsTo(t.database, candidate.email)).find(
      (email) => email.template === 'privacy.deletion_cancelled',
    );
    expect(cancelled?.subject).toBe('La suppression de votre compte est annulée');
    const [audit] = await t.database.db
      .select()
      .from(auditLog)
      .where(
        and(eq(auditLog.subjectId, candidate.userId), eq(auditLog.action, 'privacy.deletion_cancelled')),
      );
    expect(audit?.after).toEqual({ by: 'sign_in' });

    // The next sign-in has nothing to cancel.
    const again = await login(candidate);
    expect(again.statusCode).toBe(200);
    expect(again.json().deletionCancelled).toBeUndefined();
  });

  it('signing in with a second factor cancels it too', async () => {
    const candidate = await person(t.app, t.database, 'candidate');
    // The enrolment's step-up (the password) is still fresh for the request.
    const { secret } = await enrolTotp(t.app, token(candidate));
    expect((await request(candidate)).statusCode).toBe(202);
    const first = await login(candidate);
    expect(first.json().status).toBe('second_factor_required');
    // The password alone cancels nothing: the sign-in is not complete.
    expect((await waiting(candidate.userId))[0]?.cancelledAt).toBeNull();
    clock.advance(60_000);
    const completed = await t.app.inject({
      method: 'POST',
      url: '/api/auth/second-factor',
      payload: {
        challengeId: first.json().challengeId,
        method: 'totp',
        code: totpCode(secret, clock.now()),
      },
      remoteAddress: candidate.remoteAddress,
    });
    expect(completed.statusCode).toBe(200);
    expect(completed.json().deletionCancelled).toBe(true);
    expect((await waiting(candidate.userId))[0]?.cancelledBy).toBe('sign_in');
  });

  it('DELETE cancels a waiting deletion; 409 NO_PENDING_DELETION when nothing waits', async () => {
    const candidate = await person(t.app, t.database, 'candidate', { locale: 'en' });
    expect((await cancel(candidate)).json().code).toBe('NO_PENDING_DELETION');
    // A request from another device of the person (this session kept open to cancel it).
    await t.database.db
      .insert(accountDeletions)
      .values({ userId: candidate.userId, dueAt: new Date(clock.now().getTime() + 30 * DAY) });
    expect((await preview(candidate)).json().pending).not.toBeNull();
    await stepUp(t.app, token(candidate));
    const twice = await request(candidate);
    expect(twice.statusCode).toBe(409);
    expect(twice.json().code).toBe('CONFLICT');
    const done = await cancel(candidate);
    expect(done.statusCode).toBe(204);
    const [row] = await waiting(candidate.userId);
    expect(row?.cancelledBy).toBe('request');
    expect((await preview(candidate)).json().pending).toBeNull();
    const email = (await emailsTo(t.database, candidate.email)).find(
      (sent) => sent.template === 'privacy.deletion_cancelled',
    );
    expect(email?.subject).toBe('The deletion of your account is cancelled');
    expect((await cancel(candidate)).statusCode).toBe(409);
  });

  it('after 30 days the run erases the account, destroys its personal dossiers and keeps its client files', async () => {
    const pro = await person(t.app, t.database, 'pro');
    const candidate = await person(t.app, t.database, 'candidate');
    const personal = await dossierOf(t.app, candidate, 'visitor_visa');
    const personalKey = await uploadDocument(t, candidate, personal, 'visitor_visa.passport');
    const followed = await dossierOf(t.app, candidate, 'express_entry_fsw', pro);
    const keptKey = await uploadDocument(t, candidate, followed, 'express_entry_fsw.passport');
    const post = await createPost(t.app, candidate);
    await enrolTotp(t.app, token(candidate));
    expect((await request(candidate)).statusCode).toBe(202);

    // Not yet: the grace runs.
    clock.advance(29 * DAY);
    await runRetention(t.app.deps);
    expect(
      (await t.database.db.select().from(users).where(eq(users.id, candidate.userId)))[0]?.deletedAt,
    ).toBeNull();

    clock.advance(DAY + 60_000);
    const run = await runRetention(t.app.deps);
    expect(run.deletedAccounts).toBeGreaterThanOrEqual(1);
    const [erased] = await t.database.db.select().from(users).where(eq(users.id, candidate.userId));
    expect(erased).toMatchObject({
      email: `deleted+${candidate.userId}@deleted.invalid`,
      firstName: DELETED_MEMBER.firstName,
      lastName: DELETED_MEMBER.lastName,
      phone: null,
      goals: null,
      smsFactorPhone: null,
    });
    expect(erased?.deletedAt?.toISOString()).toBe(clock.now().toISOString());
    expect(erased?.passwordHash).not.toMatch(/^\$argon2/);
    expect(await t.database.db.select().from(sessions).where(eq(sessions.userId, candidate.userId))).toEqual(
      [],
    );
    expect(
      await t.database.db.select().from(totpFactors).where(eq(totpFactors.userId, candidate.userId)),
    ).toEqual([]);
    expect(await t.database.db.select().from(passkeys).where(eq(passkeys.userId, candidate.userId))).toEqual(
      [],
    );

    // The personal dossier is gone with its file; the client file stays, closed, for its firm.
    expect(await t.database.db.select().from(dossiers).where(eq(dossiers.id, personal.id))).toEqual([]);
    expect(await t.storage.exists(personalKey)).toBe(false);
    const [kept] = await t.database.db.select().from(dossiers).where(eq(dossiers.id, followed.id));
    expect(kept?.status).toBe('closed');
    expect(kept?.closedAt?.toISOString()).toBe(clock.now().toISOString());
    expect(await t.storage.exists(keptKey)).toBe(true);
    const firmView = await t.app.inject({
      method: 'GET',
      url: `/api/dossiers/${followed.id}`,
      headers: (await person(t.app, t.database, 'candidate')).auth,
    });
    expect(firmView.statusCode).toBe(404);

    // The post stays, signed by the deleted member.
    const [stored] = await t.database.db.select().from(posts).where(eq(posts.id, post.id));
    expect(stored?.authorId).toBe(candidate.userId);
    const reader = await person(t.app, t.database, 'candidate');
    const shown = await t.app.inject({ method: 'GET', url: `/api/posts/${post.id}`, headers: reader.auth });
    expect(shown.statusCode).toBe(200);
    expect(shown.json().author.displayName).toBe(DELETED_MEMBER.firstName);

    // The register and the audit log name no person.
    const lines = await t.database.db
      .select()
      .from(destructions)
      .where(eq(destructions.recordId, candidate.userId));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ rule: 'deleted_account', recordType: 'user', count: 1 });
    expect(JSON.stringify(lines[0]?.detail)).not.toContain(candidate.email);
    const [dossierLine] = await t.database.db
      .select()
      .from(destructions)
      .where(eq(destructions.recordId, personal.id));
    expect(dossierLine).toMatchObject({ rule: 'personal_dossier', recordType: 'dossier', files: 1 });
    expect(dossierLine?.detail).toEqual({
      programId: 'visitor_visa',
      organisationId: null,
      closedAt: null,
      documents: 1,
    });
    const [audit] = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.subjectId, candidate.userId), eq(auditLog.action, 'privacy.account_deleted')));
    expect(audit?.after).toMatchObject({ personalDossiers: 1, keptClientFiles: 1, kept: [followed.id] });

    // The old address signs nobody in; running again changes nothing.
    expect((await login(candidate)).statusCode).toBe(401);
    expect((await runRetention(t.app.deps)).deletedAccounts).toBe(0);
  });
});

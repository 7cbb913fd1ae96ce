import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import { emailsTo, lastEmailTo, stepUp } from '../../../test/auth-helpers';
import { quickUser } from '../../../test/live-helpers';
import { verifyPro } from '../../../test/pro-helpers';
import {
  type Auth,
  approval,
  completeProfile,
  decide,
  declare,
  queue,
  references,
  signUpPro,
  submittedPro,
  uploadCapture,
  uploadIdentity,
} from '../../../test/verification-helpers';
import { auditLog, dossiers, notifications, outbox, proReferences, users } from '../../db/schema';
import { addDays, platformToday } from '../access';

describe('pro verification: decisions, appeals and the queues', () => {
  let t: TestApp;
  let admin: Auth;
  const today = () => platformToday(new Date());

  beforeAll(async () => {
    t = await createTestApp();
    const clock = t.app.deps.clock;
    const adminUser = await quickUser(t, clock, { role: 'admin', firstName: 'Alice' });
    admin = await adminUser.auth();
  });
  afterAll(() => t.close());

  it('asks for more information: the file is editable again, and submitting again clears the request', async () => {
    const full = await submittedPro(t, { locale: 'en' });
    const asked = await decide(t, admin, full.fileId, {
      decision: 'request_info',
      reason: 'The register shows another first name: send a document with your legal name.',
    });
    expect(asked.statusCode).toBe(200);
    expect(asked.json()).toMatchObject({ status: 'pending', submittedAt: null });
    const email = await lastEmailTo(t.database, full.body.email);
    expect(email).toMatchObject({ locale: 'en', subject: 'Your verification file needs more information' });
    expect(email?.text).toContain('Reason: The register shows another first name');
    const mine = (
      await t.app.inject({ method: 'GET', url: '/api/me/verification', headers: full.auth })
    ).json();
    expect(mine).toMatchObject({
      infoRequest: expect.stringContaining('another first name'),
      canSubmit: true,
    });
    expect((await uploadIdentity(t, full.auth)).statusCode).toBe(200);
    const resubmitted = await t.app.inject({
      method: 'POST',
      url: '/api/me/verification/submit',
      headers: full.auth,
    });
    expect(resubmitted.statusCode).toBe(200);
    expect(resubmitted.json()).toMatchObject({ infoRequest: null });
    // The references asked already are not asked twice.
    expect(await emailsTo(t.database, full.refs[0]?.email ?? '')).toHaveLength(1);
  });

  it('limits reference emails: 5 submissions that ask references a day per pro, 3 asks a day per address', async () => {
    const submit = (auth: Auth) =>
      t.app.inject({ method: 'POST', url: '/api/me/verification/submit', headers: auth });
    const pro = await submittedPro(t);
    const refsNamed = (tag: string) =>
      references.map((reference) => ({
        ...reference,
        email: `${tag}.${pro.userId.slice(0, 8)}.${reference.email}`,
      }));
    const resubmitNaming = async (tag: string) => {
      const asked = await decide(t, admin, pro.fileId, {
        decision: 'request_info',
        reason: 'Autres références.',
      });
      expect(asked.statusCode).toBe(200);
      expect((await declare(t, pro.auth, pro.licence, refsNamed(tag))).statusCode).toBe(200);
      return submit(pro.auth);
    };
    for (const tag of ['b', 'c', 'd', 'e']) expect((await resubmitNaming(tag)).statusCode).toBe(200);
    expect(await emailsTo(t.database, refsNamed('e')[1]?.email ?? '')).toHaveLength(1);
    const overSender = await resubmitNaming('f');
    expect(overSender.statusCode).toBe(429);
    expect(overSender.json().code).toBe('RATE_LIMITED');
    expect(Number(overSender.headers['retry-after'])).toBeGreaterThan(0);
    expect(await emailsTo(t.database, refsNamed('f')[0]?.email ?? '')).toHaveLength(0);
    // Refused as a whole: the file stays editable, not submitted.
    const mine = await t.app.inject({ method: 'GET', url: '/api/me/verification', headers: pro.auth });
    expect(mine.json()).toMatchObject({ submittedAt: null, canSubmit: true });

    // One address named by several pros is asked 3 times a day, whoever names it.
    const shared = 'reference.partagee@example.ca';
    const namingShared = async () => {
      const other = await signUpPro(t);
      const licence = other.body.role === 'pro' ? other.body.licenceNumber : '';
      const refs = references.map((reference, index) => ({
        ...reference,
        email: index === 0 ? shared : `${other.userId.slice(0, 8)}.${reference.email}`,
      }));
      expect((await declare(t, other.auth, licence, refs)).statusCode).toBe(200);
      expect((await uploadIdentity(t, other.auth)).statusCode).toBe(200);
      await completeProfile(t, other.userId);
      return submit(other.auth);
    };
    for (let named = 0; named < 3; named++) expect((await namingShared()).statusCode).toBe(200);
    const overRecipient = await namingShared();
    expect(overRecipient.statusCode).toBe(429);
    expect(Number(overRecipient.headers['retry-after'])).toBeGreaterThan(0);
    expect(await emailsTo(t.database, shared)).toHaveLength(3);
  });

  it('rejects with a reason; the pro appeals once; the appeal comes back to the queue and is dismissed', async () => {
    const pro = await submittedPro(t);
    const rejected = await decide(t, admin, pro.fileId, {
      decision: 'reject',
      reason: 'Aucun membre à ce numéro au registre.',
    });
    expect(rejected.json()).toMatchObject({ status: 'rejected' });
    expect((await lastEmailTo(t.database, pro.body.email))?.subject).toBe(
      'Votre demande de vérification est refusée',
    );
    // Without an appeal, a rejected file cannot be approved.
    await uploadCapture(t, admin, pro.fileId);
    expect((await decide(t, admin, pro.fileId, approval(today()))).statusCode).toBe(409);

    const appeal = await t.app.inject({
      method: 'POST',
      url: '/api/me/verification/appeal',
      headers: pro.auth,
      payload: { text: 'Mon numéro vient d’être inscrit, voyez le registre.' },
    });
    expect(appeal.statusCode).toBe(200);
    expect(appeal.json()).toMatchObject({ canAppeal: false, appeal: { text: expect.any(String) } });
    expect((await queue(t, admin, 'appeals')).items.map((item) => item.id)).toContain(pro.fileId);
    const second = await t.app.inject({
      method: 'POST',
      url: '/api/me/verification/appeal',
      headers: pro.auth,
      payload: { text: 'Encore.' },
    });
    expect(second.statusCode).toBe(409);
    const dismissed = await decide(t, admin, pro.fileId, {
      decision: 'dismiss_appeal',
      reason: 'Le registre ne montre toujours aucun membre à ce numéro.',
    });
    expect(dismissed.statusCode).toBe(200);
    expect(dismissed.json()).toMatchObject({ status: 'rejected', appealed: false });
    expect((await queue(t, admin, 'appeals')).items.map((item) => item.id)).not.toContain(pro.fileId);
    expect(
      (await decide(t, admin, pro.fileId, { decision: 'dismiss_appeal', reason: 'Encore' })).statusCode,
    ).toBe(409);
  });

  it('suspends: every candidate the pro follows is told in their language; appeal, reinstate, then revoke', async () => {
    const pro = await submittedPro(t);
    await uploadCapture(t, admin, pro.fileId);
    await decide(t, admin, pro.fileId, approval(today()));
    const clock = t.app.deps.clock;
    const english = await quickUser(t, clock, { role: 'candidate', locale: 'en', firstName: 'Grace' });
    const french = await quickUser(t, clock, { role: 'candidate', locale: 'fr', firstName: 'Awa' });
    const [{ organisationId } = { organisationId: null }] = await t.database.db
      .select({ organisationId: users.organisationId })
      .from(users)
      .where(eq(users.id, pro.userId));
    for (const owner of [english, french]) {
      await t.database.db.insert(dossiers).values({
        ownerId: owner.userId,
        programId: 'express_entry_fsw',
        status: 'preparing',
        organisationId,
        agentId: pro.userId,
        agentSince: new Date(),
      });
    }
    const suspended = await decide(t, admin, pro.fileId, {
      decision: 'suspend',
      reason: 'Le CICC a suspendu ce permis.',
    });
    expect(suspended.statusCode).toBe(200);
    expect(suspended.json()).toMatchObject({ status: 'suspended', activeClients: 2 });
    const toGrace = await lastEmailTo(t.database, english.email);
    expect(toGrace).toMatchObject({
      locale: 'en',
      template: 'pros.access_ended_suspended',
      subject: 'Your professional can no longer act on your dossier',
    });
    expect(toGrace?.text).toContain('Julien Tremblay can no longer act on your dossier');
    const toAwa = await lastEmailTo(t.database, french.email);
    expect(toAwa).toMatchObject({
      locale: 'fr',
      subject: 'Votre professionnel ne peut plus agir sur votre dossier',
    });
    const told = await t.database.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, french.userId), eq(notifications.type, 'pro_access_ended')));
    expect(told).toHaveLength(1);
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/me/verification', headers: pro.auth })).json(),
    ).toMatchObject({ status: 'suspended', standing: 'not_verified', canAppeal: true });

    await t.app.inject({
      method: 'POST',
      url: '/api/me/verification/appeal',
      headers: pro.auth,
      payload: { text: 'La suspension du CICC est levée depuis hier.' },
    });
    const reinstated = await decide(t, admin, pro.fileId, {
      decision: 'reinstate',
      reason: 'Suspension levée par le CICC.',
    });
    expect(reinstated.json()).toMatchObject({
      status: 'verified',
      appealed: false,
      appeal: { text: expect.any(String) },
    });
    expect((await lastEmailTo(t.database, pro.body.email))?.subject).toBe('Votre vérification est rétablie');

    const revoked = await decide(t, admin, pro.fileId, {
      decision: 'revoke',
      reason: 'Permis révoqué par le CICC.',
    });
    expect(revoked.json()).toMatchObject({ status: 'revoked' });
    expect(
      await t.database.db
        .select()
        .from(notifications)
        .where(and(eq(notifications.userId, french.userId), eq(notifications.type, 'pro_access_ended'))),
    ).toHaveLength(2);
    expect((await decide(t, admin, pro.fileId, { decision: 'reinstate', reason: 'Non.' })).statusCode).toBe(
      409,
    );
    // A revoked file no longer holds its licence: someone else may claim it.
    const other = await signUpPro(t, { licenceNumber: pro.licence });
    expect(other.userId).toBeTruthy();
    const audits = await t.database.db
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(eq(auditLog.subjectId, pro.fileId));
    expect(audits.map((row) => row.action)).toEqual(
      expect.arrayContaining([
        'verification.submitted',
        'verification.approve',
        'verification.suspend',
        'verification.appealed',
        'verification.reinstate',
        'verification.revoke',
      ]),
    );
  });

  it('lists files whose references wait for more than 7 days, and verified files expiring within 30 days', async () => {
    const waiting = await submittedPro(t);
    expect((await queue(t, admin, 'references')).items.map((item) => item.id)).not.toContain(waiting.fileId);
    await t.database.db
      .update(proReferences)
      .set({ sentAt: new Date(Date.now() - 8 * 86_400_000) })
      .where(and(eq(proReferences.verificationId, waiting.fileId), eq(proReferences.position, 2)));
    expect((await queue(t, admin, 'references')).items.map((item) => item.id)).toContain(waiting.fileId);

    const soon = await signUpPro(t);
    const soonId = await verifyPro(t, soon.userId, { renewalDate: addDays(today(), 20) });
    const later = await signUpPro(t);
    const laterId = await verifyPro(t, later.userId);
    const expiring = (await queue(t, admin, 'expiring')).items.map((item) => item.id);
    expect(expiring).toContain(soonId);
    expect(expiring).not.toContain(laterId);
  });

  it('asks the admin to prove it is them before deciding: nothing changes until they do', async () => {
    const pro = await submittedPro(t);
    const unproven = await quickUser(t, t.app.deps.clock, { role: 'admin' });
    const auth = await unproven.auth();
    const payload = { decision: 'request_info', reason: 'Le nom au registre diffère.' };
    const asked = await t.app.inject({
      method: 'POST',
      url: `/api/admin/verifications/${pro.fileId}/decision`,
      headers: auth,
      payload,
    });
    expect(asked.statusCode).toBe(401);
    expect(asked.json()).toMatchObject({ code: 'STEP_UP_REQUIRED', methods: ['password'] });
    const file = await t.app.inject({
      method: 'GET',
      url: `/api/admin/verifications/${pro.fileId}`,
      headers: auth,
    });
    expect(file.json().submittedAt).not.toBeNull();
    await stepUp(t.app, auth.authorization.slice('Bearer '.length));
    const decided = await t.app.inject({
      method: 'POST',
      url: `/api/admin/verifications/${pro.fileId}/decision`,
      headers: auth,
      payload,
    });
    expect(decided.statusCode).toBe(200);
    expect(decided.json()).toMatchObject({ status: 'pending', submittedAt: null });
  });

  it('pages the queues with a cursor and searches them', async () => {
    const submitted = [
      await submittedPro(t, { lastName: 'Pagination' }),
      await submittedPro(t, { lastName: 'Pagination' }),
    ];
    const first = await queue(t, admin, 'all', '&q=pagination&limit=1');
    expect(first.items).toHaveLength(1);
    expect(first.nextCursor).not.toBeNull();
    const second = await queue(t, admin, 'all', `&q=pagination&limit=1&cursor=${first.nextCursor}`);
    expect(second.items).toHaveLength(1);
    expect([first.items[0]?.id, second.items[0]?.id].sort()).toEqual(
      submitted.map((pro) => pro.fileId).sort(),
    );
    expect(second.nextCursor).toBeNull();
    const bad = await t.app.inject({
      method: 'GET',
      url: '/api/admin/verifications?queue=nope',
      headers: admin,
    });
    expect(bad.statusCode).toBe(400);
    expect((await t.database.db.select().from(outbox)).length).toBeGreaterThan(0);
  });
});

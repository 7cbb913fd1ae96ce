import { createHash } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import { lastEmailTo, registration } from '../../../test/auth-helpers';
import { exeBytes, pdfBytes, pngBytes } from '../../../test/dossier-helpers';
import { quickUser } from '../../../test/live-helpers';
import {
  type Auth,
  approval,
  decide,
  declare,
  queue,
  registerEntry,
  signUpPro,
  submittedPro,
  tokenOf,
  uploadCapture,
  uploadIdentity,
} from '../../../test/verification-helpers';
import { auditLog, notifications, pendingUploads, proReferences, proVerifications } from '../../db/schema';
import { hashToken } from '../../lib/tokens';
import { addDays, platformToday } from '../access';

describe('pro verification', () => {
  let t: TestApp;
  let admin: Auth;
  let adminId: string;
  let candidate: Auth;
  const today = () => platformToday(new Date());

  beforeAll(async () => {
    t = await createTestApp();
    const clock = t.app.deps.clock;
    const adminUser = await quickUser(t, clock, { role: 'admin', firstName: 'Alice' });
    admin = await adminUser.auth();
    adminId = adminUser.userId;
    candidate = await (await quickUser(t, clock, { role: 'candidate' })).auth();
  });
  afterAll(() => t.close());

  it('refuses every route to the wrong role: anonymous 401, others 403', async () => {
    const pro = await signUpPro(t);
    const id = '00000000-0000-4000-8000-000000000000';
    const proRoutes = [
      ['GET', '/api/me/verification'],
      ['PUT', '/api/me/verification'],
      ['PUT', '/api/me/verification/identity-document'],
      ['POST', '/api/me/verification/submit'],
      ['POST', '/api/me/verification/appeal'],
    ] as const;
    const adminRoutes = [
      ['GET', '/api/admin/verifications'],
      ['GET', `/api/admin/verifications/${id}`],
      ['PUT', `/api/admin/verifications/${id}/register-capture`],
      ['GET', `/api/admin/verifications/${id}/register-capture`],
      ['GET', `/api/admin/verifications/${id}/identity-document`],
      ['POST', `/api/admin/verifications/${id}/decision`],
      ['POST', `/api/admin/verifications/${id}/conflicts/${id}/resolve`],
    ] as const;
    for (const [method, url] of [...proRoutes, ...adminRoutes]) {
      const response = await t.app.inject({ method, url });
      expect(response.statusCode, `${method} ${url}`).toBe(401);
    }
    for (const [method, url] of proRoutes) {
      for (const auth of [candidate, admin]) {
        const response = await t.app.inject({ method, url, headers: auth });
        expect(response.statusCode, `${method} ${url}`).toBe(403);
      }
    }
    for (const [method, url] of adminRoutes) {
      for (const auth of [candidate, pro.auth]) {
        const response = await t.app.inject({ method, url, headers: auth });
        expect(response.statusCode, `${method} ${url}`).toBe(403);
      }
    }
  });

  it('shows a new pro their pending file and what is missing; an incomplete file cannot be submitted', async () => {
    const pro = await signUpPro(t);
    const file = await t.app.inject({ method: 'GET', url: '/api/me/verification', headers: pro.auth });
    expect(file.statusCode).toBe(200);
    expect(file.json()).toMatchObject({
      status: 'pending',
      standing: 'not_verified',
      regulator: 'cicc',
      submittedAt: null,
      missing: ['identity_document', 'references', 'profile'],
      canSubmit: false,
      canAppeal: false,
    });
    const submit = await t.app.inject({
      method: 'POST',
      url: '/api/me/verification/submit',
      headers: pro.auth,
    });
    expect(submit.statusCode).toBe(400);
    expect(submit.json().code).toBe('VERIFICATION_INCOMPLETE');
    expect(submit.json().errors.map((error: { path: string }) => error.path)).toEqual([
      'identity_document',
      'references',
      'profile',
    ]);
    const appeal = await t.app.inject({
      method: 'POST',
      url: '/api/me/verification/appeal',
      headers: pro.auth,
      payload: { text: 'Je conteste.' },
    });
    expect(appeal.statusCode).toBe(409);
    expect(appeal.json().code).toBe('APPEAL_NOT_ALLOWED');
  });

  it('checks the licence format of each regulator on PUT (400 with a field error)', async () => {
    const pro = await signUpPro(t);
    const cases = [
      [{ regulator: 'cicc', licenceNumber: 'R12' }, 'body.licenceNumber', 'licence_format'],
      [
        { profession: 'notary', regulator: 'cnq', licenceNumber: 'ABC' },
        'body.licenceNumber',
        'licence_format',
      ],
      [
        { profession: 'paralegal', regulator: 'lso', licenceNumber: '12345' },
        'body.licenceNumber',
        'licence_format',
      ],
      [
        { profession: 'lawyer', regulator: 'cicc', licenceNumber: 'R123456' },
        'body.regulator',
        'regulator_mismatch',
      ],
      [
        { regulator: 'barreau_qc', profession: 'lawyer', licenceNumber: '123456', licenceClass: 'L1' },
        'body.licenceClass',
        'licence_class_not_applicable',
      ],
    ] as const;
    for (const [fields, path, code] of cases) {
      const response = await t.app.inject({
        method: 'PUT',
        url: '/api/me/verification',
        headers: pro.auth,
        payload: { profession: 'rcic', references: [], ...fields },
      });
      expect(response.statusCode, JSON.stringify(fields)).toBe(400);
      expect(response.json().errors).toEqual(
        expect.arrayContaining([expect.objectContaining({ path, code })]),
      );
    }
    const paralegal = await t.app.inject({
      method: 'PUT',
      url: '/api/me/verification',
      headers: pro.auth,
      payload: { profession: 'paralegal', regulator: 'lso', licenceNumber: 'p 12345', references: [] },
    });
    expect(paralegal.statusCode).toBe(200);
    expect(paralegal.json()).toMatchObject({
      profession: 'paralegal',
      regulator: 'lso',
      licenceNumber: 'P12345',
    });
  });

  it('refuses on PUT a licence another pro holds, and the admin sees the conflict on the holder’s file', async () => {
    const holder = await signUpPro(t);
    const holderLicence = holder.body.role === 'pro' ? holder.body.licenceNumber : '';
    const claimant = await signUpPro(t, { firstName: 'Ivan', lastName: 'Imposteur' });
    const refused = await declare(t, claimant.auth, holderLicence);
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({
      code: 'LICENCE_ALREADY_CLAIMED',
      errors: [{ path: 'body.licenceNumber', code: 'licence_already_claimed' }],
    });
    expect(refused.body).not.toContain(holder.body.email);
    expect(refused.body).not.toContain('Julien');
    // The claimant's own file is unchanged.
    const mine = await t.app.inject({ method: 'GET', url: '/api/me/verification', headers: claimant.auth });
    expect(mine.json().licenceNumber).not.toBe(holderLicence);

    // And at sign-up, by someone without an account.
    const signUp = await t.app.inject({
      method: 'POST',
      url: '/api/auth/register',
      payload: registration({
        role: 'pro',
        licenceNumber: holderLicence,
        organisationName: 'Cabinet Double',
      }),
    });
    expect(signUp.statusCode).toBe(409);
    expect(signUp.json().code).toBe('LICENCE_ALREADY_CLAIMED');

    const [holderFile] = await t.database.db
      .select()
      .from(proVerifications)
      .where(eq(proVerifications.userId, holder.userId));
    const conflicts = await queue(t, admin, 'conflicts');
    const listed = conflicts.items.find((item) => item.id === holderFile?.id);
    expect(listed?.openConflicts).toBe(2);
    const detail = (
      await t.app.inject({ method: 'GET', url: `/api/admin/verifications/${holderFile?.id}`, headers: admin })
    ).json();
    expect(detail.conflicts).toHaveLength(2);
    expect(detail.conflicts[0]).toMatchObject({
      claimant: { userId: null, organisationName: 'Cabinet Double' },
      licenceNumber: holderLicence,
    });
    expect(detail.conflicts[1]).toMatchObject({
      claimant: { userId: claimant.userId, name: 'Ivan Imposteur', email: claimant.body.email },
      licenceNumber: holderLicence,
      resolvedAt: null,
    });
    const resolved = await t.app.inject({
      method: 'POST',
      url: `/api/admin/verifications/${holderFile?.id}/conflicts/${detail.conflicts[0].id}/resolve`,
      headers: admin,
    });
    expect(resolved.statusCode).toBe(200);
    expect(resolved.json().conflicts[0].resolvedAt).not.toBeNull();
    expect(
      (await queue(t, admin, 'conflicts')).items.find((item) => item.id === holderFile?.id)?.openConflicts,
    ).toBe(1);
    await t.app.inject({
      method: 'POST',
      url: `/api/admin/verifications/${holderFile?.id}/conflicts/${detail.conflicts[1].id}/resolve`,
      headers: admin,
    });
    expect((await queue(t, admin, 'conflicts')).items.map((item) => item.id)).not.toContain(holderFile?.id);
    const again = await t.app.inject({
      method: 'POST',
      url: `/api/admin/verifications/${holderFile?.id}/conflicts/${detail.conflicts[0].id}/resolve`,
      headers: admin,
    });
    expect(again.statusCode).toBe(409);
  });

  it('checks the identity document by its bytes and its size, and keeps nothing of a refused one', async () => {
    const pro = await signUpPro(t);
    const exe = await uploadIdentity(t, pro.auth, { name: 'passeport.pdf', content: exeBytes() });
    expect(exe.statusCode).toBe(415);
    expect(exe.json().code).toBe('FILE_TYPE_NOT_ALLOWED');
    const big = Buffer.concat([pdfBytes(), Buffer.alloc(10 * 1024 * 1024 + 10, 0x20)]);
    const tooLarge = await uploadIdentity(t, pro.auth, { name: 'gros.pdf', content: big });
    expect(tooLarge.statusCode).toBe(413);
    expect(tooLarge.json().code).toBe('PAYLOAD_TOO_LARGE');
    expect(await t.database.db.select().from(pendingUploads)).toHaveLength(0);
    const notMultipart = await t.app.inject({
      method: 'PUT',
      url: '/api/me/verification/identity-document',
      headers: pro.auth,
      payload: { file: 'x' },
    });
    expect(notMultipart.statusCode).toBe(415);

    // A PNG named .pdf is a PNG, and its name says so.
    const png = await uploadIdentity(t, pro.auth, { name: 'piece.pdf', content: pngBytes });
    expect(png.statusCode).toBe(200);
    expect(png.json().identityDocument).toMatchObject({
      contentType: 'image/png',
      originalName: 'piece.png',
    });
    const pdf = await uploadIdentity(t, pro.auth);
    expect(pdf.json().identityDocument).toMatchObject({
      contentType: 'application/pdf',
      sizeBytes: pdfBytes().length,
      sha256: createHash('sha256').update(pdfBytes()).digest('hex'),
    });
    expect(pdf.json().missing).toEqual(['references', 'profile']);
  });

  it('submits a complete file, emails both references a hashed single-use link in their language', async () => {
    const pro = await submittedPro(t);
    const file = (
      await t.app.inject({ method: 'GET', url: '/api/me/verification', headers: pro.auth })
    ).json();
    expect(file).toMatchObject({ status: 'pending', missing: [], canSubmit: false });
    expect(file.submittedAt).not.toBeNull();
    expect(file.references.map((reference: { status: string }) => reference.status)).toEqual([
      'waiting',
      'waiting',
    ]);

    const fr = await lastEmailTo(t.database, pro.refs[0]?.email ?? '');
    const en = await lastEmailTo(t.database, pro.refs[1]?.email ?? '');
    expect(fr).toMatchObject({ locale: 'fr', template: 'pros.reference_request' });
    expect(fr?.subject).toBe('Julien Tremblay vous désigne comme référence professionnelle');
    expect(fr?.text).toContain('Bonjour Marie Gagnon,');
    expect(en?.subject).toBe('Julien Tremblay named you as a professional reference');
    const token = tokenOf(fr?.text ?? '');
    expect(fr?.text).toContain(`http://capitune.test/reference?token=${token}`);
    const rows = await t.database.db
      .select()
      .from(proReferences)
      .where(eq(proReferences.verificationId, pro.fileId));
    expect(rows.map((row) => row.tokenHash)).toContain(hashToken(token));
    expect(JSON.stringify(rows)).not.toContain(token);

    // Submitted: not editable any more, and in the admins' pending queue.
    const edit = await declare(t, pro.auth, pro.licence);
    expect(edit.statusCode).toBe(409);
    expect(edit.json().code).toBe('VERIFICATION_NOT_EDITABLE');
    expect((await uploadIdentity(t, pro.auth)).statusCode).toBe(409);
    const again = await t.app.inject({
      method: 'POST',
      url: '/api/me/verification/submit',
      headers: pro.auth,
    });
    expect(again.statusCode).toBe(409);
    expect((await queue(t, admin, 'pending')).items.map((item) => item.id)).toContain(pro.fileId);

    // The reference answers once, without an account.
    const lookup = await t.app.inject({ method: 'POST', url: '/api/references/lookup', payload: { token } });
    expect(lookup.statusCode).toBe(200);
    expect(lookup.json()).toMatchObject({
      proName: 'Julien Tremblay',
      organisationName: 'Cabinet Boréal',
      regulator: 'cicc',
      licenceNumber: pro.licence,
      referenceName: 'Marie Gagnon',
      status: 'waiting',
    });
    const answer = await t.app.inject({
      method: 'POST',
      url: '/api/references/answer',
      payload: { token, answer: 'confirm', comment: 'Associée de 2015 à 2020.' },
    });
    expect(answer.statusCode).toBe(204);
    const twice = await t.app.inject({
      method: 'POST',
      url: '/api/references/answer',
      payload: { token, answer: 'decline' },
    });
    expect(twice.statusCode).toBe(409);
    const bad = await t.app.inject({
      method: 'POST',
      url: '/api/references/lookup',
      payload: { token: 'x'.repeat(43) },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('INVALID_TOKEN');
    const declineToken = tokenOf((await lastEmailTo(t.database, pro.refs[1]?.email ?? ''))?.text ?? '');
    await t.app.inject({
      method: 'POST',
      url: '/api/references/answer',
      payload: { token: declineToken, answer: 'decline', comment: 'I do not know this person.' },
    });
    const detail = (
      await t.app.inject({ method: 'GET', url: `/api/admin/verifications/${pro.fileId}`, headers: admin })
    ).json();
    expect(detail.references).toMatchObject([
      { status: 'confirmed', comment: 'Associée de 2015 à 2020.' },
      { status: 'declined', comment: 'I do not know this person.' },
    ]);
    expect(detail).toMatchObject({ referencesConfirmed: 1, referencesWaiting: 0 });
  });

  it('approves only with a register capture; dates set, emailed with the reason, audited, notified', async () => {
    const pro = await submittedPro(t);
    const noCapture = await decide(t, admin, pro.fileId, approval(today()));
    expect(noCapture.statusCode).toBe(400);
    expect(noCapture.json().code).toBe('REGISTER_CAPTURE_MISSING');
    const past = await decide(t, admin, pro.fileId, {
      ...approval(today()),
      renewalDate: addDays(today(), -1),
    });
    expect(past.statusCode).toBe(400);
    expect(past.json().errors[0].path).toBe('body.renewalDate');

    const capture = await uploadCapture(t, admin, pro.fileId);
    expect(capture.statusCode).toBe(200);
    expect(capture.json().registerCapture).toMatchObject({ contentType: 'image/png' });
    const approved = await decide(t, admin, pro.fileId, approval(today()));
    expect(approved.statusCode).toBe(200);
    expect(approved.json()).toMatchObject({
      status: 'verified',
      licenceClass: 'L3',
      registerEntry,
      renewalDate: addDays(today(), 200),
      nextCheckDate: addDays(today(), 90),
      checkedBy: { id: adminId, firstName: 'Alice' },
      decisionReason: 'Inscription vérifiée au registre public du CICC',
    });
    expect(approved.json().verifiedSince).not.toBeNull();
    expect(approved.json().history[0]).toMatchObject({
      action: 'verification.approve',
      actor: { id: adminId },
      reason: 'Inscription vérifiée au registre public du CICC',
    });

    const mine = (
      await t.app.inject({ method: 'GET', url: '/api/me/verification', headers: pro.auth })
    ).json();
    expect(mine).toMatchObject({
      status: 'verified',
      standing: 'verified',
      graceEndsOn: addDays(today(), 230),
    });
    const email = await lastEmailTo(t.database, pro.body.email);
    expect(email).toMatchObject({
      template: 'pros.verification_approve',
      subject: 'Votre permis est vérifié',
    });
    expect(email?.text).toContain('Motif\u00a0: Inscription vérifiée au registre public du CICC');
    const [audit] = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.subjectId, pro.fileId), eq(auditLog.action, 'verification.approve')));
    expect(audit).toMatchObject({ actorId: adminId, before: { status: 'pending' } });
    const [notice] = await t.database.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, pro.userId), eq(notifications.type, 'verification_decided')));
    expect(notice?.params).toMatchObject({ decision: 'approve' });

    // Approving twice is not a decision the file allows.
    const twice = await decide(t, admin, pro.fileId, approval(today()));
    expect(twice.statusCode).toBe(409);
    expect(twice.json().code).toBe('VERIFICATION_DECISION_NOT_ALLOWED');

    // The evidence downloads, for admins only, audited.
    const download = await t.app.inject({
      method: 'GET',
      url: `/api/admin/verifications/${pro.fileId}/identity-document`,
      headers: admin,
    });
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-disposition']).toMatch(/^attachment; filename="passeport.pdf"/);
    expect(download.headers['cache-control']).toBe('private, no-store');
    expect(download.rawPayload.equals(pdfBytes())).toBe(true);
    const downloads = await t.database.db
      .select()
      .from(auditLog)
      .where(
        and(
          eq(auditLog.subjectId, pro.fileId),
          eq(auditLog.action, 'verification.identity_document_downloaded'),
        ),
      );
    expect(downloads).toHaveLength(1);
  });
});

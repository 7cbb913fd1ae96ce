import { createHash } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import { emailsTo, lastEmailTo, registration, signUpAndLogIn } from '../../../test/auth-helpers';
import { exeBytes, multipart, pdfBytes, pngBytes } from '../../../test/dossier-helpers';
import { quickUser } from '../../../test/live-helpers';
import { uniqueLicence, verifyPro } from '../../../test/pro-helpers';
import {
  auditLog,
  dossiers,
  notifications,
  outbox,
  pendingUploads,
  proProfiles,
  proReferences,
  proVerifications,
  users,
} from '../../db/schema';
import { hashToken } from '../../lib/tokens';
import { addDays, platformToday } from './standing';

type Auth = { authorization: string };

const registerEntry = {
  nameOnRegister: 'Julien Tremblay',
  statusOnRegister: 'Active',
  licenceClass: 'L3',
  entitledToPractise: true,
  restrictions: null,
};

async function signUpPro(t: TestApp, overrides: Record<string, unknown> = {}) {
  return signUpAndLogIn(t.app, t.database, {
    role: 'pro',
    firstName: 'Julien',
    lastName: 'Tremblay',
    licenceNumber: uniqueLicence(),
    organisationName: 'Cabinet Boréal',
    ...overrides,
  });
}

/** The public profile filled in directly: the profile editor is another module's (and test's) concern. */
async function completeProfile(t: TestApp, userId: string) {
  await t.database.db
    .update(proProfiles)
    .set({ bio: { fr: 'Consultant depuis 2010.', en: '' }, languages: ['fr', 'en'], provinces: ['QC'] })
    .where(eq(proProfiles.userId, userId));
}

const references = [
  { name: 'Marie Gagnon', email: 'marie.gagnon@example.ca', relationship: 'Ancienne associée', locale: 'fr' },
  { name: 'John Smith', email: 'john.smith@example.ca', relationship: 'Former employer', locale: 'en' },
];

async function declare(t: TestApp, auth: Auth, licenceNumber: string, refs = references) {
  return t.app.inject({
    method: 'PUT',
    url: '/api/me/verification',
    headers: auth,
    payload: { profession: 'rcic', regulator: 'cicc', licenceNumber, licenceClass: 'L3', references: refs },
  });
}

async function uploadIdentity(t: TestApp, auth: Auth, file = { name: 'passeport.pdf', content: pdfBytes() }) {
  const body = multipart({}, file);
  return t.app.inject({
    method: 'PUT',
    url: '/api/me/verification/identity-document',
    headers: { ...auth, ...body.headers },
    payload: body.payload,
  });
}

async function uploadCapture(t: TestApp, auth: Auth, id: string) {
  const body = multipart({}, { name: 'registre.png', content: pngBytes });
  return t.app.inject({
    method: 'PUT',
    url: `/api/admin/verifications/${id}/register-capture`,
    headers: { ...auth, ...body.headers },
    payload: body.payload,
  });
}

/** A pro whose file is complete and submitted; references get their emails with unique addresses. */
async function submittedPro(t: TestApp, overrides: Record<string, unknown> = {}) {
  const pro = await signUpPro(t, overrides);
  const licence = pro.body.role === 'pro' ? pro.body.licenceNumber : '';
  const tag = pro.userId.slice(0, 8);
  const refs = references.map((reference) => ({ ...reference, email: `${tag}.${reference.email}` }));
  expect((await declare(t, pro.auth, licence, refs)).statusCode).toBe(200);
  expect((await uploadIdentity(t, pro.auth)).statusCode).toBe(200);
  await completeProfile(t, pro.userId);
  const submitted = await t.app.inject({
    method: 'POST',
    url: '/api/me/verification/submit',
    headers: pro.auth,
  });
  expect(submitted.statusCode).toBe(200);
  return { ...pro, licence, fileId: submitted.json().id as string, refs };
}

function tokenOf(text: string): string {
  const match = /\/reference\?token=([\w-]+)/.exec(text);
  if (!match?.[1]) throw new Error('no reference link in the email');
  return match[1];
}

async function decide(t: TestApp, auth: Auth, id: string, payload: Record<string, unknown>) {
  return t.app.inject({
    method: 'POST',
    url: `/api/admin/verifications/${id}/decision`,
    headers: auth,
    payload,
  });
}

function approval(today: string, decision: 'approve' | 'recheck' = 'approve') {
  return {
    decision,
    reason: 'Inscription vérifiée au registre public du CICC',
    registerEntry,
    renewalDate: addDays(today, 200),
    nextCheckDate: addDays(today, 90),
  };
}

async function queue(t: TestApp, auth: Auth, name: string, extra = '') {
  const response = await t.app.inject({
    method: 'GET',
    url: `/api/admin/verifications?queue=${name}${extra}`,
    headers: auth,
  });
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as { items: { id: string; openConflicts: number }[]; nextCursor: string | null };
}

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

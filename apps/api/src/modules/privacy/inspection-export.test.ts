import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import { STRONG_PASSWORD, signUpAndLogIn } from '../../../test/auth-helpers';
import { assignedDossier, multipart, pdfBytes, pngBytes, signUpPro } from '../../../test/dossier-helpers';
import { unzip } from '../../../test/zip';
import { auditLog, documents, messages } from '../../db/schema';
import type { InspectionIndex } from './inspection-index.pdf';

type Person = { auth: { authorization: string } };

const DAY = 24 * 3600_000;

describe('the inspection export of a client file', () => {
  let t: TestApp;
  let ctx: Awaited<ReturnType<typeof assignedDossier>>;
  const files = {
    passportV1: pdfBytes('passport, first version'),
    passportV2: pdfBytes('passport, second version'),
    ielts: pdfBytes('language test'),
    eca: pngBytes,
  };
  const ids: Record<string, string> = {};
  /** Long ago: outside the range asked in the range test. */
  const longAgo = new Date(Date.now() - 400 * DAY);

  const upload = async (item: string, name: string, content: Buffer) => {
    const body = multipart(
      { itemId: `express_entry_fsw.${item}`, memberId: ctx.principalId },
      { name, content },
    );
    const response = await t.app.inject({
      method: 'POST',
      url: `/api/dossiers/${ctx.dossierId}/documents`,
      headers: { ...ctx.candidate.auth, ...body.headers },
      payload: body.payload,
    });
    expect(response.statusCode, response.body).toBe(201);
    return response.json().id as string;
  };
  const review = async (id: string, payload: object) => {
    const response = await t.app.inject({
      method: 'POST',
      url: `/api/documents/${id}/review`,
      headers: ctx.pro.auth,
      payload,
    });
    expect(response.statusCode, response.body).toBe(200);
  };
  const post = async (person: Person, body: string, documentIds: string[] = []) => {
    const response = await t.app.inject({
      method: 'POST',
      url: `/api/dossiers/${ctx.dossierId}/messages`,
      headers: person.auth,
      payload: { clientId: randomUUID(), body, documentIds },
    });
    expect(response.statusCode, response.body).toBe(201);
    return response.json().id as string;
  };
  const exportFile = (person?: Person, payload: object = {}, dossierId = ctx.dossierId) =>
    t.app.inject({
      method: 'POST',
      url: `/api/dossiers/${dossierId}/inspection-export`,
      headers: person?.auth ?? {},
      payload,
    });
  const stepUp = async (person: Person) => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/auth/step-up',
      headers: person.auth,
      payload: { method: 'password', password: STRONG_PASSWORD },
    });
    expect(response.statusCode).toBe(200);
  };
  const indexOf = (entries: Map<string, Buffer>) =>
    JSON.parse(entries.get('index.json')?.toString('utf8') ?? 'null') as InspectionIndex;
  const jsonEntry = (entries: Map<string, Buffer>, name: string) =>
    JSON.parse(entries.get(name)?.toString('utf8') ?? 'null');

  beforeAll(async () => {
    t = await createTestApp();
    ctx = await assignedDossier(t);
    ids.passportV1 = await upload('passport', 'passport.pdf', files.passportV1);
    await review(ids.passportV1, { decision: 'reject', reason: 'Page des données illisible' });
    ids.passportV2 = await upload('passport', 'passport.pdf', files.passportV2);
    await review(ids.passportV2, { decision: 'approve' });
    ids.ielts = await upload('language_test', 'ielts.pdf', files.ielts);
    ids.eca = await upload('educational_credential_assessment', 'ede.png', files.eca);
    ids.withdrawn = await upload('police_certificate', 'police.pdf', pdfBytes('withdrawn'));
    const withdrawn = await t.app.inject({
      method: 'POST',
      url: `/api/documents/${ids.withdrawn}/withdraw`,
      headers: ctx.candidate.auth,
    });
    expect(withdrawn.statusCode, withdrawn.body).toBe(200);
    ids.oldMessage = await post(ctx.candidate, 'Bonjour, voici mon passeport.', [ids.passportV1]);
    ids.message = await post(ctx.pro, '=Merci Amina, la deuxième version est approuvée.');
    const milestone = await t.app.inject({
      method: 'POST',
      url: `/api/dossiers/${ctx.dossierId}/milestones`,
      headers: ctx.pro.auth,
      payload: { kind: 'biometrics_done', date: new Date().toISOString().slice(0, 10), done: true },
    });
    expect(milestone.statusCode, milestone.body).toBe(201);
    const oldMilestone = await t.app.inject({
      method: 'POST',
      url: `/api/dossiers/${ctx.dossierId}/milestones`,
      headers: ctx.pro.auth,
      payload: { kind: 'profile_submitted', date: longAgo.toISOString().slice(0, 10), done: true },
    });
    expect(oldMilestone.statusCode, oldMilestone.body).toBe(201);
    // The first passport, its rejection and the first message happened long ago.
    await t.database.db
      .update(documents)
      .set({ createdAt: longAgo, reviewedAt: longAgo })
      .where(eq(documents.id, ids.passportV1));
    await t.database.db.update(messages).set({ createdAt: longAgo }).where(eq(messages.id, ids.oldMessage));
  });
  afterAll(() => t.close());

  it('refuses the anonymous (401), candidates and other firms’ pros (403), and a session without step-up (401)', async () => {
    expect((await exportFile()).statusCode).toBe(401);
    await stepUp(ctx.candidate);
    expect((await exportFile(ctx.candidate)).json()).toMatchObject({ status: 403, code: 'FORBIDDEN' });
    const otherPro = await signUpPro(t.app, t.database, 'Cabinet Laurentides');
    await stepUp(otherPro);
    expect((await exportFile(otherPro)).json()).toMatchObject({ status: 403, code: 'FORBIDDEN' });
    // A file that does not exist is refused the same way: the answer says nothing of other firms.
    expect((await exportFile(otherPro, {}, randomUUID())).json()).toMatchObject({ code: 'FORBIDDEN' });
    const withoutStepUp = await exportFile(ctx.pro);
    expect(withoutStepUp.statusCode).toBe(401);
    expect(withoutStepUp.json()).toMatchObject({ code: 'STEP_UP_REQUIRED' });
    const stranger = await signUpAndLogIn(t.app, t.database);
    await stepUp(stranger);
    expect((await exportFile(stranger)).statusCode).toBe(403);
    await stepUp(ctx.pro);
    expect(
      (await exportFile(ctx.pro, { from: '2026-02-01T00:00:00.000Z', to: '2026-01-01T00:00:00.000Z' }))
        .statusCode,
    ).toBe(400);
    expect((await exportFile(ctx.pro, { locale: 'de' })).statusCode).toBe(400);
  });

  it('gives the firm’s pro the whole file: index, every version with its decision, messages, audit trail, milestones', async () => {
    await stepUp(ctx.pro);
    const response = await exportFile(ctx.pro, { locale: 'fr' });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-type']).toBe('application/zip');
    expect(response.headers['content-disposition']).toMatch(/^attachment; filename="inspection-.+\.zip"/);
    expect(response.headers['cache-control']).toBe('private, no-store');
    const entries = await unzip(response.rawPayload);

    const pdf = entries.get('index.pdf') as Buffer;
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    // The names are drawn with the embedded font, not a standard one limited to Latin-1.
    expect(pdf.toString('latin1')).toMatch(/\/BaseFont \/[A-Z]{6}\+DejaVuSans/);
    expect(pdf.toString('latin1')).not.toContain('Helvetica');

    const index = indexOf(entries);
    expect(index).toMatchObject({
      locale: 'fr',
      range: { from: null, to: null },
      generatedBy: { id: ctx.pro.userId },
      dossier: {
        id: ctx.dossierId,
        program: { id: 'express_entry_fsw' },
        owner: { id: ctx.candidate.userId, name: 'Amina Diallo' },
        firm: { name: 'Cabinet Boréal' },
        agent: { id: ctx.pro.userId },
        legalHold: null,
        closedAt: null,
      },
      serviceAgreement: { onFile: false },
      counts: { documentVersions: 5, files: 4, messages: 2, milestones: 2 },
    });
    const byId = new Map(index.documents.map((document) => [document.id, document]));
    expect(byId.get(ids.passportV1 as string)).toMatchObject({
      item: { label: 'Passeport' },
      version: 1,
      status: 'rejected',
      decision: 'rejected',
      rejectionReason: 'Page des données illisible',
      reviewer: { id: ctx.pro.userId },
      path: 'documents/Passeport/v1 - passport.pdf',
    });
    expect(byId.get(ids.passportV2 as string)).toMatchObject({
      version: 2,
      decision: 'approved',
      path: 'documents/Passeport/v2 - passport.pdf',
    });
    expect(byId.get(ids.ielts as string)).toMatchObject({ decision: null, status: 'pending' });
    expect(byId.get(ids.withdrawn as string)).toMatchObject({ status: 'withdrawn', path: null });
    for (const document of index.documents) {
      expect(document.sha256).toMatch(/^[0-9a-f]{64}$/);
      if (document.path) expect(entries.has(document.path)).toBe(true);
    }
    // The files themselves, decrypted, and no file for the withdrawn version.
    expect(entries.get('documents/Passeport/v1 - passport.pdf')?.equals(files.passportV1)).toBe(true);
    expect(entries.get('documents/Passeport/v2 - passport.pdf')?.equals(files.passportV2)).toBe(true);
    expect(
      entries.get(byId.get(ids.eca as string)?.path as string)?.equals(files.eca),
      'the assessment’s file',
    ).toBe(true);
    expect([...entries.keys()].filter((name) => name.startsWith('documents/'))).toHaveLength(4);

    expect(entries.get('service-agreement/README.txt')?.toString('utf8')).toMatch(/Aucune convention/);

    const conversation = jsonEntry(entries, 'messages.json');
    expect(conversation).toMatchObject([
      {
        id: ids.oldMessage,
        seq: 1,
        author: { id: ctx.candidate.userId, name: 'Amina Diallo', role: 'candidate' },
        body: 'Bonjour, voici mon passeport.',
        documentIds: [ids.passportV1],
      },
      { id: ids.message, seq: 2, author: { role: 'pro' } },
    ]);
    const csv = entries.get('messages.csv')?.toString('utf8') ?? '';
    expect(
      csv.startsWith('\uFEFFseq,id,created_at,author_id,author_name,author_role,body,document_ids\r\n'),
    ).toBe(true);
    expect(csv).toContain(`,Amina Diallo,candidate,"Bonjour, voici mon passeport.",${ids.passportV1}\r\n`);
    // A formula is neutralised for spreadsheets.
    expect(csv).toContain(`,pro,"'=Merci Amina`);

    const audit = jsonEntry(entries, 'audit.json') as { action: string; subjectId: string }[];
    expect(audit).toHaveLength(index.counts.auditEntries);
    const actions = audit.map((entry) => entry.action);
    expect(actions).toContain('document.rejected');
    expect(actions).toContain('document.approved');
    expect(actions).not.toContain('dossier.inspection_exported');

    const steps = jsonEntry(entries, 'milestones.json');
    expect(steps).toHaveLength(2);
    expect(steps[0]).toMatchObject({ kind: 'profile_submitted', kindLabel: 'Profil Entrée express soumis' });

    const audited = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'dossier.inspection_exported'), eq(auditLog.dossierId, ctx.dossierId)));
    expect(audited).toHaveLength(1);
    expect(audited[0]).toMatchObject({
      actorId: ctx.pro.userId,
      subjectType: 'dossier',
      subjectId: ctx.dossierId,
      after: {
        range: { from: null, to: null },
        locale: 'fr',
        counts: { documentVersions: 5, files: 4, messages: 2, milestones: 2 },
      },
    });
  });

  it('keeps to the range asked: what was uploaded, decided, said or recorded in it', async () => {
    await stepUp(ctx.pro);
    const from = new Date(Date.now() - 200 * DAY).toISOString();
    const response = await exportFile(ctx.pro, { from, locale: 'en' });
    expect(response.statusCode, response.body).toBe(200);
    const entries = await unzip(response.rawPayload);
    const index = indexOf(entries);
    expect(index.range).toEqual({ from, to: null });
    expect(index.documents.map((document) => document.id)).not.toContain(ids.passportV1);
    expect(index.documents.map((document) => document.id)).toContain(ids.passportV2);
    expect(index.documents.find((document) => document.id === ids.passportV2)).toMatchObject({
      item: { label: 'Passport' },
      path: 'documents/Passport/v2 - passport.pdf',
    });
    expect(entries.has('documents/Passport/v1 - passport.pdf')).toBe(false);
    expect(jsonEntry(entries, 'messages.json').map((message: { id: string }) => message.id)).toEqual([
      ids.message,
    ]);
    expect(jsonEntry(entries, 'milestones.json')).toMatchObject([{ kind: 'biometrics_done' }]);
    expect(index.counts).toMatchObject({ messages: 1, milestones: 1, documentVersions: 4 });
    const audit = jsonEntry(entries, 'audit.json') as { createdAt: string; action: string }[];
    expect(audit.every((entry) => entry.createdAt >= from)).toBe(true);
    // The first export is in range now, and the export just made is not in its own trail.
    expect(audit.map((entry) => entry.action)).toContain('dossier.inspection_exported');
    expect(entries.get('service-agreement/README.txt')?.toString('utf8')).toMatch(/No service agreement/);

    // A range that ends before anything happened holds none of it.
    const early = await exportFile(ctx.pro, { to: new Date(Date.now() - 500 * DAY).toISOString() });
    const empty = indexOf(await unzip(early.rawPayload));
    expect(empty.counts).toMatchObject({ documentVersions: 0, messages: 0, milestones: 0, auditEntries: 0 });
  });

  it('reads a long conversation a page at a time, every message once and in order', async () => {
    // 1,200 more messages: the conversation spans several pages of the export's reads.
    await t.database.pool.query(
      `insert into messages (dossier_id, seq, author_id, client_id, body)
       select $1, 2 + n, $2, gen_random_uuid(), 'Message ' || n from generate_series(1, 1200) n`,
      [ctx.dossierId, ctx.candidate.userId],
    );
    await stepUp(ctx.pro);
    const response = await exportFile(ctx.pro);
    expect(response.statusCode, response.body).toBe(200);
    const entries = await unzip(response.rawPayload);
    expect(indexOf(entries).counts.messages).toBe(1202);
    const conversation = jsonEntry(entries, 'messages.json') as { seq: number }[];
    expect(conversation.map((message) => message.seq)).toEqual(
      Array.from({ length: 1202 }, (_, at) => at + 1),
    );
    const csv = entries.get('messages.csv')?.toString('utf8') ?? '';
    expect(csv.split('\r\n').filter(Boolean)).toHaveLength(1203);
    expect(csv).toContain(',Message 1200,\r\n');
  });
});

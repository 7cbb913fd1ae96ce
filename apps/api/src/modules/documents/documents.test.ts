// Over 500 lines: the documents journey (upload, versions, review, download, expiry watch) shares one upload helper and one set of accounts.
import { readdir } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import { lastEmailTo, signUpAndLogIn } from '../../../test/auth-helpers';
import {
  assignedDossier,
  exeBytes,
  multipart,
  pdfBytes,
  pngBytes,
  signUpPro,
} from '../../../test/dossier-helpers';
import { documents, pendingUploads } from '../../db/schema';
import { ManualClock } from '../../platform/clock';
import { runExpiryWatch, sweepAbandonedUploads } from './expiry-watch.service';

type Person = Awaited<ReturnType<typeof signUpAndLogIn>>;

function upload(
  t: TestApp,
  person: Person,
  dossierId: string,
  fields: Record<string, string>,
  file?: { name: string; content: Buffer; contentType?: string },
) {
  const body = multipart(fields, file);
  return t.app.inject({
    method: 'POST',
    url: `/api/dossiers/${dossierId}/documents`,
    headers: { ...person.auth, ...body.headers },
    payload: body.payload,
  });
}

/** Every file in the test app's store, partial ones included. */
async function storedFiles(t: TestApp): Promise<string[]> {
  const entries = await readdir(t.filesDir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((entry) => entry.isFile()).map((entry) => entry.name);
}

async function nothingLeft(t: TestApp, dossierId: string) {
  const rows = await t.database.db.select().from(documents).where(sql`${documents.dossierId} = ${dossierId}`);
  const pending = await t.database.db.select().from(pendingUploads);
  return { rows: rows.length, pending: pending.length };
}

describe('documents: upload, versions, review, download, withdraw', () => {
  let t: TestApp;
  let ctx: Awaited<ReturnType<typeof assignedDossier>>;
  beforeAll(async () => {
    t = await createTestApp();
    ctx = await assignedDossier(t);
  });
  afterAll(() => t.close());

  const dossierOf = async (person: Person) =>
    (
      await t.app.inject({ method: 'GET', url: `/api/dossiers/${ctx.dossierId}`, headers: person.auth })
    ).json();

  it('stores a PDF checked from its bytes, with its SHA-256 and size', async () => {
    const content = pdfBytes('passport v1');
    const response = await upload(
      t,
      ctx.candidate,
      ctx.dossierId,
      { itemId: 'express_entry_fsw.passport', memberId: ctx.principalId, expiryDate: '2031-05-01' },
      { name: 'passeport Amina é.pdf', content, contentType: 'application/pdf' },
    );
    expect(response.statusCode).toBe(201);
    const document = response.json();
    expect(document).toMatchObject({
      version: 1,
      status: 'pending',
      contentType: 'application/pdf',
      sizeBytes: content.length,
      originalName: 'passeport Amina é.pdf',
      expiryDate: '2031-05-01',
    });
    const { createHash } = await import('node:crypto');
    expect(document.sha256).toBe(createHash('sha256').update(content).digest('hex'));
    expect(await nothingLeft(t, ctx.dossierId)).toEqual({ rows: 1, pending: 0 });
  });

  it('refuses a wrong type, a renamed executable, an empty file and a missing file, leaving nothing', async () => {
    const cases = [
      {
        file: { name: 'notes.pdf', content: Buffer.from('just some text, not a PDF at all '.repeat(10)) },
        code: 'FILE_TYPE_NOT_ALLOWED',
        status: 415,
      },
      {
        file: { name: 'passport.pdf', content: exeBytes(), contentType: 'application/pdf' },
        code: 'FILE_TYPE_NOT_ALLOWED',
        status: 415,
      },
      { file: { name: 'empty.pdf', content: Buffer.alloc(0) }, code: 'FILE_TYPE_NOT_ALLOWED', status: 415 },
    ];
    for (const { file, code, status } of cases) {
      const response = await upload(
        t,
        ctx.candidate,
        ctx.dossierId,
        { itemId: 'express_entry_fsw.photo', memberId: ctx.principalId },
        file,
      );
      expect(response.statusCode, file.name).toBe(status);
      expect(response.json().code).toBe(code);
    }
    const noFile = await upload(t, ctx.candidate, ctx.dossierId, {
      itemId: 'express_entry_fsw.photo',
      memberId: ctx.principalId,
    });
    expect(noFile.statusCode).toBe(400);
    const badMember = await upload(
      t,
      ctx.candidate,
      ctx.dossierId,
      { itemId: 'express_entry_fsw.photo', memberId: '00000000-0000-4000-8000-000000000000' },
      { name: 'p.png', content: pngBytes },
    );
    expect(badMember.json().errors[0].path).toBe('body.memberId');
    const otherProgramItem = await upload(
      t,
      ctx.candidate,
      ctx.dossierId,
      { itemId: 'study_permit.letter_of_acceptance', memberId: ctx.principalId },
      { name: 'p.png', content: pngBytes },
    );
    expect(otherProgramItem.json().errors[0].path).toBe('body.itemId');
    const notMultipart = await t.app.inject({
      method: 'POST',
      url: `/api/dossiers/${ctx.dossierId}/documents`,
      headers: ctx.candidate.auth,
      payload: { file: 'x' },
    });
    expect(notMultipart.statusCode).toBe(415);
    expect(await nothingLeft(t, ctx.dossierId)).toEqual({ rows: 1, pending: 0 });
    expect(await storedFiles(t)).toHaveLength(1);
  });

  it('refuses a file over 20 MB with 413 and keeps no part of it', async () => {
    const big = Buffer.concat([pdfBytes(), Buffer.alloc(20 * 1024 * 1024 + 10, 0x20)]);
    const response = await upload(
      t,
      ctx.candidate,
      ctx.dossierId,
      { itemId: 'express_entry_fsw.proof_of_funds', memberId: ctx.principalId },
      { name: 'big.pdf', content: big },
    );
    expect(response.statusCode).toBe(413);
    expect(response.json().code).toBe('PAYLOAD_TOO_LARGE');
    expect(await nothingLeft(t, ctx.dossierId)).toEqual({ rows: 1, pending: 0 });
    expect(await storedFiles(t)).toHaveLength(1);
  });

  it('a new upload for the same line is a new version; the pro rejects, the candidate replaces, the pro approves', async () => {
    const before = await dossierOf(ctx.candidate);
    const rejectedFirst = await upload(
      t,
      ctx.candidate,
      ctx.dossierId,
      { itemId: 'express_entry_fsw.language_test', memberId: ctx.principalId, issueDate: '2025-03-10' },
      { name: 'ielts.png', content: pngBytes },
    );
    expect(rejectedFirst.json()).toMatchObject({
      version: 1,
      contentType: 'image/png',
      expiryDate: '2027-03-10',
    }); // 2 years from the test date

    const byCandidate = await t.app.inject({
      method: 'POST',
      url: `/api/documents/${rejectedFirst.json().id}/review`,
      headers: ctx.candidate.auth,
      payload: { decision: 'approve' },
    });
    expect(byCandidate.statusCode).toBe(403);
    const noReason = await t.app.inject({
      method: 'POST',
      url: `/api/documents/${rejectedFirst.json().id}/review`,
      headers: ctx.pro.auth,
      payload: { decision: 'reject' },
    });
    expect(noReason.statusCode).toBe(400);
    const rejected = await t.app.inject({
      method: 'POST',
      url: `/api/documents/${rejectedFirst.json().id}/review`,
      headers: ctx.pro.auth,
      payload: { decision: 'reject', reason: 'Le relevé est illisible, envoyez le PDF officiel.' },
    });
    expect(rejected.json()).toMatchObject({
      status: 'rejected',
      rejectionReason: 'Le relevé est illisible, envoyez le PDF officiel.',
    });
    const twice = await t.app.inject({
      method: 'POST',
      url: `/api/documents/${rejectedFirst.json().id}/review`,
      headers: ctx.pro.auth,
      payload: { decision: 'approve' },
    });
    expect(twice.json().code).toBe('DOCUMENT_ALREADY_REVIEWED');

    const seen = await dossierOf(ctx.candidate);
    const line = seen.checklist.find(
      (entry: { itemId: string }) => entry.itemId === 'express_entry_fsw.language_test',
    );
    expect(line).toMatchObject({
      state: 'rejected',
      current: { rejectionReason: 'Le relevé est illisible, envoyez le PDF officiel.' },
    });
    expect(seen.nextAction).toMatchObject({
      kind: 'replace_rejected',
      itemId: 'express_entry_fsw.language_test',
    });
    expect((await lastEmailTo(t.database, ctx.candidate.body.email))?.template).toBe('documents.rejected');

    const second = await upload(
      t,
      ctx.candidate,
      ctx.dossierId,
      { itemId: 'express_entry_fsw.language_test', memberId: ctx.principalId, issueDate: '2025-03-10' },
      { name: 'ielts-officiel.pdf', content: pdfBytes('ielts') },
    );
    expect(second.json().version).toBe(2);
    const approved = await t.app.inject({
      method: 'POST',
      url: `/api/documents/${second.json().id}/review`,
      headers: ctx.pro.auth,
      payload: { decision: 'approve' },
    });
    expect(approved.json().status).toBe('approved');

    const after = await dossierOf(ctx.candidate);
    const replaced = after.checklist.find(
      (entry: { itemId: string }) => entry.itemId === 'express_entry_fsw.language_test',
    );
    expect(replaced.state).toBe('approved');
    expect(replaced.current.version).toBe(2);
    expect(replaced.previousVersions.map((document: { version: number }) => document.version)).toEqual([1]);
    expect(after.progress.approved).toBe(before.progress.approved + 1);
    const audit = await t.database.db.execute(
      sql`select action from audit_log where action like 'document.%' order by id`,
    );
    expect(audit.rows.map((row) => row.action)).toEqual(['document.rejected', 'document.approved']);
  });

  it('downloads the exact bytes for the participants only; a pro’s download is audited', async () => {
    const content = pdfBytes('police certificate');
    const uploaded = (
      await upload(
        t,
        ctx.candidate,
        ctx.dossierId,
        { itemId: 'express_entry_fsw.police_certificate', memberId: ctx.principalId },
        { name: 'Casier judiciaire – Sénégal.pdf', content },
      )
    ).json();
    const own = await t.app.inject({
      method: 'GET',
      url: `/api/documents/${uploaded.id}/download`,
      headers: ctx.candidate.auth,
    });
    expect(own.statusCode).toBe(200);
    expect(own.rawPayload.equals(content)).toBe(true);
    expect(own.headers['content-type']).toBe('application/pdf');
    expect(own.headers['content-disposition']).toBe(
      `attachment; filename="Casier judiciaire  Senegal.pdf"; filename*=UTF-8''${encodeURIComponent('Casier judiciaire – Sénégal.pdf')}`,
    );
    expect(own.headers['cache-control']).toBe('private, no-store');

    const byPro = await t.app.inject({
      method: 'GET',
      url: `/api/documents/${uploaded.id}/download`,
      headers: ctx.pro.auth,
    });
    expect(byPro.statusCode).toBe(200);
    const audited = await t.database.db.execute(
      sql`select actor_id from audit_log where action = 'document.downloaded' and subject_id = ${uploaded.id}`,
    );
    expect(audited.rows).toEqual([{ actor_id: ctx.pro.userId }]);

    // Strangers, other pros and anonymous callers cannot read it, even knowing the id.
    const stranger = await signUpAndLogIn(t.app, t.database);
    const otherPro = await signUpPro(t.app, t.database, 'Autre cabinet');
    for (const person of [stranger, otherPro]) {
      const response = await t.app.inject({
        method: 'GET',
        url: `/api/documents/${uploaded.id}/download`,
        headers: person.auth,
      });
      expect(response.statusCode).toBe(404);
      const review = await t.app.inject({
        method: 'POST',
        url: `/api/documents/${uploaded.id}/review`,
        headers: person.auth,
        payload: { decision: 'approve' },
      });
      expect(review.statusCode).toBe(404);
      const upload404 = await upload(
        t,
        person,
        ctx.dossierId,
        { memberId: ctx.principalId },
        { name: 'x.png', content: pngBytes },
      );
      expect(upload404.statusCode).toBe(404);
    }
    expect(
      (await t.app.inject({ method: 'GET', url: `/api/documents/${uploaded.id}/download` })).statusCode,
    ).toBe(401);
  });

  it('the candidate withdraws a document not approved yet; its file is erased', async () => {
    const uploaded = (
      await upload(
        t,
        ctx.candidate,
        ctx.dossierId,
        { itemId: 'express_entry_fsw.employment_reference_letters', memberId: ctx.principalId },
        { name: 'lettre.pdf', content: pdfBytes() },
      )
    ).json();
    const byPro = await t.app.inject({
      method: 'POST',
      url: `/api/documents/${uploaded.id}/withdraw`,
      headers: ctx.pro.auth,
    });
    expect(byPro.statusCode).toBe(403);
    const withdrawn = await t.app.inject({
      method: 'POST',
      url: `/api/documents/${uploaded.id}/withdraw`,
      headers: ctx.candidate.auth,
    });
    expect(withdrawn.json().status).toBe('withdrawn');
    const [row] = await t.database.db.select().from(documents).where(sql`${documents.id} = ${uploaded.id}`);
    expect(row?.blobKey).toBeNull();
    const download = await t.app.inject({
      method: 'GET',
      url: `/api/documents/${uploaded.id}/download`,
      headers: ctx.candidate.auth,
    });
    expect(download.statusCode).toBe(404);

    const approvedId = (await dossierOf(ctx.candidate)).checklist.find(
      (entry: { state: string }) => entry.state === 'approved',
    ).current.id;
    const approvedWithdraw = await t.app.inject({
      method: 'POST',
      url: `/api/documents/${approvedId}/withdraw`,
      headers: ctx.candidate.auth,
    });
    expect(approvedWithdraw.statusCode).toBe(409);
  });

  it('dates: the rule gives the expiry from the issue date; a typed date wins until cleared', async () => {
    const uploaded = (
      await upload(
        t,
        ctx.candidate,
        ctx.dossierId,
        { itemId: 'express_entry_fsw.medical_exam', memberId: ctx.principalId, issueDate: '2026-01-15' },
        { name: 'medical.pdf', content: pdfBytes() },
      )
    ).json();
    expect(uploaded.expiryDate).toBe('2027-01-15');
    const manual = await t.app.inject({
      method: 'PATCH',
      url: `/api/documents/${uploaded.id}`,
      headers: ctx.pro.auth,
      payload: { expiryDate: '2026-12-31' },
    });
    expect(manual.json().expiryDate).toBe('2026-12-31');
    const newIssue = await t.app.inject({
      method: 'PATCH',
      url: `/api/documents/${uploaded.id}`,
      headers: ctx.candidate.auth,
      payload: { issueDate: '2026-02-01' },
    });
    expect(newIssue.json()).toMatchObject({ issueDate: '2026-02-01', expiryDate: '2026-12-31' });
    const cleared = await t.app.inject({
      method: 'PATCH',
      url: `/api/documents/${uploaded.id}`,
      headers: ctx.candidate.auth,
      payload: { expiryDate: null },
    });
    expect(cleared.json().expiryDate).toBe('2027-02-01');
    const bad = await t.app.inject({
      method: 'PATCH',
      url: `/api/documents/${uploaded.id}`,
      headers: ctx.candidate.auth,
      payload: { issueDate: '2026-02-30' },
    });
    expect(bad.statusCode).toBe(400);
  });

  it('the pro dashboard lists documents to review, oldest first; the candidate’s shows the next action', async () => {
    const pro = (await t.app.inject({ method: 'GET', url: '/api/dashboard', headers: ctx.pro.auth })).json();
    expect(pro.role).toBe('pro');
    const reviews = pro.nextActions.filter((action: { kind: string }) => action.kind === 'review_document');
    expect(reviews.length).toBeGreaterThan(0);
    const dates = reviews.map((action: { date: string }) => action.date);
    expect([...dates].sort()).toEqual(dates);
    expect(pro.dossiers.map((dossier: { id: string }) => dossier.id)).toContain(ctx.dossierId);
    const candidate = (
      await t.app.inject({ method: 'GET', url: '/api/dashboard', headers: ctx.candidate.auth })
    ).json();
    expect(candidate.nextActions[0]).toMatchObject({ dossierId: ctx.dossierId, kind: 'upload_missing' });
    expect(candidate.dossiers[0].progress.approved).toBeGreaterThan(0);
  });
});

describe('cut-off uploads', () => {
  it('an upload cut off midway leaves no row and no file', async () => {
    const t = await createTestApp();
    try {
      const ctx = await assignedDossier(t);
      await t.app.listen({ port: 0, host: '127.0.0.1' });
      const { port } = t.app.server.address() as AddressInfo;
      const body = multipart(
        { itemId: 'express_entry_fsw.passport', memberId: ctx.principalId },
        { name: 'big.pdf', content: Buffer.concat([pdfBytes(), Buffer.alloc(2 * 1024 * 1024, 0x20)]) },
      );
      await new Promise<void>((resolve) => {
        const request = httpRequest({
          host: '127.0.0.1',
          port,
          method: 'POST',
          path: `/api/dossiers/${ctx.dossierId}/documents`,
          headers: { ...ctx.candidate.auth, ...body.headers, 'content-length': String(body.payload.length) },
        });
        request.on('error', () => resolve());
        request.on('response', () => resolve());
        // Send half of the body, then drop the connection.
        request.write(body.payload.subarray(0, body.payload.length / 2), () =>
          setTimeout(() => request.destroy(), 200),
        );
      });
      // Let the server notice and clean up.
      for (let i = 0; i < 50; i++) {
        const pending = await t.database.db.select().from(pendingUploads);
        if (pending.length === 0) break;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(await nothingLeft(t, ctx.dossierId)).toEqual({ rows: 0, pending: 0 });
      expect(await storedFiles(t)).toEqual([]);
    } finally {
      await t.close();
    }
  });

  it('the hourly sweep deletes files of uploads that never finished', async () => {
    const clock = new ManualClock();
    const t = await createTestApp({ clock });
    try {
      const { Readable } = await import('node:stream');
      await t.storage.put('dossiers/x/abandoned', Readable.from([pdfBytes()]), 'application/pdf');
      await t.database.db
        .insert(pendingUploads)
        .values({ blobKey: 'dossiers/x/abandoned', createdAt: clock.now() });
      expect(await sweepAbandonedUploads(t.app.deps)).toBe(0); // too recent: may still be uploading
      clock.advance(61 * 60_000);
      expect(await sweepAbandonedUploads(t.app.deps)).toBe(1);
      expect(await t.storage.exists('dossiers/x/abandoned')).toBe(false);
      expect(await t.database.db.select().from(pendingUploads)).toEqual([]);
    } finally {
      await t.close();
    }
  });
});

/** A fresh access token for a person, after the clock moved. */
async function signUpAndLogInAgain(t: TestApp, person: Person): Promise<Person> {
  const login = await t.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { email: person.body.email, password: person.body.password },
  });
  return { ...person, auth: { authorization: `Bearer ${login.json().accessToken}` } };
}

describe('expiry watcher', () => {
  it('warns the candidate and the pro at 30 and at 7 days, once each', async () => {
    const clock = new ManualClock('2026-11-25T12:00:00Z');
    const t = await createTestApp({ clock });
    try {
      const ctx = await assignedDossier(t);
      const uploaded = (
        await upload(
          t,
          ctx.candidate,
          ctx.dossierId,
          { itemId: 'express_entry_fsw.passport', memberId: ctx.principalId, expiryDate: '2027-01-10' },
          { name: 'p.pdf', content: pdfBytes() },
        )
      ).json();
      expect(await runExpiryWatch(t.app.deps)).toBe(0); // 46 days ahead

      clock.set('2026-12-12T12:00:00Z'); // 29 days ahead
      expect(await runExpiryWatch(t.app.deps)).toBe(1);
      expect(await runExpiryWatch(t.app.deps)).toBe(0);
      // Read from the table: a month later, the access tokens of the test have expired.
      const types = async (person: Person) =>
        (
          await t.database.db.execute<{ params: Record<string, unknown> }>(
            sql`select params from notifications where user_id = ${person.userId} and type = 'document_expiring' order by created_at`,
          )
        ).rows;
      expect(await types(ctx.candidate)).toHaveLength(1);
      expect(await types(ctx.pro)).toHaveLength(1);
      expect((await types(ctx.candidate))[0]?.params).toMatchObject({
        expiryDate: '2027-01-10',
        days: 29,
        documentFr: 'Passeport',
      });
      expect((await lastEmailTo(t.database, ctx.candidate.body.email))?.template).toBe('documents.expiring');

      clock.set('2027-01-04T12:00:00Z'); // 6 days ahead
      expect(await runExpiryWatch(t.app.deps)).toBe(1);
      expect(await runExpiryWatch(t.app.deps)).toBe(0);
      expect(await types(ctx.candidate)).toHaveLength(2);

      // A replaced document: the new version is the one watched.
      clock.set('2027-01-05T12:00:00Z');
      const renewed = await signUpAndLogInAgain(t, ctx.candidate);
      await upload(
        t,
        renewed,
        ctx.dossierId,
        { itemId: 'express_entry_fsw.passport', memberId: ctx.principalId, expiryDate: '2036-01-01' },
        { name: 'new.pdf', content: pdfBytes() },
      );
      expect(await runExpiryWatch(t.app.deps)).toBe(0);
      expect(uploaded.id).toBeDefined();
    } finally {
      await t.close();
    }
  });
});

import { randomBytes } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { get as httpGet } from 'node:http';
import path from 'node:path';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import { STRONG_PASSWORD, signUpAndLogIn } from '../../../test/auth-helpers';
import { assignedDossier, multipart, pdfBytes, pngBytes } from '../../../test/dossier-helpers';
import { unzip } from '../../../test/zip';
import { auditLog, documents } from '../../db/schema';
import { HEADER_BYTES, SEGMENT_BYTES } from '../../platform/crypto/file-encryption';

type Person = { auth: { authorization: string } };

describe('the whole dossier as one ZIP', () => {
  let t: TestApp;
  let ctx: Awaited<ReturnType<typeof assignedDossier>>;
  let origin: string;
  const files = {
    passportV2: pdfBytes('passport, second version'),
    eca: pngBytes,
    photo: pdfBytes(randomBytes(150_000).toString('base64')),
  };
  let photoKey: string;

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
    expect(response.statusCode).toBe(201);
    return response.json().id as string;
  };
  const review = (id: string, payload: object) =>
    t.app.inject({ method: 'POST', url: `/api/documents/${id}/review`, headers: ctx.pro.auth, payload });
  const archive = (person?: Person, query = '') =>
    t.app.inject({
      method: 'GET',
      url: `/api/dossiers/${ctx.dossierId}/archive${query}`,
      headers: person?.auth ?? {},
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

  beforeAll(async () => {
    t = await createTestApp();
    ctx = await assignedDossier(t);
    origin = await t.app.listen({ host: '127.0.0.1', port: 0 });
    await upload('passport', 'passport.pdf', pdfBytes('passport, first version'));
    await upload('passport', 'passport.pdf', files.passportV2);
    await review(await upload('language_test', 'ielts.pdf', pdfBytes('language test')), {
      decision: 'reject',
      reason: 'Illisible',
    });
    await review(await upload('educational_credential_assessment', 'ede.png', files.eca), {
      decision: 'approve',
    });
    const photoId = await upload('photo', 'photo.pdf', files.photo);
    const withdrawn = await upload('police_certificate', 'police.pdf', pdfBytes('withdrawn'));
    await t.app.inject({
      method: 'POST',
      url: `/api/documents/${withdrawn}/withdraw`,
      headers: ctx.candidate.auth,
    });
    const [photo] = await t.database.db.select().from(documents).where(eq(documents.id, photoId));
    photoKey = photo?.blobKey as string;
  });
  afterAll(() => t.close());

  it('refuses the anonymous (401), strangers (404), and a session without a fresh step-up (401)', async () => {
    expect((await archive()).statusCode).toBe(401);
    const stranger = await signUpAndLogIn(t.app, t.database);
    await stepUp(stranger);
    expect((await archive(stranger)).json()).toMatchObject({ status: 404, code: 'NOT_FOUND' });
    const withoutStepUp = await archive(ctx.candidate);
    expect(withoutStepUp.statusCode).toBe(401);
    expect(withoutStepUp.json()).toMatchObject({ code: 'STEP_UP_REQUIRED', methods: ['password'] });
    expect((await archive(ctx.pro)).json()).toMatchObject({ code: 'STEP_UP_REQUIRED' });
  });

  it('gives the owner the current version of each pending or approved document, decrypted, and audits it', async () => {
    await stepUp(ctx.candidate);
    const response = await archive(ctx.candidate);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/zip');
    expect(response.headers['content-disposition']).toMatch(/^attachment; filename="dossier-.+\.zip"/);
    expect(response.headers['cache-control']).toBe('private, no-store');
    expect(Number(response.headers['content-length'])).toBe(response.rawPayload.length);
    const entries = await unzip(response.rawPayload);
    expect([...entries.keys()].sort()).toEqual(
      [
        'Amina Diallo/Passeport - passport.pdf',
        'Amina Diallo/Évaluation des diplômes d’études (EDE) - ede.png',
        'Amina Diallo/Photo numérique - photo.pdf',
      ].sort(),
    );
    expect(entries.get('Amina Diallo/Passeport - passport.pdf')?.equals(files.passportV2)).toBe(true);
    expect(
      entries.get('Amina Diallo/Évaluation des diplômes d’études (EDE) - ede.png')?.equals(files.eca),
    ).toBe(true);
    expect(entries.get('Amina Diallo/Photo numérique - photo.pdf')?.equals(files.photo)).toBe(true);

    const audited = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'dossier.archive_downloaded'), eq(auditLog.dossierId, ctx.dossierId)));
    expect(audited).toHaveLength(1);
    expect(audited[0]).toMatchObject({
      actorId: ctx.candidate.userId,
      subjectType: 'dossier',
      subjectId: ctx.dossierId,
      after: { documents: 3 },
    });
  });

  it('names the entries in the language asked, and gives the firm’s pro the same files', async () => {
    await stepUp(ctx.pro);
    const response = await archive(ctx.pro, '?locale=en');
    expect(response.statusCode).toBe(200);
    const entries = await unzip(response.rawPayload);
    expect([...entries.keys()]).toContain('Amina Diallo/Passport - passport.pdf');
    expect(entries.get('Amina Diallo/Passport - passport.pdf')?.equals(files.passportV2)).toBe(true);
    const audited = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'dossier.archive_downloaded'), eq(auditLog.actorId, ctx.pro.userId)));
    expect(audited).toHaveLength(1);
    expect((await archive(ctx.pro, '?locale=de')).statusCode).toBe(400);
  });

  it('is cut, not completed, when a file in it does not decrypt', async () => {
    await stepUp(ctx.candidate);
    const file = path.join(t.filesDir, photoKey);
    const sealed = await readFile(file);
    const changed = Buffer.from(sealed);
    const at = HEADER_BYTES + SEGMENT_BYTES + 16 + 3; // in the photo's second segment
    changed.writeUInt8(changed.readUInt8(at) ^ 1, at);
    await writeFile(file, changed);
    try {
      const received = await new Promise<{ complete: boolean; body: Buffer }>((resolve) => {
        httpGet(
          `${origin}/api/dossiers/${ctx.dossierId}/archive`,
          { headers: ctx.candidate.auth },
          (response) => {
            const chunks: Buffer[] = [];
            response.on('data', (chunk: Buffer) => chunks.push(chunk));
            const done = () => resolve({ complete: response.complete, body: Buffer.concat(chunks) });
            response.once('end', done);
            response.once('error', done);
            response.once('aborted', done);
          },
        );
      });
      expect(received.complete).toBe(false);
      await expect(unzip(received.body)).rejects.toThrow();
    } finally {
      await writeFile(file, sealed);
    }
  });
});

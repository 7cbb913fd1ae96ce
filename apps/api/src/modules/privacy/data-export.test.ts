import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { TDataExport } from '@capitune/contracts';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import { emailsTo, signUpAndLogIn, stepUp } from '../../../test/auth-helpers';
import { assignedDossier, multipart, pdfBytes } from '../../../test/dossier-helpers';
import { unzip } from '../../../test/zip';
import { auditLog, blobKeys, dataExports } from '../../db/schema';
import { ManualClock } from '../../platform/clock';
import { buildDataExport, EXPORT_BUILD_QUEUE, exportBlobKey, runExportBuild } from './data-export.job';
import { exportLinkSignature } from './data-export.service';

type Person = { accessToken: string; auth: { authorization: string }; userId: string };

const DAY_MS = 24 * 60 * 60 * 1000;

describe('the personal data export', () => {
  let t: TestApp;
  const clock = new ManualClock(new Date());
  let ctx: Awaited<ReturnType<typeof assignedDossier>>;
  let candidate: Person;
  const passport = pdfBytes('passport of the candidate');

  const request = (who?: Person) =>
    t.app.inject({ method: 'POST', url: '/api/me/data-export', headers: who?.auth ?? {} });
  const show = (id: string, who?: Person) =>
    t.app.inject({ method: 'GET', url: `/api/me/data-export/${id}`, headers: who?.auth ?? {} });
  const list = (who?: Person) =>
    t.app.inject({ method: 'GET', url: '/api/me/data-exports', headers: who?.auth ?? {} });
  /** The signed link as the API gives it, sent without any session. */
  const download = (url: string) =>
    t.app.inject({ method: 'GET', url: url.replace(t.app.deps.config.publicUrl, '') });
  const jobsOf = async (exportId: string) => {
    const { rows } = await t.database.pool.query<{ data: { exportId: string } }>(
      `select data from pgboss.job where name = $1 and data->>'exportId' = $2`,
      [EXPORT_BUILD_QUEUE, exportId],
    );
    return rows.map((row) => row.data);
  };
  const audited = (action: string, subjectId: string) =>
    t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, action), eq(auditLog.subjectId, subjectId)));

  beforeAll(async () => {
    t = await createTestApp({ clock });
    ctx = await assignedDossier(t);
    candidate = ctx.candidate;
    const body = multipart(
      { itemId: 'express_entry_fsw.passport', memberId: ctx.principalId },
      { name: 'passeport.pdf', content: passport },
    );
    const uploaded = await t.app.inject({
      method: 'POST',
      url: `/api/dossiers/${ctx.dossierId}/documents`,
      headers: { ...candidate.auth, ...body.headers },
      payload: body.payload,
    });
    expect(uploaded.statusCode, uploaded.body).toBe(201);
    for (const [who, text] of [
      [ctx.pro, 'Bonjour, il manque votre passeport.'],
      [candidate, 'Voilà, je viens de le déposer.'],
    ] as const) {
      const posted = await t.app.inject({
        method: 'POST',
        url: `/api/dossiers/${ctx.dossierId}/messages`,
        headers: who.auth,
        payload: { clientId: randomUUID(), body: text },
      });
      expect(posted.statusCode, posted.body).toBe(201);
    }
  });
  afterAll(() => t.close());

  it('refuses the anonymous (401) and a session without a fresh step-up (401 STEP_UP_REQUIRED)', async () => {
    expect((await request()).json()).toMatchObject({ status: 401, code: 'UNAUTHENTICATED' });
    expect((await list()).statusCode).toBe(401);
    expect((await show(randomUUID())).statusCode).toBe(401);
    const refused = await request(candidate);
    expect(refused.statusCode).toBe(401);
    expect(refused.json()).toMatchObject({ code: 'STEP_UP_REQUIRED', methods: ['password'] });
    expect(await t.database.db.select().from(dataExports)).toHaveLength(0);
  });

  let exportId: string;
  let ready: TDataExport;

  it('queues the export with its job after a step-up, audited; one at a time', async () => {
    await stepUp(t.app, candidate.accessToken);
    const response = await request(candidate);
    expect(response.statusCode, response.body).toBe(202);
    const queued = response.json() as TDataExport;
    expect(queued).toMatchObject({ status: 'queued', readyAt: null, downloadUrl: null, sizeBytes: null });
    exportId = queued.id;
    expect(await jobsOf(exportId)).toEqual([{ exportId }]);
    const [entry] = await audited('privacy.export_requested', exportId);
    expect(entry).toMatchObject({ actorId: candidate.userId, subjectType: 'data_export' });

    const again = await request(candidate);
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'EXPORT_IN_PROGRESS' });
    // Still refused while it is being built.
    await t.database.db.update(dataExports).set({ status: 'building' }).where(eq(dataExports.id, exportId));
    expect((await request(candidate)).json()).toMatchObject({ code: 'EXPORT_IN_PROGRESS' });
  });

  it('shows an export to its owner only (another person’s id is a 404)', async () => {
    expect((await show(exportId, candidate)).json()).toMatchObject({ id: exportId, status: 'building' });
    const stranger = await signUpAndLogIn(t.app, t.database);
    expect((await show(exportId, stranger)).json()).toMatchObject({ status: 404, code: 'NOT_FOUND' });
    expect((await show(exportId, ctx.pro)).statusCode).toBe(404);
    expect((await list(stranger)).json()).toEqual({ items: [] });
  });

  it('builds the ZIP, encrypted at rest, and emails a link to the privacy page', async () => {
    await runExportBuild(t.app.deps, { data: { exportId }, retryCount: 0 });
    const response = await show(exportId, candidate);
    ready = response.json() as TDataExport;
    expect(ready.status).toBe('ready');
    expect(ready.sizeBytes).toBeGreaterThan(passport.length);
    expect(new Date(ready.expiresAt as string).getTime() - new Date(ready.readyAt as string).getTime()).toBe(
      7 * DAY_MS,
    );
    expect(ready.downloadUrl).toMatch(
      new RegExp(
        `^http://capitune\\.test/api/data-exports/${exportId}/download\\?expires=\\d+&signature=[\\w-]+$`,
      ),
    );
    expect((await list(candidate)).json().items).toEqual([ready]);

    const key = exportBlobKey(candidate.userId, exportId);
    const onDisk = await readFile(path.join(t.filesDir, key));
    expect(onDisk.subarray(0, 2).toString()).not.toBe('PK');
    expect(await t.database.db.select().from(blobKeys).where(eq(blobKeys.blobKey, key))).toHaveLength(1);

    // The manual clock stands still: the emails are found by their template.
    const email = (await emailsTo(t.database, ctx.candidate.body.email)).find(
      (sent) => sent.template === 'privacy.export_ready',
    );
    expect(email?.subject).toBe('Vos données sont prêtes à télécharger');
    expect(email?.text).toContain('http://capitune.test/profile/privacy');
    expect(email?.text).not.toContain('/api/data-exports/');
    expect(email?.text).toContain('\u00a0:');

    // A duplicate job finds it done and leaves it as it is.
    await buildDataExport(t.app.deps, exportId);
    expect((await show(exportId, candidate)).json()).toEqual(ready);
  });

  it('downloads through the signed link without a session, audited in the owner’s name', async () => {
    const response = await download(ready.downloadUrl as string);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-type']).toBe('application/zip');
    expect(response.headers['content-disposition']).toMatch(/^attachment; filename="capitune-data-.+\.zip"/);
    expect(Number(response.headers['content-length'])).toBe(response.rawPayload.length);
    expect(response.rawPayload.length).toBe(ready.sizeBytes);
    const entries = await unzip(response.rawPayload);
    expect(entries.get('README.txt')?.toString()).toContain('Export de vos données personnelles');
    expect(entries.get('README.txt')?.toString()).toContain('Export of your personal data');
    const profile = JSON.parse(entries.get('profile.json')?.toString() ?? 'null');
    expect(profile).toMatchObject({ id: candidate.userId, first_name: 'Amina', last_name: 'Diallo' });
    expect(profile).not.toHaveProperty('password_hash');
    // The whole conversation of the dossier: the pro's message too.
    const messages = JSON.parse(entries.get('data/messages.json')?.toString() ?? '[]');
    expect(
      messages.map((m: { body: string; author_id_is_you: boolean }) => [m.body, m.author_id_is_you]),
    ).toEqual([
      ['Bonjour, il manque votre passeport.', false],
      ['Voilà, je viens de le déposer.', true],
    ]);
    expect(entries.get('data/messages.csv')?.toString()).toMatch(
      /^\uFEFFid,dossier_id,seq,author_id_is_you,body,document_ids,created_at\r\n/,
    );
    const file = [...entries.keys()].find((name) => name.startsWith('files/documents/'));
    expect(file).toMatch(/-passeport\.pdf$/);
    expect(entries.get(file as string)?.equals(passport)).toBe(true);

    const [entry] = await audited('privacy.export_downloaded', exportId);
    expect(entry).toMatchObject({ actorId: candidate.userId, subjectType: 'data_export' });
    const [row] = await t.database.db.select().from(dataExports).where(eq(dataExports.id, exportId));
    expect(row?.downloadCount).toBe(1);
    expect(row?.downloadedAt).not.toBeNull();
  });

  it('refuses a tampered link (403) and a link to an export not ready (409)', async () => {
    const url = new URL(ready.downloadUrl as string);
    const signature = url.searchParams.get('signature') as string;
    const forged = `${signature.slice(0, -2)}${signature.endsWith('AA') ? 'BB' : 'AA'}`;
    url.searchParams.set('signature', forged);
    expect((await download(url.toString())).json()).toMatchObject({ status: 403, code: 'FORBIDDEN' });
    url.searchParams.set('signature', signature);
    url.searchParams.set('expires', String(Number(url.searchParams.get('expires')) + 3600));
    expect((await download(url.toString())).json()).toMatchObject({ status: 403, code: 'FORBIDDEN' });

    await stepUp(t.app, candidate.accessToken);
    const second = (await request(candidate)).json() as TDataExport;
    const expires = Math.floor(clock.now().getTime() / 1000) + 3600;
    const link = `/api/data-exports/${second.id}/download?expires=${expires}&signature=${exportLinkSignature(t.app.deps, second.id, expires)}`;
    expect((await download(link)).json()).toMatchObject({ status: 409, code: 'EXPORT_NOT_READY' });
  });

  it('marks the export failed when its last try fails, and lets the person ask again', async () => {
    const [row] = await t.database.db
      .select()
      .from(dataExports)
      .where(and(eq(dataExports.userId, candidate.userId), eq(dataExports.status, 'queued')));
    const failing = {
      ...t.app.deps,
      storage: { ...t.app.deps.storage, put: () => Promise.reject(new Error('store down')) },
    };
    const id = row?.id as string;
    await expect(runExportBuild(failing, { data: { exportId: id }, retryCount: 0 })).rejects.toThrow(
      'store down',
    );
    expect((await show(id, candidate)).json()).toMatchObject({ status: 'building' });
    await expect(runExportBuild(failing, { data: { exportId: id }, retryCount: 3 })).rejects.toThrow(
      'store down',
    );
    expect((await show(id, candidate)).json()).toMatchObject({ status: 'failed', downloadUrl: null });
    await stepUp(t.app, candidate.accessToken);
    expect((await request(candidate)).statusCode).toBe(202);
  });

  it('answers 410 EXPORT_EXPIRED once the 7 days are over', async () => {
    clock.advance(8 * DAY_MS);
    expect((await download(ready.downloadUrl as string)).json()).toMatchObject({
      status: 410,
      code: 'EXPORT_EXPIRED',
    });
    // The access token of the session has expired with the days: signing in again.
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: ctx.candidate.body.email, password: ctx.candidate.body.password },
    });
    const again = { ...candidate, auth: { authorization: `Bearer ${login.json().accessToken}` } };
    expect((await show(exportId, again)).json()).toMatchObject({ status: 'expired', downloadUrl: null });
    // A fresh link to a file the retention job removed is expired too.
    await t.storage.delete(exportBlobKey(candidate.userId, exportId));
    await t.database.db
      .update(dataExports)
      .set({ expiresAt: new Date(clock.now().getTime() + DAY_MS) })
      .where(eq(dataExports.id, exportId));
    const expires = Math.floor(clock.now().getTime() / 1000) + 3600;
    const link = `/api/data-exports/${exportId}/download?expires=${expires}&signature=${exportLinkSignature(t.app.deps, exportId, expires)}`;
    expect((await download(link)).json()).toMatchObject({ status: 410, code: 'EXPORT_EXPIRED' });
  });
});

import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import { emailsTo } from '../../../test/auth-helpers';
import { assignedDossier, multipart, pdfBytes, signUpPro } from '../../../test/dossier-helpers';
import { users } from '../../db/schema';
import { ManualClock } from '../../platform/clock';

type Person = { userId: string; auth: Record<string, string>; body: { email: string } };

const NBSP = '\u00a0';
const ITEM = 'express_entry_fsw.passport';

describe('a pro asks for one checklist line; milestones; deep links', () => {
  let t: TestApp;
  let ctx: Awaited<ReturnType<typeof assignedDossier>>;
  const clock = new ManualClock('2026-12-01T15:00:00Z');

  beforeAll(async () => {
    t = await createTestApp({ clock });
    ctx = await assignedDossier(t);
  });
  afterAll(() => t.close());

  const ask = (person: Person | null, dossierId: string, itemId: string, payload?: Record<string, unknown>) =>
    t.app.inject({
      method: 'POST',
      url: `/api/dossiers/${dossierId}/checklist/${itemId}/request`,
      ...(person ? { headers: person.auth } : {}),
      ...(payload === undefined ? {} : { payload }),
    });
  const notificationsOf = async (person: Person) =>
    (await t.app.inject({ method: 'GET', url: '/api/notifications', headers: person.auth })).json().items as {
      type: string;
      link: string;
      params: Record<string, unknown>;
    }[];

  it('refuses anonymous (401), the candidate (403), another firm’s pro (404), an unknown or foreign line (404), a long note (400)', async () => {
    expect((await ask(null, ctx.dossierId, ITEM)).statusCode).toBe(401);
    const own = await ask(ctx.candidate, ctx.dossierId, ITEM);
    expect(own.statusCode).toBe(403);
    expect(own.json().code).toBe('FORBIDDEN');
    const stranger = await signUpPro(t.app, t.database, 'Cabinet Ailleurs');
    expect((await ask(stranger, ctx.dossierId, ITEM)).statusCode).toBe(404);
    const unknown = await ask(ctx.pro, ctx.dossierId, 'express_entry_fsw.unicorn');
    expect(unknown.statusCode).toBe(404);
    // A line of another program's checklist.
    expect((await ask(ctx.pro, ctx.dossierId, 'express_entry_cec.passport')).statusCode).toBe(404);
    expect((await ask(ctx.pro, ctx.dossierId, ITEM, { note: 'x'.repeat(501) })).statusCode).toBe(400);
    expect((await ask(ctx.pro, ctx.dossierId, ITEM, { other: 1 })).statusCode).toBe(400);
    expect(await notificationsOf(ctx.candidate)).not.toContainEqual(
      expect.objectContaining({ type: 'document_requested' }),
    );
  });

  it('notifies the owner with a link to that line, and emails them in French; once an hour per line (429)', async () => {
    const asked = await ask(ctx.pro, ctx.dossierId, ITEM, {
      note: 'La page avec la photo, s’il vous plaît.',
    });
    expect(asked.statusCode).toBe(200);
    expect(asked.json()).toEqual({ itemId: ITEM, requestedAt: clock.now().toISOString() });

    const [notice] = (await notificationsOf(ctx.candidate)).filter(
      (item) => item.type === 'document_requested',
    );
    expect(notice?.link).toBe(`/dossiers/${ctx.dossierId}?item=${ITEM}#checklist`);
    expect(notice?.params).toMatchObject({
      documentFr: 'Passeport',
      documentEn: 'Passport',
      itemId: ITEM,
      dossierId: ctx.dossierId,
      note: 'La page avec la photo, s’il vous plaît.',
    });
    expect(String(notice?.params.pro)).toMatch(/\S+ \S+/);

    const email = (await emailsTo(t.database, ctx.candidate.body.email)).find(
      (row) => row.template === 'dossiers.document_requested',
    );
    expect(email?.subject).toBe(`${notice?.params.pro} vous demande${NBSP}: Passeport`);
    expect(email?.text).toContain('« Passeport »'.replaceAll(' ', NBSP));
    expect(email?.text).toContain('La page avec la photo');
    expect(email?.text).toContain(`http://capitune.test/dossiers/${ctx.dossierId}?item=${ITEM}#checklist`);
    expect(email?.html).toContain('Ajouter le document');

    // Within the hour, by anyone of the firm: 429 with Retry-After; another line is fine.
    const again = await ask(ctx.pro, ctx.dossierId, ITEM);
    expect(again.statusCode).toBe(429);
    expect(again.json().code).toBe('RATE_LIMITED');
    expect(Number(again.headers['retry-after'])).toBeGreaterThan(0);
    expect((await ask(ctx.pro, ctx.dossierId, 'express_entry_fsw.language_test')).statusCode).toBe(200);
    // An hour later (the window ended: the access tokens would have expired with a moved clock).
    await t.database.db.execute(
      sql`update rate_limits set reset_at = ${new Date(clock.now().getTime() - 1000)} where key like 'document-request:%'`,
    );
    expect((await ask(ctx.pro, ctx.dossierId, ITEM)).statusCode).toBe(200);
  });

  it('an English-speaking candidate gets the English email; without a note, no message line', async () => {
    const other = await assignedDossier(t);
    await t.database.db.update(users).set({ locale: 'en' }).where(eq(users.id, other.candidate.userId));
    expect((await ask(other.pro, other.dossierId, ITEM, {})).statusCode).toBe(200);
    const email = (await emailsTo(t.database, other.candidate.body.email)).find(
      (row) => row.template === 'dossiers.document_requested',
    );
    expect(email?.locale).toBe('en');
    expect(email?.subject).toMatch(/ asks you for: Passport$/);
    expect(email?.text).toContain('asks you to add “Passport” to your dossier.');
    expect(email?.text).not.toContain('Their message');
    expect(email?.text).toContain('Add the document');
  });

  it('milestones: the firm adding one or marking it done tells the owner, with a link to it; the owner’s own do not', async () => {
    const before = (await notificationsOf(ctx.candidate)).filter((item) => item.type === 'milestone_updated');
    expect(before).toHaveLength(0);
    // The candidate's own milestone: no notification to themself.
    const mine = await t.app.inject({
      method: 'POST',
      url: `/api/dossiers/${ctx.dossierId}/milestones`,
      headers: ctx.candidate.auth,
      payload: { kind: 'profile_submitted', done: true },
    });
    expect(mine.statusCode).toBe(201);
    const added = await t.app.inject({
      method: 'POST',
      url: `/api/dossiers/${ctx.dossierId}/milestones`,
      headers: ctx.pro.auth,
      payload: { kind: 'biometrics_requested', date: '2026-12-20' },
    });
    expect(added.statusCode).toBe(201);
    const milestoneId = added.json().id as string;
    let notices = (await notificationsOf(ctx.candidate)).filter((item) => item.type === 'milestone_updated');
    expect(notices).toHaveLength(1);
    expect(notices[0]?.link).toBe(`/dossiers/${ctx.dossierId}?milestone=${milestoneId}#timeline`);
    expect(notices[0]?.params).toMatchObject({
      milestoneFr: 'Biométrie demandée',
      milestoneEn: 'Biometrics requested',
      status: 'added',
      milestoneId,
    });

    const patch = (payload: Record<string, unknown>) =>
      t.app.inject({
        method: 'PATCH',
        url: `/api/dossiers/${ctx.dossierId}/milestones/${milestoneId}`,
        headers: ctx.pro.auth,
        payload,
      });
    clock.advance(1000);
    expect((await patch({ note: 'Rendez-vous pris' })).statusCode).toBe(200);
    expect((await patch({ done: true })).statusCode).toBe(200);
    expect((await patch({ done: true })).statusCode).toBe(200);
    notices = (await notificationsOf(ctx.candidate)).filter((item) => item.type === 'milestone_updated');
    expect(notices.map((item) => item.params.status)).toEqual(['done', 'added']);

    const emails = (await emailsTo(t.database, ctx.candidate.body.email)).filter(
      (row) => row.template === 'dossiers.milestone_updated',
    );
    expect(emails.map((row) => row.subject)).toEqual([
      `Étape franchie${NBSP}: Biométrie demandée`,
      `Nouvelle étape${NBSP}: Biométrie demandée`,
    ]);
    expect(emails[0]?.text).toContain(
      `http://capitune.test/dossiers/${ctx.dossierId}?milestone=${milestoneId}#timeline`,
    );
  });

  it('a reviewed document links to its checklist line', async () => {
    const body = multipart(
      { itemId: ITEM, memberId: ctx.principalId },
      { name: 'passport.pdf', content: pdfBytes('passport') },
    );
    const uploaded = await t.app.inject({
      method: 'POST',
      url: `/api/dossiers/${ctx.dossierId}/documents`,
      headers: { ...ctx.candidate.auth, ...body.headers },
      payload: body.payload,
    });
    expect(uploaded.statusCode).toBe(201);
    const reviewed = await t.app.inject({
      method: 'POST',
      url: `/api/documents/${uploaded.json().id}/review`,
      headers: ctx.pro.auth,
      payload: { decision: 'approve' },
    });
    expect(reviewed.statusCode).toBe(200);
    const [approved] = (await notificationsOf(ctx.candidate)).filter(
      (item) => item.type === 'document_approved',
    );
    expect(approved?.link).toBe(`/dossiers/${ctx.dossierId}?item=${ITEM}#checklist`);
    const rows = await t.database.db.execute(
      sql`select list_unsubscribe from outbox where template = 'documents.approved' and to_address = ${ctx.candidate.body.email}`,
    );
    // A notification email, not essential: it carries its one-click unsubscribe address.
    expect(rows.rows).toEqual([
      { list_unsubscribe: expect.stringMatching(/^http:\/\/capitune\.test\/api\/email\/unsubscribe\//) },
    ]);
  });
});

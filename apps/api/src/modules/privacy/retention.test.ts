import { Readable } from 'node:stream';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import { stepUp } from '../../../test/auth-helpers';
import { dossierOf, uploadDocument } from '../../../test/dossier-helpers';
import { type Person, person } from '../../../test/inside-helpers';
import { startS3Server } from '../../../test/s3';
import {
  auditLog,
  dataExports,
  destructions,
  dossiers,
  emailTokens,
  notifications,
  users,
} from '../../db/schema';
import { ManualClock } from '../../platform/clock';
import { registerPurged, runRetention } from './retention.service';

const DAY = 24 * 60 * 60 * 1000;
const YEAR = 366 * DAY;

type Stores = 'local disk' | 'S3';

/** The flow of a client file from an account's deletion to its destruction, on each kind of store. */
describe.each<Stores>(['local disk', 'S3'])('retention on the %s store', (kind) => {
  let t: TestApp;
  let s3: Awaited<ReturnType<typeof startS3Server>> | undefined;
  const clock = new ManualClock('2026-11-25T12:00:00Z');
  let admin: Person;

  beforeAll(async () => {
    if (kind === 'S3') s3 = await startS3Server();
    t = await createTestApp({ clock, ...(s3 ? { env: s3.env } : {}) });
    admin = await person(t.app, t.database, 'admin');
  });
  afterAll(async () => {
    await t.close();
    await s3?.close();
  });

  const token = (who: Person) => who.auth.authorization.slice('Bearer '.length);

  /** Signs in again (the clock moved past the token's life); the two-factor grace pushed out of the way. */
  async function again(who: Person) {
    await t.database.db
      .update(users)
      .set({ twoFactorGraceEndsAt: new Date(clock.now().getTime() + 7 * DAY) })
      .where(eq(users.id, who.userId));
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: who.email, password: who.password },
      remoteAddress: who.remoteAddress,
    });
    expect(login.statusCode).toBe(200);
    who.auth = { authorization: `Bearer ${login.json().accessToken}` };
  }

  const close = (pro: Person, dossierId: string) =>
    t.app.inject({
      method: 'PATCH',
      url: `/api/dossiers/${dossierId}`,
      headers: pro.auth,
      payload: { status: 'closed' },
    });
  const hold = (who: Person, dossierId: string, payload: Record<string, unknown>) =>
    t.app.inject({
      method: 'POST',
      url: `/api/dossiers/${dossierId}/legal-hold`,
      headers: who.auth,
      payload,
    });
  const dossierExists = async (id: string) =>
    (await t.database.db.select({ id: dossiers.id }).from(dossiers).where(eq(dossiers.id, id))).length === 1;

  it('deletes the account, keeps its client file, then destroys it after its retention unless held', async () => {
    const years = t.app.deps.config.privacy.clientFileYears;
    const pro = await person(t.app, t.database, 'pro');
    const candidate = await person(t.app, t.database, 'candidate');
    const personal = await dossierOf(t.app, candidate, 'visitor_visa');
    const personalKey = await uploadDocument(t, candidate, personal, 'visitor_visa.passport');
    const followed = await dossierOf(t.app, candidate, 'express_entry_fsw', pro);
    const followedKey = await uploadDocument(t, candidate, followed, 'express_entry_fsw.passport');
    // A second client of the same firm, whose file the firm puts on hold.
    const other = await person(t.app, t.database, 'candidate');
    const held = await dossierOf(t.app, other, 'visitor_visa', pro);
    const heldKey = await uploadDocument(t, other, held, 'visitor_visa.passport');
    expect((await close(pro, held.id)).statusCode).toBe(200);
    const placed = await hold(pro, held.id, {
      hold: true,
      reason: 'Plainte au syndic du Collège, dossier 2026-114',
    });
    expect(placed.statusCode).toBe(200);
    expect(placed.json()).toEqual({
      dossierId: held.id,
      held: true,
      reason: 'Plainte au syndic du Collège, dossier 2026-114',
      since: clock.now().toISOString(),
    });

    await stepUp(t.app, token(candidate));
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: '/api/me/deletion',
          headers: candidate.auth,
          payload: { confirmEmail: candidate.email },
        })
      ).statusCode,
    ).toBe(202);
    expect(await t.storage.exists(personalKey)).toBe(true);

    clock.advance(30 * DAY + 60_000);
    const closedAt = clock.now();
    const first = await runRetention(t.app.deps);
    expect(first.deletedAccounts).toBe(1);
    expect(first.clientFiles).toBe(0);
    expect(await dossierExists(personal.id)).toBe(false);
    expect(await t.storage.exists(personalKey)).toBe(false);
    expect(await dossierExists(followed.id)).toBe(true);
    expect(await t.storage.exists(followedKey)).toBe(true);

    // A day short of the retention: kept.
    clock.set(new Date(closedAt.getTime() + years * 365 * DAY - DAY));
    expect((await runRetention(t.app.deps)).clientFiles).toBe(0);
    expect(await dossierExists(followed.id)).toBe(true);

    // Past it: destroyed with its file and a register line; the held file stays.
    clock.set(new Date(closedAt.getTime() + years * YEAR));
    const due = await runRetention(t.app.deps);
    expect(due.clientFiles).toBe(1);
    expect(await dossierExists(followed.id)).toBe(false);
    expect(await t.storage.exists(followedKey)).toBe(false);
    const [line] = await t.database.db
      .select()
      .from(destructions)
      .where(eq(destructions.recordId, followed.id));
    const [firm] = await t.database.db
      .select({ organisationId: users.organisationId })
      .from(users)
      .where(eq(users.id, pro.userId));
    expect(line).toMatchObject({ rule: 'client_file', recordType: 'dossier', count: 1, files: 1 });
    expect(line?.detail).toEqual({
      programId: 'express_entry_fsw',
      organisationId: firm?.organisationId,
      closedAt: closedAt.toISOString(),
      documents: 1,
    });
    expect(await dossierExists(held.id)).toBe(true);
    expect(await t.storage.exists(heldKey)).toBe(true);

    // The overview counts the held file; lifting the hold lets the next run destroy it.
    await again(admin);
    const overview = await t.app.inject({ method: 'GET', url: '/api/admin/retention', headers: admin.auth });
    expect(overview.statusCode).toBe(200);
    const clientRule = overview.json().rules.find((rule: { id: string }) => rule.id === 'client_file');
    expect(clientRule).toMatchObject({ due: 0, held: 1, period: `P${years}Y` });
    expect(overview.json().lastRunAt).toBe(clock.now().toISOString());
    const lifted = await hold(admin, held.id, { hold: false });
    expect(lifted.json()).toEqual({ dossierId: held.id, held: false, reason: null, since: null });
    const [liftAudit] = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.dossierId, held.id), eq(auditLog.action, 'dossier.legal_hold_lifted')));
    expect(liftAudit?.actorId).toBe(admin.userId);
    expect((await runRetention(t.app.deps)).clientFiles).toBe(1);
    expect(await dossierExists(held.id)).toBe(false);
    expect(await t.storage.exists(heldKey)).toBe(false);
    // Nothing left in the uploads' journal: every file was removed after its commit.
    const journal = await t.database.db.execute(sql`select count(*)::int as n from pending_uploads`);
    expect(journal.rows[0]).toEqual({ n: 0 });
  });

  it('removes an expired data export’s file and marks it expired', async () => {
    const candidate = await person(t.app, t.database, 'candidate');
    const key = `exports/${candidate.userId}/test.zip`;
    await t.storage.put(key, Readable.from([Buffer.from('PK export')]), 'application/zip');
    const [created] = await t.database.db
      .insert(dataExports)
      .values({
        userId: candidate.userId,
        status: 'ready',
        blobKey: key,
        readyAt: clock.now(),
        expiresAt: new Date(clock.now().getTime() + 7 * DAY),
      })
      .returning({ id: dataExports.id });
    expect((await runRetention(t.app.deps)).dataExports).toBe(0);
    clock.advance(7 * DAY + 1000);
    expect((await runRetention(t.app.deps)).dataExports).toBe(1);
    const [row] = await t.database.db
      .select()
      .from(dataExports)
      .where(eq(dataExports.id, created?.id as string));
    expect(row).toMatchObject({ status: 'expired', blobKey: null });
    expect(await t.storage.exists(key)).toBe(false);
    const [line] = await t.database.db
      .select()
      .from(destructions)
      .where(eq(destructions.recordId, created?.id as string));
    expect(line).toMatchObject({ rule: 'data_export', files: 1 });
  });
});

describe('retention: the register, the short-lived rows and who may see them', () => {
  let t: TestApp;
  const clock = new ManualClock('2026-11-25T12:00:00Z');
  let admin: Person;
  let candidate: Person;
  let pro: Person;
  let otherPro: Person;

  beforeAll(async () => {
    t = await createTestApp({ clock });
    admin = await person(t.app, t.database, 'admin');
    candidate = await person(t.app, t.database, 'candidate');
    pro = await person(t.app, t.database, 'pro');
    otherPro = await person(t.app, t.database, 'pro');
  });
  afterAll(() => t.close());

  it('refuses anonymous callers (401), and others than admins on the admin routes (403)', async () => {
    for (const url of ['/api/admin/retention', '/api/admin/destructions']) {
      expect((await t.app.inject({ method: 'GET', url })).statusCode).toBe(401);
      for (const who of [candidate, pro]) {
        const refused = await t.app.inject({ method: 'GET', url, headers: who.auth });
        expect(refused.statusCode).toBe(403);
        expect(refused.json().code).toBe('FORBIDDEN');
      }
    }
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/admin/destructions?limit=500', headers: admin.auth }))
        .statusCode,
    ).toBe(400);
    expect(
      (
        await t.app.inject({
          method: 'GET',
          url: '/api/admin/destructions?rule=nothing',
          headers: admin.auth,
        })
      ).statusCode,
    ).toBe(400);
  });

  it('refuses the legal hold to nobody (401), the candidate (403) and another firm’s pro (404)', async () => {
    const dossier = (
      await t.app.inject({
        method: 'POST',
        url: '/api/dossiers',
        headers: candidate.auth,
        payload: { programId: 'visitor_visa' },
      })
    ).json() as { id: string };
    await t.app.inject({
      method: 'POST',
      url: `/api/dossiers/${dossier.id}/assignment`,
      headers: candidate.auth,
      payload: { proId: pro.userId },
    });
    await t.app.inject({
      method: 'POST',
      url: `/api/dossiers/${dossier.id}/assignment/decision`,
      headers: pro.auth,
      payload: { decision: 'accept' },
    });
    const url = `/api/dossiers/${dossier.id}/legal-hold`;
    const payload = { hold: true, reason: 'Inspection du Collège annoncée' };
    expect((await t.app.inject({ method: 'POST', url, payload })).statusCode).toBe(401);
    const byOwner = await t.app.inject({ method: 'POST', url, payload, headers: candidate.auth });
    expect(byOwner.statusCode).toBe(403);
    const byOther = await t.app.inject({ method: 'POST', url, payload, headers: otherPro.auth });
    expect(byOther.statusCode).toBe(404);
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url,
          payload: { hold: true, reason: 'court' },
          headers: pro.auth,
        })
      ).statusCode,
    ).toBe(400);
    const placed = await t.app.inject({ method: 'POST', url, payload, headers: pro.auth });
    expect(placed.statusCode).toBe(200);
    const [row] = await t.database.db.select().from(dossiers).where(eq(dossiers.id, dossier.id));
    expect(row).toMatchObject({ legalHoldReason: payload.reason, legalHoldBy: pro.userId });
    const [audit] = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.dossierId, dossier.id), eq(auditLog.action, 'dossier.legal_hold_placed')));
    expect(audit?.actorId).toBe(pro.userId);
    const unknown = await t.app.inject({
      method: 'POST',
      url: '/api/dossiers/00000000-0000-4000-8000-000000000000/legal-hold',
      payload,
      headers: admin.auth,
    });
    expect(unknown.statusCode).toBe(404);
  });

  it('destroys expired tokens, old ended sessions and old read notifications with counted lines', async () => {
    const now = clock.now();
    await t.database.db.insert(emailTokens).values({
      userId: candidate.userId,
      purpose: 'verify_email',
      tokenHash: `hash-${now.getTime()}`,
      expiresAt: new Date(now.getTime() - 2 * DAY),
    });
    await t.database.db.insert(notifications).values([
      { userId: candidate.userId, type: 'test', readAt: new Date(now.getTime() - 400 * DAY) },
      { userId: candidate.userId, type: 'test', readAt: new Date(now.getTime() - 10 * DAY) },
      { userId: candidate.userId, type: 'test' },
    ]);
    const run = await runRetention(t.app.deps);
    expect(run.expiredTokens).toBeGreaterThanOrEqual(1);
    expect(run.readNotifications).toBe(1);
    const lines = await t.database.db
      .select()
      .from(destructions)
      .where(eq(destructions.rule, 'expired_tokens'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ recordType: 'token', recordId: null, count: run.expiredTokens });
    expect(lines[0]?.detail).toMatchObject({ email_tokens: 1 });
    expect(
      await t.database.db
        .select()
        .from(notifications)
        .where(and(eq(notifications.userId, candidate.userId), eq(notifications.type, 'test'))),
    ).toHaveLength(2);
    // Nothing due: no line.
    const before = (await t.database.db.select().from(destructions)).length;
    await runRetention(t.app.deps);
    expect(await t.database.db.select().from(destructions)).toHaveLength(before);
  });

  it('pages the register newest first, by rule, with a cursor', async () => {
    for (let i = 0; i < 5; i += 1) {
      clock.advance(1000);
      await registerPurged(t.database.db, 'rate_limits', 'rate_limit', i + 1, clock.now());
    }
    const all: { id: string; destroyedAt: string; rule: string }[] = [];
    let cursor: string | null = null;
    do {
      const url: string = `/api/admin/destructions?rule=rate_limits&limit=2${cursor ? `&cursor=${cursor}` : ''}`;
      const page = await t.app.inject({ method: 'GET', url, headers: admin.auth });
      expect(page.statusCode).toBe(200);
      const body = page.json() as { items: typeof all; nextCursor: string | null };
      expect(body.items.length).toBeLessThanOrEqual(2);
      all.push(...body.items);
      cursor = body.nextCursor;
    } while (cursor);
    expect(all).toHaveLength(5);
    expect(new Set(all.map((item) => item.id)).size).toBe(5);
    expect(all.every((item) => item.rule === 'rate_limits')).toBe(true);
    const times = all.map((item) => item.destroyedAt);
    expect([...times].sort().reverse()).toEqual(times);
    const everything = await t.app.inject({
      method: 'GET',
      url: '/api/admin/destructions',
      headers: admin.auth,
    });
    expect(everything.json().items.length).toBeGreaterThan(5);
    const forged = await t.app.inject({
      method: 'GET',
      url: '/api/admin/destructions?cursor=bm9wZQ',
      headers: admin.auth,
    });
    expect(forged.statusCode).toBe(400);
  });
});

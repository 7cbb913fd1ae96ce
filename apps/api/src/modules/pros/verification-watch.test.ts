import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import { emailsTo, stepUp } from '../../../test/auth-helpers';
import { multipart, pngBytes } from '../../../test/dossier-helpers';
import { type QuickUser, quickUser } from '../../../test/live-helpers';
import { verifyPro } from '../../../test/pro-helpers';
import { auditLog, dossiers, notifications, proVerifications } from '../../db/schema';
import { ManualClock } from '../../platform/clock';
import { addDays, platformToday } from '../access';
import { runVerificationWatch } from './verification-watch';

const DAY = 86_400_000;

describe('the daily verification watch (manual clock)', () => {
  let t: TestApp;
  // Noon in Montréal: the platform's day is the UTC day.
  const clock = new ManualClock('2026-11-25T17:00:00Z');
  let pro: QuickUser;
  let client: QuickUser;
  let fileId: string;
  const renewal = '2026-12-25';

  const file = async () =>
    (await t.database.db.select().from(proVerifications).where(eq(proVerifications.id, fileId)))[0];
  const templates = async (address: string) =>
    (await emailsTo(t.database, address)).map((email) => email.template).sort();
  const run = () => runVerificationWatch(t.app.deps);
  const at = (day: string) => clock.set(`${day}T17:00:00Z`);

  beforeAll(async () => {
    t = await createTestApp({ clock });
    pro = await quickUser(t, clock, { role: 'pro', firstName: 'Julien', locale: 'fr' });
    client = await quickUser(t, clock, { role: 'candidate', firstName: 'Grace', locale: 'en' });
    fileId = await verifyPro(t, pro.userId, { renewalDate: renewal });
    await t.database.db.insert(dossiers).values({
      ownerId: client.userId,
      programId: 'express_entry_fsw',
      status: 'preparing',
      agentId: pro.userId,
      agentSince: clock.now(),
    });
  });
  afterAll(() => t.close());

  it('reminds the pro 30 days before the renewal date, once', async () => {
    at('2026-11-24');
    expect(await run()).toEqual({ reminded30: 0, reminded7: 0, lapsed: 0, expired: 0 });
    at('2026-11-25');
    expect(platformToday(clock.now())).toBe(addDays(renewal, -30));
    expect(await run()).toEqual({ reminded30: 1, reminded7: 0, lapsed: 0, expired: 0 });
    expect(await run()).toEqual({ reminded30: 0, reminded7: 0, lapsed: 0, expired: 0 });
    clock.advance(DAY);
    expect(await run()).toEqual({ reminded30: 0, reminded7: 0, lapsed: 0, expired: 0 });
    const [email] = await emailsTo(t.database, pro.email);
    expect(email).toMatchObject({ template: 'pros.renewal_reminder_30', locale: 'fr' });
    expect(email?.subject).toBe('Votre permis arrive à échéance le 25 décembre 2026');
    expect(email?.text).toContain('dans 30\u00a0jours');
    expect((await file())?.remindedAt30For).toBe(renewal);
  });

  it('reminds again 7 days before, once', async () => {
    at(addDays(renewal, -7));
    expect(await run()).toEqual({ reminded30: 0, reminded7: 1, lapsed: 0, expired: 0 });
    expect(await run()).toEqual({ reminded30: 0, reminded7: 0, lapsed: 0, expired: 0 });
    expect(await templates(pro.email)).toEqual(['pros.renewal_reminder_30', 'pros.renewal_reminder_7']);
    const reminders = await t.database.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, pro.userId), eq(notifications.type, 'verification_renewal_due')));
    expect(reminders).toHaveLength(2);
  });

  it('tells the pro and their clients once when the renewal date passed: the grace starts', async () => {
    at(renewal);
    expect(await run()).toEqual({ reminded30: 0, reminded7: 0, lapsed: 0, expired: 0 });
    at(addDays(renewal, 1));
    expect(await run()).toEqual({ reminded30: 0, reminded7: 0, lapsed: 1, expired: 0 });
    expect(await run()).toEqual({ reminded30: 0, reminded7: 0, lapsed: 0, expired: 0 });
    expect((await file())?.lapseNotifiedFor).toBe(renewal);
    expect((await file())?.status).toBe('verified');
    const [toClient] = await emailsTo(t.database, client.email);
    expect(toClient).toMatchObject({ template: 'pros.client_lapse', locale: 'en' });
    expect(toClient?.text).toContain('Julien Tremblay keeps following your dossier until January 24, 2027.');
    expect(await templates(pro.email)).toContain('pros.renewal_lapsed');
    const lapse = await t.database.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, client.userId), eq(notifications.type, 'pro_licence_lapsed')));
    expect(lapse[0]?.params).toMatchObject({ pro: 'Julien Tremblay', graceEndsOn: '2027-01-24' });
  });

  it('turns the file expired once the grace ended, and the clients are told the pro can no longer act', async () => {
    at(addDays(renewal, 30));
    expect(await run()).toEqual({ reminded30: 0, reminded7: 0, lapsed: 0, expired: 0 });
    at(addDays(renewal, 31));
    expect(await run()).toEqual({ reminded30: 0, reminded7: 0, lapsed: 0, expired: 1 });
    expect(await run()).toEqual({ reminded30: 0, reminded7: 0, lapsed: 0, expired: 0 });
    expect((await file())?.status).toBe('expired');
    expect(await templates(client.email)).toEqual(['pros.access_ended_expired', 'pros.client_lapse']);
    expect(await templates(pro.email)).toContain('pros.verification_expired');
    const [audit] = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.subjectId, fileId), eq(auditLog.action, 'verification.expired')));
    expect(audit).toMatchObject({ actorId: null, after: { status: 'expired' } });
  });

  it('an admin re-checks an expired file: verified again, with a new renewal date and new reminders', async () => {
    const admin = await quickUser(t, clock, { role: 'admin' });
    const capture = multipart({}, { name: 'registre.png', content: pngBytes });
    const uploaded = await t.app.inject({
      method: 'PUT',
      url: `/api/admin/verifications/${fileId}/register-capture`,
      headers: { ...(await admin.auth()), ...capture.headers },
      payload: capture.payload,
    });
    expect(uploaded.statusCode).toBe(200);
    const today = platformToday(clock.now());
    const nextRenewal = addDays(today, 20);
    const headers = await admin.auth();
    await stepUp(t.app, headers.authorization.slice('Bearer '.length));
    const rechecked = await t.app.inject({
      method: 'POST',
      url: `/api/admin/verifications/${fileId}/decision`,
      headers,
      payload: {
        decision: 'recheck',
        reason: 'Permis renouvelé, vu au registre.',
        registerEntry: {
          nameOnRegister: 'Julien Tremblay',
          statusOnRegister: 'Active',
          entitledToPractise: true,
        },
        renewalDate: nextRenewal,
        nextCheckDate: nextRenewal,
      },
    });
    expect(rechecked.statusCode).toBe(200);
    expect(rechecked.json()).toMatchObject({ status: 'verified', renewalDate: nextRenewal });
    const mine = await t.app.inject({
      method: 'GET',
      url: '/api/me/verification',
      headers: await pro.auth(),
    });
    expect(mine.json()).toMatchObject({ standing: 'verified' });
    // Within 30 days of the new date: the 30-day reminder for that date goes out once.
    expect(await run()).toEqual({ reminded30: 1, reminded7: 0, lapsed: 0, expired: 0 });
    expect(await run()).toEqual({ reminded30: 0, reminded7: 0, lapsed: 0, expired: 0 });
  });
});

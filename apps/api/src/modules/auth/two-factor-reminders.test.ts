import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import { emailsTo } from '../../../test/auth-helpers';
import { type QuickUser, quickUser } from '../../../test/live-helpers';
import { organisations, passkeys, totpFactors, users } from '../../db/schema';
import { ManualClock } from '../../platform/clock';
import { runTwoFactorReminders, TWO_FACTOR_REMINDERS_QUEUE } from './two-factor-reminders';

const DAY = 24 * 60 * 60_000;

describe('reminders to set up a second factor before the grace ends (manual clock)', () => {
  let t: TestApp;
  const start = new Date('2026-12-01T12:30:00Z');
  const clock = new ManualClock(start);
  let pro: QuickUser;
  let admin: QuickUser;
  let candidate: QuickUser;
  let proWithApp: QuickUser;
  let proWithPasskey: QuickUser;
  let firmMember: QuickUser;
  let reset: QuickUser;

  const run = () => runTwoFactorReminders(t.app.deps);
  const remindersTo = async (who: QuickUser) =>
    (await emailsTo(t.database, who.email)).filter((email) => email.template === 'auth.two_factor_reminder');
  const createdAt = (who: QuickUser, at: Date) =>
    t.database.db.update(users).set({ createdAt: at }).where(eq(users.id, who.userId));

  beforeAll(async () => {
    t = await createTestApp({ clock });
    pro = await quickUser(t, clock, { role: 'pro', locale: 'fr' });
    admin = await quickUser(t, clock, { role: 'admin', locale: 'en' });
    candidate = await quickUser(t, clock, { role: 'candidate' });
    proWithApp = await quickUser(t, clock, { role: 'pro' });
    proWithPasskey = await quickUser(t, clock, { role: 'pro' });
    firmMember = await quickUser(t, clock, { role: 'pro', organisation: 'Cabinet Strict' });
    reset = await quickUser(t, clock, { role: 'pro', locale: 'en' });
    for (const who of [pro, admin, candidate, proWithApp, proWithPasskey, firmMember, reset]) {
      await createdAt(who, start);
    }
    await t.database.db
      .insert(totpFactors)
      .values({ userId: proWithApp.userId, secretEncrypted: 'sealed', confirmedAt: start });
    await t.database.db.insert(passkeys).values({
      userId: proWithPasskey.userId,
      credentialId: randomUUID(),
      publicKey: 'key',
      deviceType: 'singleDevice',
      name: 'Clé',
    });
    const [member] = await t.database.db.select().from(users).where(eq(users.id, firmMember.userId));
    await t.database.db
      .update(organisations)
      .set({ requireTwoFactor: true })
      .where(eq(organisations.id, member?.organisationId ?? randomUUID()));
    // An administrator's reset gave this one a grace of its own, ending in 2 days.
    await t.database.db
      .update(users)
      .set({ twoFactorGraceEndsAt: new Date(start.getTime() + 2 * DAY) })
      .where(eq(users.id, reset.userId));
  });
  afterAll(() => t.close());

  it('reminds pros and admins without an authenticator or a passkey 7, 3 and 1 days before, once each', async () => {
    clock.set(new Date(start.getTime() + 60_000));
    // The pro and the admin (7 days left), the reset pro (2 days left: the 3-day step).
    expect(await run()).toBe(3);
    expect(await run()).toBe(0);
    const [first] = await remindersTo(pro);
    expect(first?.subject).toBe('Plus que 7\u00a0jours pour sécuriser votre compte CAPITUNE');
    expect(first?.text).toContain('avant le 8 décembre 2026 à 07 h 30 HNE');
    expect(first?.text).toContain('http://capitune.test/profile/security');
    expect((await remindersTo(admin))[0]?.subject).toBe('7 days left to secure your CAPITUNE account');
    expect((await remindersTo(reset))[0]?.subject).toBe('2 days left to secure your CAPITUNE account');
    for (const spared of [candidate, proWithApp, proWithPasskey, firmMember]) {
      expect(await remindersTo(spared)).toHaveLength(0);
    }

    // A day later nothing new; 4 days in, the 3-day step; the reset pro's 1-day step comes the day before its end.
    clock.set(new Date(start.getTime() + 1 * DAY + 60_000));
    expect(await run()).toBe(1);
    expect((await remindersTo(reset))[0]?.subject).toBe('1 day left to secure your CAPITUNE account');
    clock.set(new Date(start.getTime() + 4 * DAY + 60_000));
    expect(await run()).toBe(2);
    expect(await run()).toBe(0);
    expect((await remindersTo(pro))[0]?.subject).toBe(
      'Plus que 3\u00a0jours pour sécuriser votre compte CAPITUNE',
    );

    // The pro sets up an authenticator: no more reminders for them.
    await t.database.db
      .insert(totpFactors)
      .values({ userId: pro.userId, secretEncrypted: 'sealed', confirmedAt: clock.now() });
    clock.set(new Date(start.getTime() + 6 * DAY + 60_000));
    expect(await run()).toBe(1);
    expect(await remindersTo(pro)).toHaveLength(2);
    expect(await remindersTo(admin)).toHaveLength(3);

    // Once the grace is over, reminders stop (the policy asks at sign-in instead).
    clock.set(new Date(start.getTime() + 8 * DAY));
    expect(await run()).toBe(0);
  });

  it('reminds anew after a new grace', async () => {
    const before = (await remindersTo(admin)).length;
    await t.database.db
      .update(users)
      .set({ twoFactorGraceEndsAt: new Date(clock.now().getTime() + 12 * 60 * 60_000) })
      .where(eq(users.id, admin.userId));
    expect(await run()).toBe(1);
    expect(await run()).toBe(0);
    expect(await remindersTo(admin)).toHaveLength(before + 1);
  });
});

describe('the reminders’ daily job', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ workers: true });
  });
  afterAll(() => t.close());

  it('is worked by the job workers', async () => {
    const pro = await quickUser(t, t.app.deps.clock, { role: 'pro', locale: 'en' });
    await t.database.db
      .update(users)
      .set({ twoFactorGraceEndsAt: new Date(Date.now() + 2 * DAY) })
      .where(eq(users.id, pro.userId));
    await t.jobs.send(TWO_FACTOR_REMINDERS_QUEUE, {});
    const deadline = Date.now() + 15_000;
    let subjects: string[] = [];
    while (subjects.length === 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      subjects = (await emailsTo(t.database, pro.email)).map((email) => email.subject);
    }
    expect(subjects).toEqual(['2 days left to secure your CAPITUNE account']);
  });
});

import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import { emailsTo } from '../../../test/auth-helpers';
import { type Person, person } from '../../../test/inside-helpers';
import { auditLog, sessions, users } from '../../db/schema';
import { ManualClock } from '../../platform/clock';
import { type Transaction, withTransaction } from '../../platform/db/transaction';
import type { Caller } from '../access';
import {
  endMemberSessions,
  liftMember,
  restoreMember,
  suspendMember,
  tagMember,
  untagMember,
} from './member-state.service';

const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';
const BATCH_ID = '11111111-1111-4111-8111-111111111111';

describe('Member state (the primitives of the member page and of batches)', () => {
  let t: TestApp;
  const clock = new ManualClock('2026-11-25T12:00:00Z');
  let admin: Person;
  let actor: Caller;

  beforeAll(async () => {
    t = await createTestApp({ clock });
    admin = await person(t.app, t.database, 'admin');
    actor = { id: admin.userId, role: 'admin', ip: '203.0.113.9' };
  });
  afterAll(() => t.close());

  const inTx = <T>(work: (tx: Transaction) => Promise<T>) => withTransaction(t.app.deps.pool, work);
  const base = (userId: string) => ({ actor, userId, now: clock.now(), batchId: BATCH_ID });
  const entries = (userId: string) =>
    t.database.db.select().from(auditLog).where(eq(auditLog.subjectId, userId)).orderBy(auditLog.id);
  const state = async (userId: string) =>
    (await t.database.db.select().from(users).where(eq(users.id, userId)))[0];

  it('suspends, lifts and restores, naming the batch in each audit entry, and says what it changed', async () => {
    const member = await person(t.app, t.database, 'candidate', { locale: 'en' });
    const until = new Date('2026-12-24T12:00:00Z');
    const suspended = await inTx((tx) =>
      suspendMember(t.app.deps, tx, { ...base(member.userId), until, reason: 'Spam', ban: false }),
    );
    expect(suspended).toEqual({
      changed: true,
      before: { status: 'active', suspendedUntil: null, suspensionReason: null, bannedAt: null, tags: [] },
    });
    expect(await state(member.userId)).toMatchObject({ status: 'suspended', suspendedUntil: until });
    const open = await t.database.db
      .select()
      .from(sessions)
      .where(and(eq(sessions.userId, member.userId)));
    expect(open.every((session) => session.revokedAt)).toBe(true);

    // The same suspension again changes nothing.
    const again = await inTx((tx) =>
      suspendMember(t.app.deps, tx, { ...base(member.userId), until, reason: 'Spam', ban: false }),
    );
    expect(again).toMatchObject({ changed: false, skipped: 'already' });

    const lifted = await inTx((tx) => liftMember(t.app.deps, tx, base(member.userId)));
    expect(lifted).toMatchObject({
      changed: true,
      before: { status: 'suspended', suspendedUntil: until.toISOString(), suspensionReason: 'Spam' },
    });
    expect(await inTx((tx) => liftMember(t.app.deps, tx, base(member.userId)))).toMatchObject({
      changed: false,
      skipped: 'already',
    });

    // A batch's undo of the lift puts the suspension back.
    const restored = await inTx((tx) =>
      restoreMember(t.app.deps, tx, { ...base(member.userId), before: lifted.before }),
    );
    expect(restored).toMatchObject({ changed: true, before: { status: 'active' } });
    expect(await state(member.userId)).toMatchObject({
      status: 'suspended',
      suspendedUntil: until,
      suspensionReason: 'Spam',
      bannedAt: null,
    });

    const audit = await entries(member.userId);
    expect(audit.map((entry) => entry.action)).toEqual(['user.suspended', 'user.lifted', 'user.restored']);
    for (const entry of audit) {
      expect(entry).toMatchObject({ actorId: admin.userId, subjectType: 'user', ip: '203.0.113.9' });
      expect(entry.after).toMatchObject({ batchId: BATCH_ID });
    }
    const templates = (await emailsTo(t.database, member.email)).map((email) => email.template);
    expect(templates.filter((template) => template === 'admin.member_suspended')).toHaveLength(2);
    expect(templates).toContain('admin.member_lifted');
    const english = (await emailsTo(t.database, member.email)).find(
      (email) => email.template === 'admin.member_suspended',
    );
    expect(english?.locale).toBe('en');
    expect(english?.text).toContain('December 24, 2026');
  });

  it('bans with no end date, and a ban emails its own message', async () => {
    const member = await person(t.app, t.database, 'pro');
    const banned = await inTx((tx) =>
      suspendMember(t.app.deps, tx, {
        ...base(member.userId),
        until: null,
        reason: 'Faux permis',
        ban: true,
      }),
    );
    expect(banned.changed).toBe(true);
    expect(await state(member.userId)).toMatchObject({
      status: 'suspended',
      suspendedUntil: null,
      bannedAt: clock.now(),
      suspensionReason: 'Faux permis',
    });
    const email = (await emailsTo(t.database, member.email)).find(
      (row) => row.template === 'admin.member_banned',
    );
    expect(email?.subject).toBe('Votre compte CAPITUNE est fermé');
    expect(email?.text).toContain('Motif\u00a0: Faux permis');
  });

  it('skips the admin themself, the last active admin and unknown members, without throwing', async () => {
    const self = await inTx((tx) =>
      suspendMember(t.app.deps, tx, { ...base(admin.userId), until: null, reason: 'x', ban: true }),
    );
    expect(self).toMatchObject({ changed: false, skipped: 'self' });
    expect(await inTx((tx) => endMemberSessions(t.app.deps, tx, base(admin.userId)))).toMatchObject({
      skipped: 'self',
    });

    const other = await person(t.app, t.database, 'admin');
    // The acting admin's account is no longer an admin's: `other` is the last one.
    await t.database.db.update(users).set({ role: 'candidate' }).where(eq(users.id, admin.userId));
    try {
      const last = await inTx((tx) =>
        suspendMember(t.app.deps, tx, { ...base(other.userId), until: null, reason: 'x', ban: false }),
      );
      expect(last).toMatchObject({ changed: false, skipped: 'last_admin' });
    } finally {
      await t.database.db.update(users).set({ role: 'admin' }).where(eq(users.id, admin.userId));
    }
    expect((await state(other.userId))?.status).toBe('active');

    for (const change of [
      (tx: Transaction) => liftMember(t.app.deps, tx, base(UNKNOWN_ID)),
      (tx: Transaction) => tagMember(t.app.deps, tx, { ...base(UNKNOWN_ID), tag: 'vip' }),
      (tx: Transaction) => endMemberSessions(t.app.deps, tx, base(UNKNOWN_ID)),
    ]) {
      expect(await inTx(change)).toMatchObject({ changed: false, skipped: 'not_found' });
    }
  });

  it('tags, untags, ends sessions, and restores tags as they were', async () => {
    const member = await person(t.app, t.database, 'candidate');
    const tagged = await inTx((tx) =>
      tagMember(t.app.deps, tx, { ...base(member.userId), tag: 'webinar-2026' }),
    );
    expect(tagged).toMatchObject({ changed: true, before: { tags: [] } });
    expect(
      await inTx((tx) => tagMember(t.app.deps, tx, { ...base(member.userId), tag: 'webinar-2026' })),
    ).toMatchObject({ changed: false, skipped: 'already' });
    await inTx((tx) => tagMember(t.app.deps, tx, { ...base(member.userId), tag: 'alpha' }));

    const untagged = await inTx((tx) =>
      untagMember(t.app.deps, tx, { ...base(member.userId), tag: 'alpha' }),
    );
    expect(untagged).toMatchObject({ changed: true, before: { tags: ['alpha', 'webinar-2026'] } });
    expect(
      await inTx((tx) => untagMember(t.app.deps, tx, { ...base(member.userId), tag: 'alpha' })),
    ).toMatchObject({ changed: false, skipped: 'already' });

    const restored = await inTx((tx) =>
      restoreMember(t.app.deps, tx, { ...base(member.userId), before: untagged.before }),
    );
    expect(restored).toMatchObject({ changed: true, before: { tags: ['webinar-2026'] } });
    const back = await inTx((tx) => untagMember(t.app.deps, tx, { ...base(member.userId), tag: 'alpha' }));
    expect(back.before.tags).toEqual(['alpha', 'webinar-2026']);

    const ended = await inTx((tx) => endMemberSessions(t.app.deps, tx, base(member.userId)));
    expect(ended.changed).toBe(true);
    expect(await inTx((tx) => endMemberSessions(t.app.deps, tx, base(member.userId)))).toMatchObject({
      skipped: 'already',
    });
    const actions = (await entries(member.userId)).map((entry) => entry.action);
    expect(actions).toEqual([
      'user.tagged',
      'user.tagged',
      'user.untagged',
      'user.restored',
      'user.untagged',
      'user.sessions_ended',
    ]);
  });
});

import type { TAutomatedDecision } from '@capitune/contracts';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import { emailsTo } from '../../../test/auth-helpers';
import { createPost, type Person, person, resetRateLimits } from '../../../test/inside-helpers';
import { auditLog, notifications, users } from '../../db/schema';

const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

describe('automated decisions: the notice and the human review', () => {
  let t: TestApp;
  let admin: Person;
  let newcomer: Person;
  let member: Person;
  let reader: Person;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await person(t.app, t.database, 'admin');
    // A new member: their first posts, links and images are held for review.
    newcomer = await person(t.app, t.database, 'candidate', { trustLevel: 0, locale: 'en' });
    member = await person(t.app, t.database);
    reader = await person(t.app, t.database);
  });
  afterAll(() => t.close());

  const call = (who: Person | null, method: 'GET' | 'POST', url: string, payload?: unknown) =>
    t.app.inject({
      method,
      url,
      ...(who ? { headers: who.auth } : {}),
      ...(payload !== undefined ? { payload: payload as Record<string, unknown> } : {}),
    });
  const decisionsOf = async (who: Person) =>
    (await call(who, 'GET', '/api/me/automated-decisions')).json().items as TAutomatedDecision[];

  it('refuses anonymous callers (401) and non-admins on the admin routes (403)', async () => {
    expect((await call(null, 'GET', '/api/me/automated-decisions')).statusCode).toBe(401);
    expect(
      (await call(null, 'POST', `/api/me/automated-decisions/${UNKNOWN_ID}/review`, { message: 'Please' }))
        .statusCode,
    ).toBe(401);
    expect((await call(null, 'GET', '/api/admin/review-requests')).statusCode).toBe(401);
    expect(
      (
        await call(null, 'POST', `/api/admin/review-requests/${UNKNOWN_ID}`, {
          outcome: 'upheld',
          note: 'Fine.',
        })
      ).statusCode,
    ).toBe(401);
    expect((await call(member, 'GET', '/api/admin/review-requests')).statusCode).toBe(403);
    const answered = await call(member, 'POST', `/api/admin/review-requests/${UNKNOWN_ID}`, {
      outcome: 'reversed',
      note: 'I decide.',
    });
    expect(answered.statusCode).toBe(403);
  });

  it('records a post held by automation with its factors; the author asks a person, who reverses it', async () => {
    const post = await createPost(t.app, newcomer, {
      body: 'Bonjour, voici mon expérience : https://exemple.ca/mon-parcours pour la résidence permanente.',
    });
    expect(post.status).toBe('held');
    const decisionId = (post as { automatedDecisionId?: string }).automatedDecisionId;
    expect(decisionId).toBeTruthy();

    const [decision] = await decisionsOf(newcomer);
    expect(decision).toMatchObject({
      id: decisionId,
      kind: 'moderation_hold',
      subjectType: 'post',
      subjectId: post.id,
      outcome: 'held',
      review: 'none',
      reviewRequestedAt: null,
    });
    expect(decision?.factors).toEqual(
      expect.arrayContaining([
        { code: 'new_member_link', params: {} },
        { code: 'first_posts', params: { held: 2 } },
      ]),
    );
    // Nobody else sees the decision, nor asks for its review.
    expect(await decisionsOf(member)).toEqual([]);
    const foreign = await call(member, 'POST', `/api/me/automated-decisions/${decisionId}/review`, {
      message: 'Let me review that.',
    });
    expect(foreign.statusCode).toBe(404);
    expect((await call(reader, 'GET', `/api/posts/${post.id}`)).statusCode).toBe(404);

    const asked = await call(newcomer, 'POST', `/api/me/automated-decisions/${decisionId}/review`, {
      message: 'My link is the official IRCC page, please look again.',
    });
    expect(asked.statusCode, asked.body).toBe(200);
    expect(asked.json()).toMatchObject({ review: 'requested' });
    const twice = await call(newcomer, 'POST', `/api/me/automated-decisions/${decisionId}/review`, {
      message: 'Again, please.',
    });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().code).toBe('REVIEW_ALREADY_REQUESTED');

    const queue = await call(admin, 'GET', '/api/admin/review-requests');
    expect(queue.statusCode, queue.body).toBe(200);
    const request = (queue.json().items as { id: string }[]).find((item) => item.id === decisionId);
    expect(request).toMatchObject({
      person: { id: newcomer.userId, email: newcomer.email },
      message: 'My link is the official IRCC page, please look again.',
      review: 'requested',
    });

    const answer = await call(admin, 'POST', `/api/admin/review-requests/${decisionId}`, {
      outcome: 'reversed',
      note: 'The link is an official page: published.',
    });
    expect(answer.statusCode, answer.body).toBe(200);
    expect(answer.json()).toMatchObject({
      review: 'reversed',
      reviewNote: 'The link is an official page: published.',
    });
    // The held post is published, for everyone.
    const seen = await call(reader, 'GET', `/api/posts/${post.id}`);
    expect(seen.statusCode).toBe(200);
    expect(seen.json().status).toBe('published');
    // Answered once; the queue no longer holds it.
    const again = await call(admin, 'POST', `/api/admin/review-requests/${decisionId}`, {
      outcome: 'upheld',
      note: 'Changed my mind.',
    });
    expect(again.statusCode).toBe(409);
    const after = (await call(admin, 'GET', '/api/admin/review-requests')).json().items as { id: string }[];
    expect(after.map((item) => item.id)).not.toContain(decisionId);

    // The person is told, in the app and by email in their language; the answer is audited.
    const told = await t.database.db
      .select()
      .from(notifications)
      .where(
        and(eq(notifications.userId, newcomer.userId), eq(notifications.type, 'automated_decision_reviewed')),
      );
    expect(told).toHaveLength(1);
    expect(told[0]?.params).toMatchObject({ decisionId, review: 'reversed' });
    const [email] = (await emailsTo(t.database, newcomer.email)).filter(
      (sent) => sent.template === 'privacy.decision_reviewed',
    );
    expect(email?.subject).toBe('Review: the decision is reversed');
    expect(email?.text).toContain('The link is an official page: published.');
    const audited = await t.database.db
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(eq(auditLog.subjectId, decisionId as string));
    expect(audited.map((entry) => entry.action).sort()).toEqual([
      'privacy.review_answered',
      'privacy.review_requested',
    ]);
    expect((await decisionsOf(newcomer))[0]).toMatchObject({ review: 'reversed' });
  });

  it('names a scam signal by its kind, and an upheld review keeps the post held', async () => {
    await resetRateLimits(t.database);
    const post = await createPost(t.app, member, {
      title: 'Aide pour mon permis',
      body: 'Pour accélérer votre dossier, envoyez-moi les frais par Western Union dès aujourd’hui.',
    });
    expect(post.status).toBe('held');
    const [decision] = await decisionsOf(member);
    expect(decision?.factors).toEqual([{ code: 'scam_signal', params: { signal: 'payment_request' } }]);
    await call(member, 'POST', `/api/me/automated-decisions/${decision?.id}/review`, {
      message: 'I was only quoting a message I received.',
    });
    const answer = await call(admin, 'POST', `/api/admin/review-requests/${decision?.id}`, {
      outcome: 'upheld',
      note: 'Asking for money by Western Union is not allowed here.',
    });
    expect(answer.json()).toMatchObject({ review: 'upheld' });
    expect((await call(reader, 'GET', `/api/posts/${post.id}`)).statusCode).toBe(404);
    const unknown = await call(admin, 'POST', `/api/admin/review-requests/${UNKNOWN_ID}`, {
      outcome: 'upheld',
      note: 'Nothing here.',
    });
    expect(unknown.statusCode).toBe(404);
  });

  it('records a trust level computed from the member’s activity, with its factors; a reversal restores level 1', async () => {
    await resetRateLimits(t.database);
    const starter = await createPost(t.app, member, { title: 'Questions sur Arrima' });
    const learner = await person(t.app, t.database, 'candidate', { trustLevel: 0 });
    for (const text of ['Merci pour ce partage.', 'Très utile, merci.', 'Bonne chance à tous.']) {
      const comment = await call(learner, 'POST', `/api/posts/${starter.id}/comments`, { body: text });
      expect(comment.statusCode, comment.body).toBe(201);
    }
    const [decision] = await decisionsOf(learner);
    expect(decision).toMatchObject({
      kind: 'trust_level',
      subjectType: 'user',
      subjectId: learner.userId,
      outcome: '1',
    });
    expect(decision?.factors).toEqual(
      expect.arrayContaining([
        { code: 'approved_texts', params: { count: 3 } },
        { code: 'upheld_flags', params: { count: 0, days: 90 } },
        { code: 'previous_level', params: { level: 0 } },
      ]),
    );
    expect(decision?.factors.find((factor) => factor.code === 'account_age_days')?.params.days).toBe(30);

    // As if an admin had lowered it since: reversing the decision raises the member to level 1.
    await t.database.db.update(users).set({ trustLevel: 0 }).where(eq(users.id, learner.userId));
    await call(learner, 'POST', `/api/me/automated-decisions/${decision?.id}/review`, {
      message: 'Please check my level.',
    });
    await call(admin, 'POST', `/api/admin/review-requests/${decision?.id}`, {
      outcome: 'reversed',
      note: 'A member in good standing.',
    });
    const [row] = await t.database.db
      .select({ trustLevel: users.trustLevel })
      .from(users)
      .where(eq(users.id, learner.userId));
    expect(row?.trustLevel).toBe(1);
  });

  it('pages the person’s decisions, newest first, and refuses a forged cursor', async () => {
    await resetRateLimits(t.database);
    // The newcomer's second post is held too (first posts).
    const second = await createPost(t.app, newcomer, { title: 'Deuxième question' });
    const all = await decisionsOf(newcomer);
    expect(all).toHaveLength(2);
    expect(all[0]?.subjectId).toBe(second.id);
    const first = await call(newcomer, 'GET', '/api/me/automated-decisions?limit=1');
    expect(first.json().items.map((item: TAutomatedDecision) => item.id)).toEqual([all[0]?.id]);
    const next = await call(
      newcomer,
      'GET',
      `/api/me/automated-decisions?limit=1&cursor=${first.json().nextCursor}`,
    );
    expect(next.json()).toMatchObject({ items: [{ id: all[1]?.id }], nextCursor: null });
    const forged = await call(newcomer, 'GET', '/api/me/automated-decisions?cursor=bm9wZQ');
    expect(forged.statusCode).toBe(400);
  });
});

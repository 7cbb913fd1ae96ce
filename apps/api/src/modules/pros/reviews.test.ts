import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import { signUpAndLogIn } from '../../../test/auth-helpers';
import { followedDossier, signedInPro } from '../../../test/directory-helpers';
import { makeAdmin } from '../../../test/dossier-helpers';
import { notifications, proProfiles } from '../../db/schema';
import { ManualClock } from '../../platform/clock';

const DAY = 86_400_000;
type Person = Awaited<ReturnType<typeof signUpAndLogIn>>;

describe('reviews of pros', () => {
  let t: TestApp;
  const clock = new ManualClock('2026-11-25T12:00:00Z');
  let pro: Awaited<ReturnType<typeof signedInPro>>;
  let otherPro: Awaited<ReturnType<typeof signedInPro>>;
  let amina: Person;
  let lucas: Person;
  let admin: Person;
  let followed: string;
  let recent: string;
  let closed: string;

  const scores = { responsiveness: 5, feesClarity: 4, processExplanation: 5, overall: 5 };
  const review = (
    who: Person | null,
    dossierId: string,
    overrides: Record<string, unknown> = {},
    slug = pro.slug,
  ) =>
    t.app.inject({
      method: 'POST',
      url: `/api/pros/${slug}/reviews`,
      ...(who ? { headers: who.auth } : {}),
      payload: {
        dossierId,
        scores,
        body: 'Très disponible, explications claires du début à la fin.',
        display: 'name',
        ...overrides,
      },
    });
  const call = (who: Person | null, method: 'POST' | 'PATCH' | 'GET', url: string, payload?: unknown) =>
    t.app.inject({
      method,
      url,
      ...(who ? { headers: who.auth } : {}),
      ...(payload !== undefined ? { payload: payload as Record<string, unknown> } : {}),
    });
  const counters = async (userId: string) => {
    const [row] = await t.database.db
      .select({ count: proProfiles.ratingCount, sum: proProfiles.ratingSum })
      .from(proProfiles)
      .where(eq(proProfiles.userId, userId));
    return row;
  };
  /** The counters as the reviews say: they must always agree. */
  const recount = async (userId: string) => {
    const result = await t.database.db.execute<{ count: number; sum: number }>(sql`
      select count(*)::int as count, coalesce(sum(overall), 0)::int as sum from pro_reviews
      where pro_id = ${userId} and status = 'published'`);
    return result.rows[0];
  };

  beforeAll(async () => {
    t = await createTestApp({ clock });
    pro = await signedInPro(t, { firstName: 'Julien', lastName: 'Tremblay' });
    otherPro = await signedInPro(t, { firstName: 'Marc', lastName: 'Roy' });
    amina = await signUpAndLogIn(t.app, t.database, { firstName: 'Amina', lastName: 'Diallo' });
    lucas = await signUpAndLogIn(t.app, t.database, { firstName: 'Lucas', lastName: 'Martin' });
    admin = await signUpAndLogIn(t.app, t.database, { firstName: 'Sophie', lastName: 'Gagnon' });
    await makeAdmin(t.database, admin.userId);
    // The admin's token must carry the role: log in again.
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: admin.body.email, password: admin.body.password },
    });
    admin = { ...admin, auth: { authorization: `Bearer ${login.json().accessToken}` } };
    const now = clock.now().getTime();
    followed = await followedDossier(t, amina, pro.userId, new Date(now - 31 * DAY));
    recent = await followedDossier(t, amina, pro.userId, new Date(now - 10 * DAY));
    closed = await followedDossier(t, lucas, pro.userId, new Date(now - 2 * DAY), 'closed');
  });
  afterAll(() => t.close());

  it('lets only an eligible candidate review, once per dossier', async () => {
    expect((await review(null, followed)).statusCode).toBe(401);
    for (const who of [pro, admin, otherPro]) {
      const refused = await review(who, followed);
      expect(refused.statusCode).toBe(403);
      expect(refused.json().code).toBe('REVIEW_NOT_ALLOWED');
    }
    // Not her dossier; followed only 10 days; followed by another pro.
    expect((await review(lucas, followed)).json().code).toBe('REVIEW_NOT_ALLOWED');
    expect((await review(amina, recent)).json().code).toBe('REVIEW_NOT_ALLOWED');
    expect((await review(amina, followed, {}, otherPro.slug)).json().code).toBe('REVIEW_NOT_ALLOWED');
    expect((await review(amina, followed, {}, 'nobody-123456')).statusCode).toBe(404);
    const bad = await review(amina, followed, { scores: { ...scores, overall: 6 } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('VALIDATION_FAILED');

    const created = await review(amina, followed, { featureConsent: true });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({
      authorName: 'Amina D.',
      mine: true,
      featured: false,
      featureConsent: true,
      scores,
      reply: null,
    });
    expect(created.json().editableUntil).toBe(new Date(clock.now().getTime() + 30 * DAY).toISOString());
    const again = await review(amina, followed);
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('REVIEW_ALREADY_EXISTS');

    // A dossier closed with the pro can be reviewed at once; anonymously here.
    const anonymous = await review(lucas, closed, {
      display: 'anonymous',
      scores: { ...scores, overall: 2 },
    });
    expect(anonymous.statusCode).toBe(201);
    expect(anonymous.json().authorName).toBeNull();

    expect(await counters(pro.userId)).toEqual({ count: 2, sum: 7 });
    expect(await recount(pro.userId)).toEqual({ count: 2, sum: 7 });
    const told = await t.database.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, pro.userId), eq(notifications.type, 'review_received')));
    expect(told).toHaveLength(2);
  });

  it('lists the dossiers a candidate may review, with the review written', async () => {
    expect((await call(null, 'GET', '/api/me/reviewable')).statusCode).toBe(401);
    expect((await call(pro, 'GET', '/api/me/reviewable')).statusCode).toBe(403);
    const list = await call(amina, 'GET', '/api/me/reviewable');
    expect(list.statusCode).toBe(200);
    expect(list.json()).toEqual([
      {
        dossierId: followed,
        programId: 'express_entry_fsw',
        pro: { id: pro.userId, slug: pro.slug, firstName: 'Julien', lastName: 'Tremblay' },
        reviewId: expect.any(String),
      },
    ]);
  });

  it('lists published reviews publicly, newest first, page by page, with the averages', async () => {
    const first = await call(null, 'GET', `/api/pros/${pro.slug}/reviews?limit=1`);
    expect(first.statusCode).toBe(200);
    const page = first.json();
    expect(page.rating).toEqual({ score: 3.9, average: 3.5, count: 2 });
    expect(page.criteria).toEqual({ responsiveness: 5, feesClarity: 4, processExplanation: 5, overall: 3.5 });
    expect(page.items).toHaveLength(1);
    expect(page.items[0].mine).toBe(false);
    expect(page.items[0].editableUntil).toBeNull();
    const second = (
      await call(null, 'GET', `/api/pros/${pro.slug}/reviews?limit=1&cursor=${page.nextCursor}`)
    ).json();
    expect(second.items).toHaveLength(1);
    expect(second.nextCursor).toBeNull();
    expect(new Set([page.items[0].id, second.items[0].id]).size).toBe(2);
    expect(
      second.items
        .concat(page.items)
        .map((item: { authorName: string | null }) => item.authorName)
        .sort(),
    ).toEqual(['Amina D.', null].sort());
    const bad = await call(null, 'GET', `/api/pros/${pro.slug}/reviews?cursor=nonsense`);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].path).toBe('query.cursor');
    // The author sees their own as theirs.
    const mine = (await call(amina, 'GET', `/api/pros/${pro.slug}/reviews`)).json();
    expect(mine.items.filter((item: { mine: boolean }) => item.mine)).toHaveLength(1);
  });

  it('lets the author edit for 30 days, the counters following the overall score', async () => {
    const id = await reviewIdOf(followed);
    const patch = {
      scores: { ...scores, overall: 3 },
      body: 'Bien, mais des délais de réponse parfois longs.',
    };
    expect((await call(null, 'PATCH', `/api/reviews/${id}`, patch)).statusCode).toBe(401);
    expect((await call(lucas, 'PATCH', `/api/reviews/${id}`, patch)).statusCode).toBe(403);
    expect((await call(pro, 'PATCH', `/api/reviews/${id}`, patch)).statusCode).toBe(403);
    const edited = await call(amina, 'PATCH', `/api/reviews/${id}`, patch);
    expect(edited.statusCode).toBe(200);
    expect(edited.json().scores.overall).toBe(3);
    expect(await counters(pro.userId)).toEqual({ count: 2, sum: 5 });
    expect(await recount(pro.userId)).toEqual({ count: 2, sum: 5 });

    // Written 31 days ago (moving the clock would expire the tokens).
    await t.database.db.execute(
      sql`update pro_reviews set created_at = created_at - interval '31 days' where id = ${id}`,
    );
    const late = await call(amina, 'PATCH', `/api/reviews/${id}`, {
      body: 'Trop tard pour changer cet avis.',
    });
    expect(late.statusCode).toBe(409);
    expect(late.json().code).toBe('REVIEW_NOT_EDITABLE');
  });

  it('lets the reviewed pro answer once', async () => {
    const id = await reviewIdOf(followed);
    const answer = { body: 'Merci, nous avons renforcé notre équipe depuis.' };
    expect((await call(null, 'POST', `/api/reviews/${id}/reply`, answer)).statusCode).toBe(401);
    expect((await call(amina, 'POST', `/api/reviews/${id}/reply`, answer)).statusCode).toBe(403);
    expect((await call(otherPro, 'POST', `/api/reviews/${id}/reply`, answer)).statusCode).toBe(403);
    const replied = await call(pro, 'POST', `/api/reviews/${id}/reply`, answer);
    expect(replied.statusCode).toBe(200);
    expect(replied.json().reply).toEqual({ body: answer.body, at: clock.now().toISOString() });
    const twice = await call(pro, 'POST', `/api/reviews/${id}/reply`, answer);
    expect(twice.statusCode).toBe(409);
    expect(twice.json().code).toBe('REVIEW_NOT_EDITABLE');
  });

  it('features up to three testimonials whose authors agreed', async () => {
    const consented = await reviewIdOf(followed);
    const refusedConsent = await reviewIdOf(closed);
    expect(
      (await call(null, 'POST', `/api/reviews/${consented}/feature`, { featured: true })).statusCode,
    ).toBe(401);
    expect(
      (await call(amina, 'POST', `/api/reviews/${consented}/feature`, { featured: true })).statusCode,
    ).toBe(403);
    expect(
      (await call(otherPro, 'POST', `/api/reviews/${consented}/feature`, { featured: true })).statusCode,
    ).toBe(403);
    const noConsent = await call(pro, 'POST', `/api/reviews/${refusedConsent}/feature`, { featured: true });
    expect(noConsent.statusCode).toBe(409);
    expect(noConsent.json().code).toBe('TESTIMONIAL_NOT_ALLOWED');
    const featured = await call(pro, 'POST', `/api/reviews/${consented}/feature`, { featured: true });
    expect(featured.statusCode).toBe(200);
    expect(featured.json().featured).toBe(true);

    // Three more consenting reviews: two can be featured, the fourth cannot.
    const more: string[] = [];
    for (let k = 0; k < 3; k++) {
      const candidate = await signUpAndLogIn(t.app, t.database, { firstName: 'Priya', lastName: 'Sharma' });
      const dossier = await followedDossier(
        t,
        candidate,
        pro.userId,
        new Date(clock.now().getTime() - 40 * DAY),
      );
      const created = await review(candidate, dossier, { featureConsent: true });
      expect(created.statusCode).toBe(201);
      more.push(created.json().id);
    }
    for (const id of more.slice(0, 2)) {
      expect((await call(pro, 'POST', `/api/reviews/${id}/feature`, { featured: true })).statusCode).toBe(
        200,
      );
    }
    const fourth = await call(pro, 'POST', `/api/reviews/${more[2]}/feature`, { featured: true });
    expect(fourth.statusCode).toBe(409);
    expect(fourth.json().code).toBe('TESTIMONIAL_NOT_ALLOWED');

    const profile = (await call(null, 'GET', `/api/pros/${pro.slug}`)).json();
    expect(profile.testimonials).toHaveLength(3);
    expect(profile.rating.count).toBe(5);

    // Consent withdrawn: the testimonial goes.
    const withdrawn = await call(amina, 'PATCH', `/api/reviews/${consented}`, { featureConsent: false });
    expect(withdrawn.json()).toMatchObject({ featured: false, featureConsent: false });
    expect((await call(pro, 'POST', `/api/reviews/${more[2]}/feature`, { featured: true })).statusCode).toBe(
      200,
    );
    expect(await counters(pro.userId)).toEqual(await recount(pro.userId));
  });

  it('takes flags into the moderation queue; hiding and restoring keep the rating exact', async () => {
    const id = await reviewIdOf(closed);
    expect((await call(null, 'POST', `/api/reviews/${id}/flags`, { reason: 'abuse' })).statusCode).toBe(401);
    expect((await call(lucas, 'POST', `/api/reviews/${id}/flags`, { reason: 'abuse' })).statusCode).toBe(403);
    const flagged = await call(pro, 'POST', `/api/reviews/${id}/flags`, {
      reason: 'abuse',
      note: 'Propos faux',
    });
    expect(flagged.statusCode).toBe(201);
    expect((await call(pro, 'POST', `/api/reviews/${id}/flags`, { reason: 'abuse' })).statusCode).toBe(200);
    expect(
      (await call(pro, 'POST', '/api/flags', { targetType: 'review', targetId: id, reason: 'spam' }))
        .statusCode,
    ).toBe(400);

    expect((await call(pro, 'GET', '/api/admin/moderation/queue?targetType=review')).statusCode).toBe(403);
    const queue = (await call(admin, 'GET', '/api/admin/moderation/queue?targetType=review')).json();
    expect(queue.items).toHaveLength(1);
    expect(queue.items[0]).toMatchObject({
      targetType: 'review',
      id,
      postId: null,
      proSlug: pro.slug,
      title: 'Julien Tremblay',
      openFlagCount: 1,
      flagNotes: ['Propos faux'],
      status: 'published',
    });
    expect(queue.items[0].bodyHtml).toMatch(/^<p>/);
    const all = (await call(admin, 'GET', '/api/admin/moderation/queue')).json();
    expect(all.items.map((item: { id: string }) => item.id)).toContain(id);

    const before = await counters(pro.userId);
    expect((await call(pro, 'POST', `/api/admin/moderation/review/${id}/hide`, {})).statusCode).toBe(403);
    const hidden = await call(admin, 'POST', `/api/admin/moderation/review/${id}/hide`, {});
    expect(hidden.statusCode).toBe(200);
    expect(hidden.json().status).toBe('hidden');
    expect(await counters(pro.userId)).toEqual({
      count: (before?.count ?? 0) - 1,
      sum: (before?.sum ?? 0) - 2,
    });
    expect(await counters(pro.userId)).toEqual(await recount(pro.userId));
    const listed = (await call(null, 'GET', `/api/pros/${pro.slug}/reviews?limit=100`)).json();
    expect(listed.items.map((item: { id: string }) => item.id)).not.toContain(id);
    expect(
      (await call(admin, 'GET', '/api/admin/moderation/queue?targetType=review')).json().items,
    ).toHaveLength(0);
    const told = await t.database.db
      .select({ params: notifications.params, link: notifications.link })
      .from(notifications)
      .where(and(eq(notifications.userId, lucas.userId), eq(notifications.type, 'content_moderated')));
    expect(told[0]).toMatchObject({
      link: `/pros/${pro.slug}`,
      params: { targetType: 'review', action: 'hidden' },
    });

    const restored = await call(admin, 'POST', `/api/admin/moderation/review/${id}/restore`, {});
    expect(restored.json().status).toBe('published');
    expect(await counters(pro.userId)).toEqual(before);
    expect(await counters(pro.userId)).toEqual(await recount(pro.userId));
  });

  it('hides a review at the flag threshold, out of the rating, until an admin dismisses the flags', async () => {
    const id = await reviewIdOf(followed);
    const before = await counters(pro.userId);
    for (const who of [pro, otherPro, lucas]) {
      expect((await call(who, 'POST', `/api/reviews/${id}/flags`, { reason: 'spam' })).statusCode).toBe(201);
    }
    const [row] = (
      await t.database.db.execute<{ status: string; moderation_reason: string | null }>(
        sql`select status, moderation_reason from pro_reviews where id = ${id}`,
      )
    ).rows;
    expect(row).toEqual({ status: 'hidden', moderation_reason: 'flags' });
    expect(await counters(pro.userId)).toEqual(await recount(pro.userId));
    expect((await counters(pro.userId))?.count).toBe((before?.count ?? 0) - 1);
    const dismissed = await call(admin, 'POST', `/api/admin/moderation/review/${id}/dismiss`, {});
    expect(dismissed.json().status).toBe('published');
    expect(await counters(pro.userId)).toEqual(before);
  });

  it('hides a pro’s reviews with the pro when not listed', async () => {
    const pending = await signedInPro(t, { verified: false, firstName: 'Zoé', lastName: 'Pending' });
    expect((await call(null, 'GET', `/api/pros/${pending.slug}/reviews`)).statusCode).toBe(404);
    expect((await call(amina, 'GET', `/api/pros/${pending.slug}/reviews`)).statusCode).toBe(404);
    expect((await call(pending, 'GET', `/api/pros/${pending.slug}/reviews`)).statusCode).toBe(200);
    expect((await call(admin, 'GET', `/api/pros/${pending.slug}/reviews`)).statusCode).toBe(200);
  });

  async function reviewIdOf(dossierId: string): Promise<string> {
    const result = await t.database.db.execute<{ id: string }>(
      sql`select id from pro_reviews where dossier_id = ${dossierId}`,
    );
    return result.rows[0]?.id as string;
  }
});

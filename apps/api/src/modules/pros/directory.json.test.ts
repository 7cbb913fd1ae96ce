import { ZProCard } from '@capitune/contracts';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import { signUpAndLogIn } from '../../../test/auth-helpers';
import { followedDossier, signedInPro } from '../../../test/directory-helpers';
import { events, proReviews, users } from '../../db/schema';
import { toReview } from './directory.mappers';
import type { TestimonialJson } from './directory.queries';
import { reviewById } from './reviews.queries';

const DAY = 86_400_000;

/**
 * Where SQL builds JSON that a mapper reads or a response carries as it is (`reviewJson`, the profile's
 * webinars) or two statements feed one mapper (the directory's card, the profile's card), the objects must
 * be the same as the rows read by the query builder give: a renamed key or a time cut otherwise fails here.
 */
describe('the JSON built in SQL for the directory, profiles and reviews', () => {
  let t: TestApp;
  let pro: Awaited<ReturnType<typeof signedInPro>>;

  beforeAll(async () => {
    t = await createTestApp();
    pro = await signedInPro(t, { firstName: 'Odile', lastName: 'Jsonnier' });
  });
  afterAll(() => t.close());

  /** A review as the builder reads it, in the shape of `reviewJson`. */
  const builderJson = async (id: string): Promise<TestimonialJson> => {
    const [row] = await t.database.db
      .select({ review: proReviews, firstName: users.firstName, lastName: users.lastName })
      .from(proReviews)
      .innerJoin(users, eq(users.id, proReviews.authorId))
      .where(eq(proReviews.id, id));
    if (!row) throw new Error('no review');
    const { review } = row;
    return {
      id: review.id,
      author_id: review.authorId,
      responsiveness: review.responsiveness,
      fees_clarity: review.feesClarity,
      process_explanation: review.processExplanation,
      overall: review.overall,
      body: review.body,
      author_name: review.display === 'name' ? `${row.firstName} ${row.lastName.slice(0, 1)}.` : null,
      featured: review.featured,
      feature_consent: review.featureConsent,
      reply: review.reply,
      replied_at: review.repliedAt?.toISOString() ?? null,
      created_at: review.createdAt.toISOString(),
      updated_at: review.updatedAt.toISOString(),
    };
  };

  it('gives a review the same JSON as the row read by the builder, named or anonymous', async () => {
    for (const display of ['name', 'anonymous'] as const) {
      const candidate = await signUpAndLogIn(t.app, t.database, { firstName: 'Amina', lastName: 'Diallo' });
      const dossierId = await followedDossier(t, candidate, pro.userId, new Date(Date.now() - 40 * DAY));
      const [review] = await t.database.db
        .insert(proReviews)
        .values({
          proId: pro.userId,
          dossierId,
          authorId: candidate.userId,
          responsiveness: 5,
          feesClarity: 4,
          processExplanation: 3,
          overall: 4,
          body: 'Très disponible, explications claires.',
          display,
          featureConsent: display === 'name',
          reply: display === 'name' ? 'Merci !' : null,
        })
        .returning({ id: proReviews.id });
      if (!review) throw new Error('no review');
      // Microseconds, as PostgreSQL keeps them: cut as the driver cuts them.
      await t.database.db.execute(sql`update pro_reviews
        set created_at = '2026-11-02 10:00:00.123456+00', updated_at = '2026-11-03 11:30:00.999999+00',
          replied_at = case when reply is null then null else '2026-11-04 08:15:00.000500+00'::timestamptz end
        where id = ${review.id}`);

      const fromSql = await reviewById(t.app.deps.db, review.id);
      const fromBuilder = await builderJson(review.id);
      expect(fromSql).toEqual(fromBuilder);
      expect(toReview(fromSql as TestimonialJson, candidate.userId)).toEqual(
        toReview(fromBuilder, candidate.userId),
      );
    }
  });

  it('gives a pro the same card in the directory and on their profile', async () => {
    const page = await t.app.inject({ method: 'GET', url: '/api/pros?q=Jsonnier' });
    expect(page.statusCode, page.body).toBe(200);
    const [card] = page.json().items;
    const profile = await t.app.inject({ method: 'GET', url: `/api/pros/${pro.slug}` });
    expect(profile.statusCode, profile.body).toBe(200);
    const cardKeys = Object.keys(ZProCard.shape);
    const profileCard = Object.fromEntries(
      Object.entries(profile.json()).filter(([key]) => cardKeys.includes(key)),
    );
    expect(card).toEqual(profileCard);
    expect(card.id).toBe(pro.userId);
  });

  it('shows the upcoming webinars as the rows read by the builder', async () => {
    const startsAt = new Date(Date.now() + 3 * DAY);
    await t.database.db.insert(events).values({
      hostId: pro.userId,
      title: 'Permis d’études : les étapes',
      language: 'fr',
      category: 'express_entry',
      startsAt,
      endsAt: new Date(startsAt.getTime() + 3_600_000),
      timeZone: 'America/Toronto',
      status: 'scheduled',
    });
    const rows = await t.database.db
      .select({ id: events.id, title: events.title, startsAt: events.startsAt })
      .from(events)
      .where(eq(events.hostId, pro.userId));
    const profile = await t.app.inject({ method: 'GET', url: `/api/pros/${pro.slug}` });
    expect(profile.json().upcomingWebinars).toEqual(
      rows.map((row) => ({ id: row.id, title: row.title, startsAt: row.startsAt.toISOString() })),
    );
  });
});

import { parseStreamLink } from '@capitune/contracts';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import { verifyPassword } from '../../lib/password';
import { users } from '../schema';
import { demoAccounts, demoEvents, demoPassword, demoPros, demoReviewers, seedDemoData } from '.';

describe('demo seed', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('creates the demo accounts once, with argon2id password hashes', async () => {
    expect(await seedDemoData(t.database.db, { storage: t.storage })).toEqual({
      created: demoAccounts.length,
      events: demoEvents.length,
    });
    const counted = async () =>
      (
        await t.database.db.execute<Record<string, number>>(sql`select
          (select count(*)::int from users) as users, (select count(*)::int from pro_verifications) as files,
          (select count(*)::int from pro_profiles) as profiles, (select count(*)::int from pro_reviews) as reviews,
          (select count(*)::int from dossiers) as dossiers, (select count(*)::int from licence_conflicts) as conflicts`)
      ).rows[0];
    const first = await counted();
    expect(await seedDemoData(t.database.db, { storage: t.storage })).toEqual({ created: 0, events: 0 });
    expect(await counted()).toEqual(first);
    const rows = await t.database.db.select().from(users);
    const emails = [...demoAccounts, ...demoPros, ...demoReviewers].map((account) => account.email);
    expect(rows.map((row) => row.email).sort()).toEqual([...new Set(emails)].sort());
    for (const row of rows.filter((row) => demoAccounts.some((account) => account.email === row.email))) {
      expect(row.passwordHash).toMatch(/^\$argon2id\$/);
      expect(await verifyPassword(row.passwordHash, demoPassword)).toBe(true);
      expect(row.emailVerifiedAt).toBeInstanceOf(Date);
    }
  });

  it('gives the demo pro upcoming webinars with valid stream links, shown in the Live list', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/events?limit=100' });
    expect(response.statusCode).toBe(200);
    const items = response.json().items as { title: string; status: string; host: { firstName: string } }[];
    expect(items.map((item) => item.title)).toEqual(demoEvents.map((demo) => demo.title));
    for (const item of items) {
      expect(item.status).toBe('scheduled');
      expect(item.host.firstName).toBe('Julien');
    }
    for (const demo of demoEvents) expect(parseStreamLink(demo.streamUrl)?.provider).toBe('youtube');
  });

  it('lists the demo pros in the directory: the demo pro verified with evidence, the second pending', async () => {
    const directory = await t.app.inject({ method: 'GET', url: '/api/pros?limit=100' });
    expect(directory.statusCode).toBe(200);
    const items = directory.json().items as { slug: string; firstName: string; lastName: string }[];
    expect(items).toHaveLength(demoPros.filter((pro) => pro.verifiedDaysAgo !== null).length);
    expect(items.map((item) => item.lastName)).not.toContain('Gauthier');
    const julien = items.find((item) => item.lastName === 'Tremblay');
    if (!julien) throw new Error('the demo pro is not listed');
    const profile = (await t.app.inject({ method: 'GET', url: `/api/pros/${julien.slug}` })).json();
    expect(profile).toMatchObject({
      verified: true,
      licenceNumber: 'R700123',
      organisation: { name: 'Tremblay Immigration' },
      rating: { count: 3 },
    });
    expect(profile.testimonials).toHaveLength(2);
    expect(profile.upcomingWebinars).toHaveLength(demoEvents.length);

    const files = await t.database.db.execute<{
      email: string;
      status: string;
      capture: string | null;
      identity: string | null;
      references: number;
      conflicts: number;
    }>(sql`select u.email, v.status, v.register_capture->>'key' as capture,
        v.identity_document->>'key' as identity,
        (select count(*)::int from pro_references r where r.verification_id = v.id) as references,
        (select count(*)::int from licence_conflicts c where c.verification_id = v.id and c.resolved_at is null)
          as conflicts
      from pro_verifications v join users u on u.id = v.user_id
      where u.email in ('pro@demo.capitune.ca', 'pro2@demo.capitune.ca') order by u.email`);
    const [pro2, pro] = files.rows; // 'pro2@' sorts before 'pro@'
    expect(pro).toMatchObject({ status: 'verified', references: 2, conflicts: 0 });
    expect(pro2).toMatchObject({ status: 'pending', capture: null, references: 2, conflicts: 1 });
    // The evidence is in the BlobStore.
    expect(await t.storage.exists(pro?.capture as string)).toBe(true);
    expect(await t.storage.exists(pro?.identity as string)).toBe(true);
    expect(await t.storage.exists(pro2?.identity as string)).toBe(true);

    // Every rating counter is the sum of its published reviews.
    const drift = await t.database.db.execute<{ n: number }>(sql`select count(*)::int as n from pro_profiles p
      where rating_count <> (select count(*) from pro_reviews r where r.pro_id = p.user_id and r.status = 'published')
        or rating_sum <> (select coalesce(sum(overall), 0) from pro_reviews r
          where r.pro_id = p.user_id and r.status = 'published')`);
    expect(drift.rows[0]?.n).toBe(0);
  });

  it('stores emails case-insensitively', async () => {
    const [row] = await t.database.db
      .select()
      .from(users)
      .where((await import('drizzle-orm')).eq(users.email, 'CANDIDAT@demo.capitune.ca'));
    expect(row?.role).toBe('candidate');
  });
});

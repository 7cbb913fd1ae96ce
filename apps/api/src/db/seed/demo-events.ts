import { and, eq } from 'drizzle-orm';
import type { Database } from '../../platform/db/database';
import { events, users } from '../schema';

const DAY = 24 * 60 * 60 * 1000;

/** Upcoming webinars given by the demo pro, so that the Live calendar is not empty on a first start. */
export const demoEvents = [
  {
    title: 'Comment réussir son Entrée express',
    description:
      'Score CRS, profil, invitation à présenter une demande : les étapes de l’Entrée express, les erreurs qui coûtent des points et vos questions en direct.',
    language: 'fr',
    category: 'express_entry',
    tags: ['entrée express', 'crs'],
    inDays: 7,
    minutes: 60,
    capacity: 100,
    streamUrl: 'https://www.youtube.com/watch?v=ysz5S6PUM-U',
  },
  {
    title: 'Étudier au Québec : le CAQ',
    description:
      'Le certificat d’acceptation du Québec pas à pas : admission, preuves financières, délais, puis le permis d’études fédéral.',
    language: 'fr',
    category: 'study',
    tags: ['québec', 'caq', 'permis études'],
    inDays: 14,
    minutes: 90,
    capacity: 50,
    streamUrl: 'https://youtu.be/jNQXAC9IVRw',
  },
  {
    title: 'Work permits in Canada: open or employer-specific?',
    description:
      'Open work permits, LMIA-based and LMIA-exempt offers, spouses and graduates: which path fits you. Questions in English or French.',
    language: 'bilingual',
    category: 'work',
    tags: ['work permit', 'lmia'],
    inDays: 21,
    minutes: 60,
    capacity: null,
    streamUrl: 'https://www.youtube.com/live/ysz5S6PUM-U',
  },
] as const;

/**
 * Seeds the demo webinars, hosted by the demo pro (seeded first). Idempotent: a webinar of that host
 * with the same title is left as it is, so restarts add nothing and a demo user's edits survive.
 * Their reminders are queued by the caller once the job queue runs (`queueMissingReminders`), as jobs
 * cannot be sent here.
 */
export async function seedDemoEvents(db: Database, now = new Date()): Promise<number> {
  const [host] = await db.select({ id: users.id }).from(users).where(eq(users.email, 'pro@demo.capitune.ca'));
  if (!host) return 0;
  // 23:00 UTC: 18:00 in Montréal and Toronto in winter, 19:00 in summer.
  const midnight = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  let created = 0;
  for (const demo of demoEvents) {
    const [existing] = await db
      .select({ id: events.id })
      .from(events)
      .where(and(eq(events.hostId, host.id), eq(events.title, demo.title)));
    if (existing) continue;
    const startsAt = new Date(midnight + demo.inDays * DAY + 23 * 60 * 60 * 1000);
    await db.insert(events).values({
      hostId: host.id,
      title: demo.title,
      description: demo.description,
      language: demo.language,
      category: demo.category,
      tags: [...demo.tags],
      startsAt,
      endsAt: new Date(startsAt.getTime() + demo.minutes * 60 * 1000),
      timeZone: 'America/Toronto',
      capacity: demo.capacity,
      streamUrl: demo.streamUrl,
      status: 'scheduled',
      publishedAt: now,
      createdAt: now,
      updatedAt: now,
    });
    created += 1;
  }
  return created;
}

import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Database } from '../../platform/db/database';
import { eventRegistrations, events, users } from '../schema';
import { DAY } from './demo-common';

/** Upcoming webinars given by the demo pro, so that the Live calendar is not empty on a first start. */
export const demoEvents = [
  {
    title: 'Comment réussir son Entrée express',
    description:
      'Score CRS, profil, invitation à présenter une demande : les étapes de l’Entrée express, les erreurs qui coûtent des points et vos questions en direct.',
    language: 'fr',
    category: 'express_entry',
    tags: ['entrée express', 'crs'],
    inDays: 7,
    minutes: 60,
    capacity: 100,
    streamUrl: 'https://www.youtube.com/watch?v=ysz5S6PUM-U',
  },
  {
    title: 'Étudier au Québec : le CAQ',
    description:
      'Le certificat d’acceptation du Québec pas à pas : admission, preuves financières, délais, puis le permis d’études fédéral.',
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

/** Webinars that took place, with their attendance: the replays and history of Live. */
export const demoPastEvents = [
  {
    host: 'pro@demo.capitune.ca',
    title: 'Entrée express : préparer sa demande après l’invitation',
    description:
      'Soixante jours pour tout déposer : l’ordre des démarches, les lettres d’emploi, les certificats de police et les preuves de fonds.',
    language: 'fr',
    category: 'express_entry',
    tags: ['entrée express', 'ipd'],
    daysAgo: 9,
    minutes: 60,
    capacity: 100,
    replayUrl: 'https://www.youtube.com/watch?v=ysz5S6PUM-U',
    attendees: 9,
    noShows: 2,
  },
  {
    host: 'wei.chen@demo.capitune.ca',
    title: 'Finding housing in Vancouver and Toronto',
    description:
      'Rental markets, credit history, references and deposits: what newcomers need to rent their first apartment.',
    language: 'en',
    category: 'settlement',
    tags: ['housing', 'vancouver', 'toronto'],
    daysAgo: 16,
    minutes: 45,
    capacity: null,
    replayUrl: null,
    attendees: 7,
    noShows: 3,
  },
  {
    host: 'fatou.ndiaye@demo.capitune.ca',
    title: 'Vivre et travailler en français en Ontario',
    description:
      'Tirages francophones, Mobilité francophone, écoles et services en français : immigrer en français hors du Québec.',
    language: 'fr',
    category: 'settlement',
    tags: ['francophonie', 'ontario'],
    daysAgo: 23,
    minutes: 60,
    capacity: 80,
    replayUrl: 'https://youtu.be/jNQXAC9IVRw',
    attendees: 8,
    noShows: 1,
  },
  {
    host: 'lucia.garcia@demo.capitune.ca',
    title: 'Study permits: the provincial attestation letter explained',
    description:
      'Which students need a PAL or a CAQ, how to get one, and how it fits with the study permit application. Questions in English, French or Spanish.',
    language: 'bilingual',
    category: 'study',
    tags: ['study permit', 'pal', 'caq'],
    daysAgo: 30,
    minutes: 60,
    capacity: 60,
    replayUrl: 'https://www.youtube.com/watch?v=ysz5S6PUM-U',
    attendees: 6,
    noShows: 2,
  },
] as const;

/** Who registers to the demo webinars: the demo candidate first, then the other demo candidates. */
const audience = [
  'candidat@demo.capitune.ca',
  'lucas.martin@demo.capitune.ca',
  'priya.sharma@demo.capitune.ca',
  'karim.mansour@demo.capitune.ca',
  'ana.reyes@demo.capitune.ca',
  'chloe.lavoie@demo.capitune.ca',
  'sofia.rossi@demo.capitune.ca',
  'linh.nguyen@demo.capitune.ca',
  'youssef.amrani@demo.capitune.ca',
  'emily.walker@demo.capitune.ca',
  'diego.morales@demo.capitune.ca',
];

// A demo webinar seeded before its French title had no-break spaces is the same webinar.
const plain = (title: string) => title.replaceAll('\u00a0', ' ');
const plainTitle = sql<string>`replace(${events.title}, chr(160), ' ')`;

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
      .where(and(eq(events.hostId, host.id), eq(plainTitle, plain(demo.title))));
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

/**
 * Live's history and audience: the past webinars with their attendance, and registrations to the demo
 * pro's upcoming ones (after `seedDemoEvents`). Gives the number of webinars it created.
 */
export async function seedDemoLiveHistory(db: Database, now: Date): Promise<number> {
  const people = await db
    .select({ id: users.id, email: users.email })
    .from(users)
    .where(inArray(users.email, audience));
  const registrants = audience
    .map((email) => people.find((person) => person.email.toLowerCase() === email)?.id)
    .filter((id): id is string => id !== undefined);
  const midnight = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const created = await seedPastEvents(db, midnight, registrants);
  await registerToUpcoming(db, now, registrants);
  return created;
}

/**
 * The past webinars, each with its registrations (most attended, some did not come), written once: a
 * webinar of that host with that title is left as it is.
 */
async function seedPastEvents(db: Database, midnight: number, registrants: string[]) {
  let created = 0;
  for (const [index, demo] of demoPastEvents.entries()) {
    const [host] = await db.select({ id: users.id }).from(users).where(eq(users.email, demo.host));
    if (!host) continue;
    // 23:00 UTC, as the upcoming ones.
    const startsAt = new Date(midnight - demo.daysAgo * DAY + 23 * 60 * 60 * 1000);
    const endsAt = new Date(startsAt.getTime() + demo.minutes * 60 * 1000);
    const publishedAt = new Date(startsAt.getTime() - 21 * DAY);
    await db.transaction(async (tx) => {
      const [existing] = await tx
        .select({ id: events.id })
        .from(events)
        .where(and(eq(events.hostId, host.id), eq(events.title, demo.title)));
      if (existing) return;
      const [event] = await tx
        .insert(events)
        .values({
          hostId: host.id,
          title: demo.title,
          description: demo.description,
          language: demo.language,
          category: demo.category,
          tags: [...demo.tags],
          startsAt,
          endsAt,
          timeZone: 'America/Toronto',
          capacity: demo.capacity,
          streamUrl: 'https://www.youtube.com/live/ysz5S6PUM-U',
          replayUrl: demo.replayUrl,
          status: 'scheduled',
          publishedAt,
          createdAt: publishedAt,
          updatedAt: endsAt,
        })
        .returning({ id: events.id });
      if (!event) return;
      const people = registrants
        .slice(index % 2, (index % 2) + demo.attendees + demo.noShows)
        .filter((id) => id !== host.id);
      await tx.insert(eventRegistrations).values(
        people.map((userId, k) => {
          const queuedAt = new Date(publishedAt.getTime() + (k + 1) * DAY);
          const attended = k < demo.attendees;
          return {
            eventId: event.id,
            userId,
            status: 'registered' as const,
            queuedAt,
            seatAt: queuedAt,
            attendedAt: attended ? new Date(startsAt.getTime() + (k % 5) * 60_000) : null,
            lastSeenAt: attended ? new Date(endsAt.getTime() - (k % 7) * 60_000) : null,
            createdAt: queuedAt,
            updatedAt: attended ? endsAt : queuedAt,
          };
        }),
      );
      created += 1;
    });
  }
  return created;
}

/**
 * A few people registered to the demo pro's upcoming webinars, the demo candidate to the first two (her
 * dashboard shows the next one). A registration that exists, even cancelled, is left as it is.
 */
async function registerToUpcoming(db: Database, now: Date, registrants: string[]) {
  const upcoming = await db
    .select({ id: events.id, title: events.title })
    .from(events)
    .innerJoin(users, eq(users.id, events.hostId))
    .where(
      and(
        eq(users.email, 'pro@demo.capitune.ca'),
        inArray(
          plainTitle,
          demoEvents.map((demo) => plain(demo.title)),
        ),
      ),
    );
  for (const [index, demo] of demoEvents.entries()) {
    const event = upcoming.find((row) => plain(row.title) === plain(demo.title));
    if (!event) continue;
    const people = index < 2 ? registrants.slice(0, 5 - index) : registrants.slice(3, 6);
    await db
      .insert(eventRegistrations)
      .values(
        people.map((userId, k) => {
          const queuedAt = new Date(now.getTime() - (k + 1) * 6 * 60 * 60 * 1000);
          return {
            eventId: event.id,
            userId,
            status: 'registered' as const,
            queuedAt,
            seatAt: queuedAt,
            createdAt: queuedAt,
            updatedAt: queuedAt,
          };
        }),
      )
      .onConflictDoNothing();
  }
}

import { randomUUID } from 'node:crypto';
import type { TCreateEventInput, TLocale, TUserRole } from '@capitune/contracts';
import ICAL from 'ical.js';
import { expect } from 'vitest';
import { organisations, sessions, users } from '../src/db/schema';
import { hashPassword } from '../src/lib/password';
import { signAccessToken } from '../src/lib/tokens';
import type { Clock } from '../src/platform/clock';
import type { TestApp } from './app';
import { STRONG_PASSWORD } from './auth-helpers';
import { uniqueLicence } from './dossier-helpers';
import { verifyPro } from './pro-helpers';

export interface QuickUser {
  userId: string;
  email: string;
  firstName: string;
  /** Authorization headers with a token signed at the clock's current time (tests move the clock). */
  auth(): Promise<{ authorization: string }>;
}

let counter = 0;
/** Everyone's password is STRONG_PASSWORD (a step-up needs one); hashed once. */
let quickPasswordHash: Promise<string> | undefined;

/**
 * A user inserted directly, with a token signed for them: much faster than signing up, for tests that
 * need many people (50 simultaneous registrations). Sign-up itself is tested in the auth module. A pro's
 * licence (a unique one) is verified unless `proVerified: false`.
 */
export async function quickUser(
  t: TestApp,
  clock: Clock,
  options: {
    role?: TUserRole;
    locale?: TLocale;
    timeZone?: string;
    verified?: boolean;
    firstName?: string;
    organisation?: string;
    proVerified?: boolean;
  } = {},
): Promise<QuickUser> {
  counter += 1;
  const role = options.role ?? 'candidate';
  const email = `${role}${counter}.${randomUUID().slice(0, 8)}@example.ca`;
  const firstName = options.firstName ?? (role === 'pro' ? 'Julien' : 'Amina');
  let organisationId: string | null = null;
  if (options.organisation) {
    const [organisation] = await t.database.db
      .insert(organisations)
      .values({ name: options.organisation })
      .returning({ id: organisations.id });
    organisationId = organisation?.id ?? null;
  }
  quickPasswordHash ??= hashPassword(STRONG_PASSWORD);
  const [row] = await t.database.db
    .insert(users)
    .values({
      email,
      passwordHash: await quickPasswordHash,
      role,
      firstName,
      lastName: role === 'pro' ? 'Tremblay' : 'Diallo',
      locale: options.locale ?? 'fr',
      timeZone: options.timeZone ?? 'America/Toronto',
      emailVerifiedAt: options.verified === false ? null : new Date(),
      organisationId,
    })
    .returning({ id: users.id });
  if (!row) throw new Error('user insert failed');
  const userId = row.id;
  if (role === 'pro' && options.proVerified !== false) {
    await verifyPro(t, userId, { licenceNumber: uniqueLicence() });
  }
  // A real session row: the API refuses a token whose session it does not know.
  const [session] = await t.database.db
    .insert(sessions)
    .values({ userId, expiresAt: new Date(clock.now().getTime() + 10 * 365 * 86_400_000) })
    .returning({ id: sessions.id });
  const sessionId = session?.id ?? '';
  const secret = t.app.deps.config.jwtSecret;
  return {
    userId,
    email,
    firstName,
    async auth() {
      const token = await signAccessToken(
        { id: userId, role, sessionId, emailVerified: options.verified !== false },
        secret,
        clock.now(),
      );
      return { authorization: `Bearer ${token}` };
    },
  };
}

/** A valid webinar, published, starting in `inHours` from the clock's time, lasting an hour. */
export function eventInput(clock: Clock, overrides: Partial<TCreateEventInput> & { inHours?: number } = {}) {
  const { inHours = 72, ...rest } = overrides;
  const start = new Date(clock.now().getTime() + inHours * 3_600_000);
  return {
    title: 'Comment réussir son Entrée express',
    description: 'Les étapes, les pièges, vos questions.',
    language: 'fr',
    category: 'express_entry',
    tags: ['entrée express', 'crs'],
    startsAt: start.toISOString(),
    endsAt: new Date(start.getTime() + 3_600_000).toISOString(),
    timeZone: 'America/Toronto',
    capacity: null,
    streamUrl: 'https://www.youtube.com/watch?v=dQw4w9WgXcQ',
    status: 'scheduled',
    ...rest,
  } satisfies TCreateEventInput;
}

export async function createEvent(
  t: TestApp,
  host: QuickUser,
  input: TCreateEventInput,
): Promise<{ id: string; [key: string]: unknown }> {
  const response = await t.app.inject({
    method: 'POST',
    url: '/api/events',
    headers: await host.auth(),
    payload: input,
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json();
}

/** Parses a calendar file with ical.js, registering its time zones, and returns its events. */
export function parseCalendar(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text));
  for (const zone of calendar.getAllSubcomponents('vtimezone')) {
    ICAL.TimezoneService.register(new ICAL.Timezone(zone));
  }
  const events = calendar.getAllSubcomponents('vevent').map((vevent) => {
    const event = new ICAL.Event(vevent);
    return {
      uid: event.uid,
      summary: event.summary,
      description: event.description,
      sequence: event.sequence,
      start: event.startDate.toJSDate(),
      end: event.endDate.toJSDate(),
      startZone: event.startDate.zone?.tzid,
      status: vevent.getFirstPropertyValue('status'),
      url: vevent.getFirstPropertyValue('url'),
      dtstamp: vevent.getFirstProperty('dtstamp')?.getFirstValue(),
    };
  });
  return { calendar, events, method: calendar.getFirstPropertyValue('method') };
}

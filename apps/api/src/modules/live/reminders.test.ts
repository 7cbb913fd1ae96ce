// Over 500 lines: the reminder batches, their continuation and a worker killed mid-batch share one clock-driven set of webinars.
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import { emailsTo } from '../../../test/auth-helpers';
import { createEvent, eventInput, type QuickUser, quickUser } from '../../../test/live-helpers';
import { startSmtpReceiver } from '../../../test/smtp';
import {
  eventRegistrations,
  events,
  notifications,
  outbox,
  reminderDeliveries,
  users,
} from '../../db/schema';
import { demoEvents } from '../../db/seed';
import { seedDemoEvents } from '../../db/seed/demo-events';
import type { AppDeps } from '../../deps';
import { ManualClock } from '../../platform/clock';
import { defaultJobSettings, type Jobs, startJobs } from '../../platform/jobs/jobs';
import { createSmtpMailer } from '../../platform/mailer/mailer';
import { createOutbox } from '../../platform/mailer/outbox';
import { startWorkers } from '../../workers';
import {
  queueMissingReminders,
  REMINDER_QUEUE,
  type ReminderJob,
  type ReminderOutcome,
  runReminderJob,
  sendEventReminders,
} from './reminders';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

async function reminderEmails(t: TestApp, address: string, kind?: '24h' | '1h') {
  return (await emailsTo(t.database, address)).filter((email) =>
    kind ? email.template === `events.reminder_${kind}` : email.template.startsWith('events.reminder_'),
  );
}

async function queuedJobs(t: TestApp, eventId: string) {
  const { rows } = await t.database.pool.query<{
    state: string;
    start_after: Date;
    singleton_key: string;
    data: ReminderJob;
  }>(
    `select state, start_after, singleton_key, data from pgboss.job
      where name = $1 and data->>'eventId' = $2 order by start_after`,
    [REMINDER_QUEUE, eventId],
  );
  return rows;
}

describe('Live: reminders, by the rules (manual clock, handler run directly)', () => {
  let t: TestApp;
  const clock = new ManualClock('2026-11-25T12:00:00Z');
  let host: QuickUser;

  beforeAll(async () => {
    t = await createTestApp({ clock });
    host = await quickUser(t, clock, { role: 'pro', firstName: 'Julien' });
  });
  afterAll(() => t.close());

  const register = async (eventId: string, user: QuickUser) => {
    const response = await t.app.inject({
      method: 'POST',
      url: `/api/events/${eventId}/registrations`,
      headers: await user.auth(),
    });
    expect(response.statusCode).toBe(201);
  };
  const run = (eventId: string, kind: '24h' | '1h', startsAt: string) =>
    sendEventReminders(t.app.deps, { eventId, kind, startsAt });

  it('queues the 24-hour and 1-hour reminders when published, in the same transaction', async () => {
    const event = await createEvent(t, host, eventInput(clock, { inHours: 48 }));
    const jobs = await queuedJobs(t, event.id);
    const start = new Date(event.startsAt as string).getTime();
    expect(jobs.map((job) => [job.data.kind, job.start_after.getTime(), job.state])).toEqual([
      ['24h', start - 24 * HOUR, 'created'],
      ['1h', start - HOUR, 'created'],
    ]);
    expect(jobs[0]?.singleton_key).toBe(`${event.id}:24h:${event.startsAt}`);
    // A draft has none; publishing 3 hours before the start queues only the 1-hour one.
    const draft = await createEvent(t, host, eventInput(clock, { inHours: 3, status: 'draft' }));
    expect(await queuedJobs(t, draft.id)).toEqual([]);
    await t.app.inject({
      method: 'PATCH',
      url: `/api/events/${draft.id}`,
      headers: await host.auth(),
      payload: { status: 'scheduled' },
    });
    expect((await queuedJobs(t, draft.id)).map((job) => job.data.kind)).toEqual(['1h']);
  });

  it('queues the reminders of the demo webinars once the job queue runs, once; registering queues none', async () => {
    // The demo seed inserts its webinars before the job queue starts (main.ts), for the demo pro.
    const demoHost = await quickUser(t, clock, { role: 'pro' });
    await t.database.db
      .update(users)
      .set({ email: 'pro@demo.capitune.ca' })
      .where(eq(users.id, demoHost.userId));
    expect(await seedDemoEvents(t.database.db, clock.now())).toBe(demoEvents.length);
    const seeded = await t.database.db
      .select({ id: events.id, startsAt: events.startsAt, jobIds: events.reminderJobIds })
      .from(events)
      .where(eq(events.hostId, demoHost.userId));
    expect(seeded).toHaveLength(demoEvents.length);
    for (const event of seeded) expect(await queuedJobs(t, event.id)).toEqual([]);

    // Events published through the API have theirs already: only the seeded ones are handled.
    expect(await queueMissingReminders(t.app.deps)).toBe(demoEvents.length);
    const [first] = seeded;
    if (!first) throw new Error('no seeded event');
    const start = first.startsAt.getTime();
    const queued = await queuedJobs(t, first.id);
    expect(queued.map((job) => [job.data.kind, job.start_after.getTime(), job.state])).toEqual([
      ['24h', start - 24 * HOUR, 'created'],
      ['1h', start - HOUR, 'created'],
    ]);
    // Their ids are kept, for a change of time or a cancellation to cancel them.
    const [kept] = await t.database.db
      .select({ jobIds: events.reminderJobIds })
      .from(events)
      .where(eq(events.id, first.id));
    const { rows: ids } = await t.database.pool.query<{ id: string }>(
      `select id::text from pgboss.job where name = $1 and data->>'eventId' = $2`,
      [REMINDER_QUEUE, first.id],
    );
    expect([...(kept?.jobIds ?? [])].sort()).toEqual(ids.map((row) => row.id).sort());

    // A second start, and registrations, queue nothing more.
    expect(await queueMissingReminders(t.app.deps)).toBe(0);
    await register(first.id, await quickUser(t, clock));
    await register(first.id, await quickUser(t, clock));
    expect(await queuedJobs(t, first.id)).toHaveLength(2);
    for (const event of seeded) expect(await queuedJobs(t, event.id)).toHaveLength(2);
  });

  it('sends each reminder once, in each person’s language and time zone, only to those registered in time', async () => {
    const event = await createEvent(t, host, {
      ...eventInput(clock),
      startsAt: '2026-11-27T18:00:00Z',
      endsAt: '2026-11-27T19:00:00Z',
    });
    const startsAt = event.startsAt as string;
    const early = await quickUser(t, clock, { locale: 'fr', timeZone: 'America/Toronto' });
    const english = await quickUser(t, clock, { locale: 'en', timeZone: 'Europe/Paris' });
    const quitter = await quickUser(t, clock);
    for (const person of [early, english, quitter]) await register(event.id, person);

    clock.set('2026-11-26T18:00:00Z'); // 24 hours before
    expect(await run(event.id, '24h', startsAt)).toEqual({ sent: 3 });
    expect(await run(event.id, '24h', startsAt)).toEqual({ sent: 0 }); // a second run sends nothing
    const [frenchReminder] = await reminderEmails(t, early.email, '24h');
    expect(frenchReminder?.subject).toBe(
      'Rappel\u00a0: «\u00a0Comment réussir son Entrée express\u00a0» demain',
    );
    expect(frenchReminder?.text).toContain('vendredi 27 novembre 2026');
    expect(frenchReminder?.text).toMatch(/13\sh\s00/);
    const [englishReminder] = await reminderEmails(t, english.email, '24h');
    expect(englishReminder?.subject).toBe('Reminder: “Comment réussir son Entrée express” tomorrow');
    expect(englishReminder?.text).toMatch(/Friday, November 27, 2026, 7:00.8:00\sp\.m\.\sGMT\+1/);
    const [inApp] = await t.database.db
      .select()
      .from(notifications)
      .where(eq(notifications.userId, early.userId));
    expect(inApp).toMatchObject({
      type: 'webinar_reminder',
      params: expect.objectContaining({ kind: '24h' }),
    });

    // Two hours before: a late registration, and a cancellation.
    clock.set('2026-11-27T16:00:00Z');
    const lastMinute = await quickUser(t, clock);
    await register(event.id, lastMinute);
    await t.app.inject({
      method: 'DELETE',
      url: `/api/events/${event.id}/registrations`,
      headers: await quitter.auth(),
    });
    // 30 minutes before the 1-hour mark… then 30 minutes before the start, someone else registers.
    clock.set('2026-11-27T17:00:00Z');
    expect(await run(event.id, '1h', startsAt)).toEqual({ sent: 3 });
    clock.set('2026-11-27T17:30:00Z');
    const tooLate = await quickUser(t, clock);
    await register(event.id, tooLate);
    expect(await run(event.id, '1h', startsAt)).toEqual({ sent: 0 });

    expect((await reminderEmails(t, early.email)).map((email) => email.template).sort()).toEqual([
      'events.reminder_1h',
      'events.reminder_24h',
    ]);
    // Registered 2 hours before: only the 1-hour reminder.
    expect((await reminderEmails(t, lastMinute.email)).map((email) => email.template)).toEqual([
      'events.reminder_1h',
    ]);
    // Registered 30 minutes before: none. Cancelled: none after the cancellation.
    expect(await reminderEmails(t, tooLate.email)).toEqual([]);
    expect((await reminderEmails(t, quitter.email)).map((email) => email.template)).toEqual([
      'events.reminder_24h',
    ]);
    clock.set('2026-11-25T12:00:00Z');
  });

  it('skips a job run too late, or too early', async () => {
    const event = await createEvent(t, host, eventInput(clock, { inHours: 30 }));
    const startsAt = event.startsAt as string;
    await register(event.id, await quickUser(t, clock));
    expect(await run(event.id, '24h', startsAt)).toEqual({ sent: 0, skipped: 'early' });
    clock.advance(30 * HOUR - 50 * MINUTE); // 50 minutes before: the 24-hour one no longer makes sense
    expect(await run(event.id, '24h', startsAt)).toEqual({ sent: 0, skipped: 'late' });
    clock.advance(55 * MINUTE); // started
    expect(await run(event.id, '1h', startsAt)).toEqual({ sent: 0, skipped: 'late' });
    clock.set('2026-11-25T12:00:00Z');
  });

  it('moves the reminders with the event: old jobs cancelled and skipped, new ones at the new time', async () => {
    const event = await createEvent(t, host, eventInput(clock, { inHours: 48 }));
    const oldStart = event.startsAt as string;
    const person = await quickUser(t, clock);
    await register(event.id, person);

    clock.advance(24 * HOUR); // the 24-hour reminder for the old time goes out
    expect(await run(event.id, '24h', oldStart)).toEqual({ sent: 1 });

    const newStart = new Date(new Date(oldStart).getTime() + 72 * HOUR);
    const moved = await t.app.inject({
      method: 'PATCH',
      url: `/api/events/${event.id}`,
      headers: await host.auth(),
      payload: {
        startsAt: newStart.toISOString(),
        endsAt: new Date(newStart.getTime() + HOUR).toISOString(),
      },
    });
    expect(moved.statusCode).toBe(200);
    const jobs = await queuedJobs(t, event.id);
    expect(jobs.filter((job) => job.data.startsAt === oldStart).map((job) => job.state)).toEqual([
      'cancelled',
      'cancelled',
    ]);
    expect(
      jobs
        .filter((job) => job.data.startsAt === newStart.toISOString())
        .map((job) => [job.data.kind, job.start_after.getTime(), job.state]),
    ).toEqual([
      ['24h', newStart.getTime() - 24 * HOUR, 'created'],
      ['1h', newStart.getTime() - HOUR, 'created'],
    ]);

    // A stale job that still runs (queued elsewhere, or before the cancel) sends nothing at the old time.
    clock.set(new Date(new Date(oldStart).getTime() - HOUR));
    expect(await run(event.id, '1h', oldStart)).toEqual({ sent: 0, skipped: 'stale' });
    // The new time gets its own reminders, the 24-hour one included.
    clock.set(new Date(newStart.getTime() - 24 * HOUR));
    expect(await run(event.id, '24h', newStart.toISOString())).toEqual({ sent: 1 });
    clock.set(new Date(newStart.getTime() - HOUR));
    expect(await run(event.id, '1h', newStart.toISOString())).toEqual({ sent: 1 });
    expect((await reminderEmails(t, person.email)).map((email) => email.template).sort()).toEqual([
      'events.reminder_1h',
      'events.reminder_24h',
      'events.reminder_24h',
    ]);
    clock.set('2026-11-25T12:00:00Z');
  });

  it('sends no reminder for a cancelled event, and cancels its jobs', async () => {
    const event = await createEvent(t, host, eventInput(clock, { inHours: 48 }));
    const person = await quickUser(t, clock);
    await register(event.id, person);
    await t.app.inject({
      method: 'PATCH',
      url: `/api/events/${event.id}`,
      headers: await host.auth(),
      payload: { status: 'cancelled' },
    });
    expect((await queuedJobs(t, event.id)).map((job) => job.state)).toEqual(['cancelled', 'cancelled']);
    clock.advance(47 * HOUR);
    expect(await run(event.id, '1h', event.startsAt as string)).toEqual({ sent: 0, skipped: 'stale' });
    expect(await reminderEmails(t, person.email)).toEqual([]);
    clock.set('2026-11-25T12:00:00Z');
  });

  it('respects the email preference for webinar reminders, still sending in-app', async () => {
    const event = await createEvent(t, host, eventInput(clock, { inHours: 30 }));
    const person = await quickUser(t, clock);
    await t.database.db
      .update(users)
      .set({
        notificationPreferences: {
          messages: { inApp: true, email: true },
          document_decisions: { inApp: true, email: true },
          webinar_reminders: { inApp: true, email: false },
          community_replies: { inApp: true, email: false },
        },
      })
      .where(eq(users.id, person.userId));
    await register(event.id, person);
    clock.advance(29 * HOUR);
    expect(await run(event.id, '1h', event.startsAt as string)).toEqual({ sent: 1 });
    expect(await reminderEmails(t, person.email)).toEqual([]);
    const inApp = await t.database.db
      .select()
      .from(notifications)
      .where(eq(notifications.userId, person.userId));
    expect(inApp.map((row) => row.type)).toEqual(['webinar_reminder']);
    clock.set('2026-11-25T12:00:00Z');
  });
});

/** A second API instance's job side: its own pg-boss, outbox and mailer on the same database. */
async function secondInstance(
  t: TestApp,
  smtpUrl: string | null,
): Promise<{ deps: AppDeps; jobs: Jobs; stop(): Promise<void> }> {
  const jobs = await startJobs(t.config.databaseUrl as string, { work: true, settings: t.config.jobs });
  const mailer = smtpUrl ? createSmtpMailer(smtpUrl, t.config.mailFrom) : null;
  const base = t.app.deps;
  const deps: AppDeps = {
    ...base,
    jobs,
    mailer,
    outbox: createOutbox({ pool: base.pool, jobs, mailer, clock: base.clock, log: t.app.log }),
  };
  return {
    deps,
    jobs,
    async stop() {
      await jobs.stop({ graceful: false });
      mailer?.close();
    },
  };
}

async function waitUntil(check: () => Promise<boolean>, timeoutMs = 45_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** Registrations with a seat taken two hours ago, for an event starting in 50 minutes: its 1-hour reminder is due. */
async function dueEvent(t: TestApp, host: QuickUser, people: QuickUser[]) {
  const event = await createEvent(t, host, eventInput(t.app.deps.clock, { inHours: 50 / 60 }));
  for (const person of people) {
    const response = await t.app.inject({
      method: 'POST',
      url: `/api/events/${event.id}/registrations`,
      headers: await person.auth(),
    });
    expect(response.statusCode).toBe(201);
  }
  await t.database.db
    .update(eventRegistrations)
    .set({ seatAt: sql`now() - interval '2 hours'` })
    .where(eq(eventRegistrations.eventId, event.id));
  return { id: event.id, startsAt: event.startsAt as string };
}

describe('Live: reminders with two worker instances on one database', () => {
  let t: TestApp;
  let smtp: Awaited<ReturnType<typeof startSmtpReceiver>>;
  let second: Awaited<ReturnType<typeof secondInstance>>;

  beforeAll(async () => {
    smtp = await startSmtpReceiver();
    t = await createTestApp({ env: { SMTP_URL: smtp.url }, workers: true });
    second = await secondInstance(t, smtp.url);
    await startWorkers(second.deps);
  });
  afterAll(async () => {
    await second.stop();
    await t.close();
    await smtp.close();
  });

  it('delivers the confirmation through SMTP with the calendar file attached', async () => {
    const clock = t.app.deps.clock;
    const host = await quickUser(t, clock, { role: 'pro' });
    const person = await quickUser(t, clock, { locale: 'en' });
    const event = await createEvent(t, host, eventInput(clock, { inHours: 72 }));
    await t.app.inject({
      method: 'POST',
      url: `/api/events/${event.id}/registrations`,
      headers: await person.auth(),
    });
    const email = await smtp.waitFor((received) => received.to.includes(person.email));
    expect(email.subject).toBe('Registration confirmed: Comment réussir son Entrée express');
    expect(email.attachments).toHaveLength(1);
    expect(email.attachments[0]?.filename).toBe('webinar.ics');
    expect(email.attachments[0]?.contentType).toBe('text/calendar');
    expect(email.attachments[0]?.content).toContain(`UID:${event.id}@capitune.ca`);
    expect(email.attachments[0]?.content).toContain('METHOD:PUBLISH');
  });

  it('sends each reminder exactly once though both instances run duplicate jobs', async () => {
    const clock = t.app.deps.clock;
    const host = await quickUser(t, clock, { role: 'pro' });
    const people = await Promise.all(Array.from({ length: 6 }, () => quickUser(t, clock)));
    const events = [await dueEvent(t, host, people.slice(0, 3)), await dueEvent(t, host, people.slice(3))];
    const sent: string[] = [];
    // The same reminder queued several times, from both instances (distinct keys defeat the singleton):
    // the database claim is what keeps it to one.
    for (const event of events) {
      for (const [index, jobs] of [t.jobs, second.jobs, t.jobs, second.jobs].entries()) {
        const id = await jobs.send(
          REMINDER_QUEUE,
          { eventId: event.id, kind: '1h', startsAt: event.startsAt } satisfies ReminderJob,
          { singletonKey: `duplicate-${event.id}-${index}` },
        );
        if (id) sent.push(id);
      }
    }
    expect(sent).toHaveLength(8);
    await waitUntil(async () => {
      const { rows } = await t.database.pool.query<{ state: string }>(
        'select state from pgboss.job where id = any($1::uuid[])',
        [sent],
      );
      return rows.every((row) => row.state === 'completed');
    });
    for (const person of people) {
      await smtp.waitFor((email) => email.to.includes(person.email) && email.subject.startsWith('Rappel'));
    }
    // Let any duplicate that would still be on its way arrive.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    for (const person of people) {
      const stored = await reminderEmails(t, person.email, '1h');
      expect(stored).toHaveLength(1);
      expect(stored[0]?.sentAt).toBeInstanceOf(Date);
      const received = smtp.received.filter(
        (email) => email.to.includes(person.email) && email.subject.startsWith('Rappel'),
      );
      expect(received).toHaveLength(1);
    }
    const deliveries = await t.database.db
      .select({ count: sql<number>`count(*)::int` })
      .from(reminderDeliveries)
      .innerJoin(eventRegistrations, eq(eventRegistrations.id, reminderDeliveries.registrationId))
      .where(
        and(
          eq(eventRegistrations.status, 'registered'),
          sql`${eventRegistrations.eventId} in (${sql.join(
            events.map((event) => sql`${event.id}::uuid`),
            sql`, `,
          )})`,
        ),
      );
    expect(deliveries[0]?.count).toBe(6);
  }, 60_000);

  it('sends once when both instances run the same reminder at the very same moment', async () => {
    const clock = t.app.deps.clock;
    const host = await quickUser(t, clock, { role: 'pro' });
    const people = await Promise.all(Array.from({ length: 5 }, () => quickUser(t, clock)));
    const event = await dueEvent(t, host, people);
    const job: ReminderJob = { eventId: event.id, kind: '1h', startsAt: event.startsAt };
    const outcomes = await Promise.all(
      [t.app.deps, second.deps, t.app.deps, second.deps].map((deps) => sendEventReminders(deps, job)),
    );
    expect(outcomes.reduce((total, outcome) => total + outcome.sent, 0)).toBe(5);
    for (const person of people) {
      expect(await reminderEmails(t, person.email, '1h')).toHaveLength(1);
    }
  });
});

describe('Live: a reminder job that crashes midway', () => {
  let t: TestApp;
  let worker: Awaited<ReturnType<typeof secondInstance>>;

  beforeAll(async () => {
    t = await createTestApp();
    worker = await secondInstance(t, null);
  });
  afterAll(async () => {
    await worker.stop();
    await t.close();
  });

  it('is retried and still sends each reminder once', async () => {
    const clock = t.app.deps.clock;
    const host = await quickUser(t, clock, { role: 'pro' });
    const people = await Promise.all(Array.from({ length: 3 }, () => quickUser(t, clock)));
    const event = await dueEvent(t, host, people);

    let attempts = 0;
    await worker.jobs.work<ReminderJob>(REMINDER_QUEUE, { pollingIntervalSeconds: 0.5 }, async ([job]) => {
      if (!job) return;
      attempts += 1;
      let claims = 0;
      await sendEventReminders(worker.deps, job.data, {
        // The first attempt dies after its second claim, before that transaction commits: the first
        // person's reminder is stored, the second one's claim is rolled back with its email.
        onClaimed: () => {
          claims += 1;
          if (attempts === 1 && claims === 2) throw new Error('worker crashed');
        },
      });
    });
    const id = await t.jobs.send(
      REMINDER_QUEUE,
      { eventId: event.id, kind: '1h', startsAt: event.startsAt } satisfies ReminderJob,
      { singletonKey: `crash-${event.id}`, retryLimit: 3, retryDelay: 1, retryBackoff: false },
    );
    await waitUntil(async () => {
      const { rows } = await t.database.pool.query<{ state: string }>(
        'select state from pgboss.job where id = $1',
        [id],
      );
      return rows[0]?.state === 'completed';
    });
    expect(attempts).toBe(2);
    for (const person of people) {
      expect(await reminderEmails(t, person.email, '1h')).toHaveLength(1);
    }
    const [claims] = await t.database.db
      .select({ count: sql<number>`count(*)::int` })
      .from(reminderDeliveries)
      .innerJoin(eventRegistrations, eq(eventRegistrations.id, reminderDeliveries.registrationId))
      .where(eq(eventRegistrations.eventId, event.id));
    expect(claims?.count).toBe(3);
    const stored = await t.database.db.select().from(outbox).where(eq(outbox.template, 'events.reminder_1h'));
    expect(stored).toHaveLength(3);
  }, 60_000);
});

describe('Live: a large reminder batch, in several job runs', () => {
  let t: TestApp;
  let worker: Awaited<ReturnType<typeof secondInstance>>;

  beforeAll(async () => {
    t = await createTestApp();
    worker = await secondInstance(t, null);
  });
  afterAll(async () => {
    await worker.stop();
    await t.close();
  });

  it('stops each run at a quarter of the job’s expiry, queues the rest, and still sends once to everyone', async () => {
    const clock = t.app.deps.clock;
    const host = await quickUser(t, clock, { role: 'pro' });
    const people = await Promise.all(Array.from({ length: 12 }, () => quickUser(t, clock)));
    const event = await dueEvent(t, host, people);

    const runs: ReminderOutcome[] = [];
    await worker.jobs.work<ReminderJob>(REMINDER_QUEUE, { pollingIntervalSeconds: 0.5 }, async ([job]) => {
      if (!job) return;
      // Each sending takes a while here: a run of a 2-second job (half a second of work) sends a few.
      const outcome = await runReminderJob(worker.deps, job, {
        onClaimed: () => new Promise((resolve) => setTimeout(resolve, 120)),
      });
      runs.push(outcome);
      return outcome;
    });
    const key = `${event.id}:1h:${event.startsAt}`;
    await t.jobs.send(
      REMINDER_QUEUE,
      { eventId: event.id, kind: '1h', startsAt: event.startsAt } satisfies ReminderJob,
      { singletonKey: key, expireInSeconds: 2 },
    );
    await waitUntil(async () => {
      const jobs = await queuedJobs(t, event.id);
      return jobs.length > 0 && jobs.every((job) => job.state === 'completed');
    });

    expect(runs.filter((run) => run.continueAfter !== undefined).length).toBeGreaterThanOrEqual(2);
    expect(runs.reduce((total, run) => total + run.sent, 0)).toBe(people.length);
    // Continuations are queued as the first job was: same queue and key, each after the last one handled.
    const jobs = await queuedJobs(t, event.id);
    expect(jobs.length).toBeGreaterThanOrEqual(3);
    expect(new Set(jobs.map((job) => job.singleton_key))).toEqual(new Set([key]));
    expect(jobs.filter((job) => job.data.after !== undefined)).toHaveLength(jobs.length - 1);

    for (const person of people) {
      expect(await reminderEmails(t, person.email, '1h')).toHaveLength(1);
      const inApp = await t.database.db
        .select()
        .from(notifications)
        .where(eq(notifications.userId, person.userId));
      expect(inApp.map((row) => row.type)).toEqual(['webinar_reminder']);
    }
    const [claims] = await t.database.db
      .select({ count: sql<number>`count(*)::int` })
      .from(reminderDeliveries)
      .innerJoin(eventRegistrations, eq(eventRegistrations.id, reminderDeliveries.registrationId))
      .where(eq(eventRegistrations.eventId, event.id));
    expect(claims?.count).toBe(people.length);
  }, 60_000);
});

describe('Live: the reminder queue of an existing installation', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('gets the current policy at start, and so do the reminders already waiting in it', async () => {
    const { pool } = t.database;
    // As an earlier version left it: no expiry (pg-boss's 15 minutes), a 30-second first retry, and a
    // reminder queued weeks ahead with that expiry copied onto it.
    await pool.query(
      `update pgboss.queue set policy = 'standard', expire_seconds = 900, retry_delay = 30 where name = $1`,
      [REMINDER_QUEUE],
    );
    const waiting = await t.jobs.send(
      REMINDER_QUEUE,
      {
        eventId: crypto.randomUUID(),
        kind: '24h',
        startsAt: '2031-03-01T18:00:00.000Z',
      } satisfies ReminderJob,
      { startAfter: new Date('2031-02-28T18:00:00Z'), expireInSeconds: 15 * 60 },
    );
    const expiryOf = async (id: string | null) =>
      (
        await pool.query<{ seconds: number }>(
          'select expire_seconds as seconds from pgboss.job where id = $1',
          [id],
        )
      ).rows[0]?.seconds;
    expect(await expiryOf(waiting)).toBe(900);

    // The new version starts.
    const started = await startJobs(t.databaseUrl, { work: false });
    try {
      expect(await started.getQueue(REMINDER_QUEUE)).toMatchObject({
        policy: 'short',
        expireInSeconds: defaultJobSettings.expireSeconds,
        retryDelay: 10,
        retryBackoff: true,
      });
      expect(await expiryOf(waiting)).toBe(defaultJobSettings.expireSeconds);
      const later = await started.send(
        REMINDER_QUEUE,
        {
          eventId: crypto.randomUUID(),
          kind: '1h',
          startsAt: '2031-03-01T18:00:00.000Z',
        } satisfies ReminderJob,
        { startAfter: new Date('2031-03-01T17:00:00Z'), singletonKey: 'policy-check' },
      );
      expect(await expiryOf(later)).toBe(defaultJobSettings.expireSeconds);
      // Policy `short` again: a second job with the same key while the first waits is refused.
      expect(
        await started.send(
          REMINDER_QUEUE,
          { eventId: crypto.randomUUID(), kind: '1h', startsAt: '2031-03-01T18:00:00.000Z' },
          { startAfter: new Date('2031-03-01T17:00:00Z'), singletonKey: 'policy-check' },
        ),
      ).toBeNull();
    } finally {
      await started.stop({ graceful: false });
    }
  });
});

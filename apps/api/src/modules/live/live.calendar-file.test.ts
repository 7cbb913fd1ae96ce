import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import {
  createEvent,
  eventInput,
  parseCalendar,
  type QuickUser,
  quickUser,
} from '../../../test/live-helpers';
import { ManualClock } from '../../platform/clock';

/** A webinar's calendar file, the documentation of the Live routes, and the players the web app may frame. */
describe('Live: webinars', () => {
  let t: TestApp;
  const clock = new ManualClock('2026-11-25T12:00:00Z');
  let pro: QuickUser;

  beforeAll(async () => {
    t = await createTestApp({ clock });
    pro = await quickUser(t, clock, { role: 'pro', organisation: 'Cabinet Tremblay' });
  });
  afterAll(() => t.close());

  const get = async (url: string, user?: QuickUser) =>
    t.app.inject({ method: 'GET', url, headers: user ? await user.auth() : {} });
  const patch = async (id: string, user: QuickUser, payload: Record<string, unknown>) =>
    t.app.inject({ method: 'PATCH', url: `/api/events/${id}`, headers: await user.auth(), payload });

  describe('calendar file', () => {
    it('gives an RFC 5545 file in the host’s time zone with a stable UID', async () => {
      const event = await createEvent(t, pro, {
        ...eventInput(clock),
        title: 'Étudier au Québec : le CAQ, pas à pas; questions, réponses',
        startsAt: '2026-12-01T18:00:00Z',
        endsAt: '2026-12-01T19:30:00Z',
      });
      const response = await get(`/api/events/${event.id}/ics`);
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toBe('text/calendar; charset=utf-8');
      expect(response.headers['content-disposition']).toMatch(
        /^attachment; filename="capitune-[0-9a-f]{8}\.ics"$/,
      );
      expect(response.body).toContain('\r\nBEGIN:VTIMEZONE\r\nTZID:America/Toronto\r\n');
      expect(response.body).toContain('DTSTART;TZID=America/Toronto:20261201T130000');
      for (const line of response.body.split('\r\n')) {
        expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
      }
      const parsed = parseCalendar(response.body);
      expect(parsed.method).toBe('PUBLISH');
      expect(parsed.events).toHaveLength(1);
      const [vevent] = parsed.events;
      expect(vevent).toMatchObject({
        uid: `${event.id}@capitune.ca`,
        summary: 'Étudier au Québec : le CAQ, pas à pas; questions, réponses',
        sequence: 0,
        startZone: 'America/Toronto',
        status: 'CONFIRMED',
        url: `http://capitune.test/live/${event.id}`,
      });
      expect(vevent?.start.toISOString()).toBe('2026-12-01T18:00:00.000Z');
      expect(vevent?.end.toISOString()).toBe('2026-12-01T19:30:00.000Z');
      expect(vevent?.description).toContain(`http://capitune.test/live/${event.id}`);
      expect(vevent?.dtstamp?.toString()).toMatch(/Z$|^2026-11-25T12:00:00/);
      expect(response.body).toMatch(/\r\nDTSTAMP:20261125T120000Z\r\n/);

      await patch(event.id, pro, { status: 'cancelled' });
      const cancelled = parseCalendar((await get(`/api/events/${event.id}/ics`)).body);
      expect(cancelled.method).toBe('CANCEL');
      expect(cancelled.events[0]).toMatchObject({
        uid: `${event.id}@capitune.ca`,
        sequence: 1,
        status: 'CANCELLED',
      });
    });
  });

  describe('documentation', () => {
    it('documents every Live route in the OpenAPI file', async () => {
      const response = await get('/api/openapi.json');
      expect(response.statusCode).toBe(200);
      const paths = Object.keys(response.json().paths);
      for (const path of [
        '/api/events',
        '/api/events/{id}',
        '/api/events/{id}/ics',
        '/api/events/{id}/registrations',
        '/api/events/{id}/registrations.csv',
        '/api/events/{id}/attendance',
        '/api/me/calendar-feed',
        '/api/calendar/{token}.ics',
      ]) {
        expect(paths).toContain(path);
      }
    });
  });

  describe('security headers', () => {
    it('lets the web app frame only the YouTube no-cookie and Vimeo players', async () => {
      const response = await get('/api/health');
      const csp = String(response.headers['content-security-policy']);
      const frameSrc = csp.split(';').find((directive) => directive.trim().startsWith('frame-src'));
      expect(frameSrc?.trim()).toBe(
        "frame-src 'self' https://www.youtube-nocookie.com https://player.vimeo.com https://vimeo.com",
      );
      expect(csp).toContain("default-src 'self'");
    });
  });
});

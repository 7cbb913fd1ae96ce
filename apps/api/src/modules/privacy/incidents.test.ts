import type { TIncident } from '@capitune/contracts';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import { type QuickUser, quickUser } from '../../../test/live-helpers';
import { auditLog, users } from '../../db/schema';
import { ManualClock } from '../../platform/clock';

const DAY = 24 * 3600_000;
const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

describe('the confidentiality incident register', () => {
  let t: TestApp;
  const clock = new ManualClock('2026-11-25T12:00:00Z');
  let admin: QuickUser;
  let candidate: QuickUser;
  let pro: QuickUser;

  const incident = (overrides: Record<string, unknown> = {}) => ({
    title: 'Courriel envoyé au mauvais client',
    kind: 'unauthorised_disclosure',
    description: 'Un relevé de notes a été joint au courriel d’un autre client.',
    occurredAt: '2026-11-20T15:00:00.000Z',
    discoveredAt: '2026-11-21T09:00:00.000Z',
    affectedDescription: 'Une cliente (Québec)',
    affectedCount: 1,
    dataConcerned: 'Relevé de notes, nom, date de naissance',
    ...overrides,
  });
  const call = async (method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object, who = admin) =>
    t.app.inject({ method, url, headers: await who.auth(), ...(payload ? { payload } : {}) });
  const create = async (overrides: Record<string, unknown> = {}) => {
    const response = await call('POST', '/api/admin/incidents', incident(overrides));
    expect(response.statusCode, response.body).toBe(201);
    return response.json() as TIncident;
  };
  const audited = async (action: string, subjectId: string) =>
    t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, action), eq(auditLog.subjectId, subjectId)))
      .orderBy(auditLog.id);

  beforeAll(async () => {
    t = await createTestApp({ clock });
    admin = await quickUser(t, clock, { role: 'admin', firstName: 'Ada' });
    await t.database.db
      .update(users)
      .set({ twoFactorGraceEndsAt: new Date(clock.now().getTime() + 7 * DAY) })
      .where(eq(users.id, admin.userId));
    candidate = await quickUser(t, clock);
    pro = await quickUser(t, clock, { role: 'pro', organisation: 'Cabinet Boréal' });
  });
  afterAll(() => t.close());

  it('refuses the anonymous (401), candidates and pros (403) on every route', async () => {
    const routes = [
      ['GET', '/api/admin/incidents'],
      ['POST', '/api/admin/incidents'],
      ['GET', `/api/admin/incidents/${UNKNOWN_ID}`],
      ['PATCH', `/api/admin/incidents/${UNKNOWN_ID}`],
      ['POST', `/api/admin/incidents/${UNKNOWN_ID}/entries`],
    ] as const;
    for (const [method, url] of routes) {
      const payload = method === 'GET' ? undefined : {};
      expect((await t.app.inject({ method, url, payload })).statusCode).toBe(401);
      for (const who of [candidate, pro]) {
        const response = await call(method, url, payload, who);
        expect(response.json(), `${method} ${url}`).toMatchObject({ status: 403, code: 'FORBIDDEN' });
      }
    }
    expect((await call('GET', `/api/admin/incidents/${UNKNOWN_ID}`)).statusCode).toBe(404);
  });

  it('records an incident, computes how long it is kept, and audits it', async () => {
    const created = await create();
    expect(created).toMatchObject({
      kind: 'unauthorised_disclosure',
      risk: 'not_assessed',
      status: 'open',
      occurredAt: '2026-11-20T15:00:00.000Z',
      discoveredAt: '2026-11-21T09:00:00.000Z',
      peopleNotifiedAt: null,
      caiNotifiedAt: null,
      opcNotifiedAt: null,
      lastEntryAt: clock.now().toISOString(),
      entries: [],
    });
    // Five years after discovery (Québec) is later than 24 months after the last entry (PIPEDA).
    expect(created.keepUntil).toBe('2031-11-21T09:00:00.000Z');
    expect(await audited('privacy.incident_created', created.id)).toHaveLength(1);
    expect((await call('GET', `/api/admin/incidents/${created.id}`)).json()).toEqual(created);

    // Dates ahead, or an incident after its discovery, are refused.
    const future = await call(
      'POST',
      '/api/admin/incidents',
      incident({ discoveredAt: '2026-12-01T00:00:00.000Z' }),
    );
    expect(future.json()).toMatchObject({ code: 'VALIDATION_FAILED' });
    const backwards = await call(
      'POST',
      '/api/admin/incidents',
      incident({ occurredAt: '2026-11-22T00:00:00.000Z' }),
    );
    expect(backwards.json()).toMatchObject({ code: 'VALIDATION_FAILED' });
  });

  it('keeps each risk assessment as an entry, and changes facts without touching the risk', async () => {
    const created = await create({ risk: 'low', riskAssessment: 'Une seule personne, données limitées.' });
    expect(created.entries).toMatchObject([
      { kind: 'assessment', note: 'Une seule personne, données limitées.', author: { id: admin.userId } },
    ]);
    clock.advance(DAY);
    const facts = await call('PATCH', `/api/admin/incidents/${created.id}`, { affectedCount: 3 });
    expect(facts.statusCode, facts.body).toBe(200);
    expect(facts.json()).toMatchObject({ affectedCount: 3, risk: 'low' });
    expect((facts.json() as TIncident).entries).toHaveLength(1);

    clock.advance(DAY);
    const serious = await call('PATCH', `/api/admin/incidents/${created.id}`, {
      risk: 'serious',
      riskAssessment: 'Un numéro d’assurance sociale figurait au dossier : préjudice sérieux.',
    });
    const assessed = serious.json() as TIncident;
    expect(assessed).toMatchObject({ risk: 'serious', lastEntryAt: clock.now().toISOString() });
    expect(assessed.entries.map((entry) => entry.kind)).toEqual(['assessment', 'assessment']);
    expect(assessed.entries[1]?.note).toMatch(/préjudice sérieux/);
    const updates = await audited('privacy.incident_updated', created.id);
    expect(updates).toHaveLength(2);
    expect(updates[1]).toMatchObject({
      actorId: admin.userId,
      before: { risk: 'low' },
      after: { risk: 'serious', fields: ['risk', 'riskAssessment'] },
    });

    // The same values again change nothing and write nothing.
    await call('PATCH', `/api/admin/incidents/${created.id}`, { risk: 'serious' });
    expect(await audited('privacy.incident_updated', created.id)).toHaveLength(2);
  });

  it('dates notifications once, closes and reopens through entries, and never edits them', async () => {
    const created = await create();
    const add = (payload: object) => {
      // Each entry at its own time, as in life: the history reads in the order written.
      clock.advance(1000);
      return call('POST', `/api/admin/incidents/${created.id}/entries`, payload);
    };

    const cai = await add({
      kind: 'cai_notified',
      note: 'Avis transmis à la CAI par le formulaire.',
      occurredAt: '2026-11-25T10:00:00.000Z',
    });
    expect(cai.statusCode, cai.body).toBe(200);
    expect(cai.json()).toMatchObject({
      caiNotifiedAt: '2026-11-25T10:00:00.000Z',
      opcNotifiedAt: null,
      lastEntryAt: clock.now().toISOString(),
    });
    // A second notice keeps the first date.
    const again = await add({ kind: 'cai_notified', note: 'Complément transmis à la CAI.' });
    expect(again.json()).toMatchObject({ caiNotifiedAt: '2026-11-25T10:00:00.000Z' });
    const people = await add({ kind: 'people_notified', note: 'Cliente jointe par téléphone.' });
    expect(people.json()).toMatchObject({ peopleNotifiedAt: clock.now().toISOString() });
    const opc = await add({ kind: 'opc_notified', note: 'Rapport au Commissariat.' });
    expect(opc.json()).toMatchObject({ opcNotifiedAt: clock.now().toISOString() });

    const ahead = await add({ kind: 'note', note: 'Plus tard', occurredAt: '2027-01-01T00:00:00.000Z' });
    expect(ahead.json()).toMatchObject({ code: 'VALIDATION_FAILED' });

    const closed = await add({ kind: 'closed', note: 'Mesures prises, dossier clos.' });
    expect(closed.json()).toMatchObject({ status: 'closed' });
    expect((await add({ kind: 'closed', note: 'Encore' })).json()).toMatchObject({ code: 'CONFLICT' });
    const reopened = await add({ kind: 'reopened', note: 'Nouvelle information reçue.' });
    expect(reopened.json()).toMatchObject({ status: 'open' });

    const last = reopened.json() as TIncident;
    expect(last.entries.map((entry) => entry.kind)).toEqual([
      'cai_notified',
      'cai_notified',
      'people_notified',
      'opc_notified',
      'closed',
      'reopened',
    ]);
    expect(await audited('privacy.incident_entry_added', created.id)).toHaveLength(6);
    // There is no route to edit or delete an entry.
    const entryId = last.entries[0]?.id;
    for (const method of ['PATCH', 'DELETE'] as const) {
      const response = await t.app.inject({
        method,
        url: `/api/admin/incidents/${created.id}/entries/${entryId}`,
        headers: await admin.auth(),
        payload: {},
      });
      expect(response.statusCode).toBe(404);
    }
  });

  it('keeps an incident 24 months after its last entry when that is later than 5 years after discovery', async () => {
    const old = await create({
      occurredAt: '2022-01-10T00:00:00.000Z',
      discoveredAt: '2022-01-15T00:00:00.000Z',
    });
    // Discovered in January 2022: five years end in January 2027, before 24 months after today's entry.
    const twoYearsOn = clock.now();
    twoYearsOn.setUTCFullYear(twoYearsOn.getUTCFullYear() + 2);
    expect(old.keepUntil).toBe(twoYearsOn.toISOString());
  });

  it('pages the register by discovery, newest first, and filters by status', async () => {
    const discovered = ['2026-10-01', '2026-10-03', '2026-10-02', '2026-10-03'].map(
      (day) => `${day}T08:00:00.000Z`,
    );
    const ids: string[] = [];
    for (const discoveredAt of discovered) ids.push((await create({ occurredAt: null, discoveredAt })).id);
    await call('POST', `/api/admin/incidents/${ids[0]}/entries`, { kind: 'closed', note: 'Clos.' });

    const all: TIncident[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor ? `&cursor=${cursor}` : '';
      const response = await call('GET', `/api/admin/incidents?limit=2${query}`);
      expect(response.statusCode, response.body).toBe(200);
      const page = response.json() as { items: TIncident[]; nextCursor: string | null };
      expect(page.items.length).toBeLessThanOrEqual(2);
      all.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    const keys = all.map((item) => `${item.discoveredAt} ${item.id}`);
    expect(keys).toEqual([...keys].sort().reverse());
    expect(new Set(all.map((item) => item.id)).size).toBe(all.length);
    for (const id of ids) expect(all.map((item) => item.id)).toContain(id);
    expect(all[0]).not.toHaveProperty('entries');

    const closed = (await call('GET', '/api/admin/incidents?status=closed')).json() as { items: TIncident[] };
    expect(closed.items.map((item) => item.id)).toContain(ids[0]);
    expect(closed.items.every((item) => item.status === 'closed')).toBe(true);
    const open = (await call('GET', '/api/admin/incidents?status=open')).json() as { items: TIncident[] };
    expect(open.items.map((item) => item.id)).not.toContain(ids[0]);
    expect((await call('GET', '/api/admin/incidents?cursor=nope')).json()).toMatchObject({
      code: 'INVALID_CURSOR',
    });
  });
});

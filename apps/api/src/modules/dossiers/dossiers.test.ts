// Over 500 lines: the dossier journey (create, members, milestones, notes, lists) shares its accounts and dossiers from one test to the next.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import { emailsTo, lastEmailTo, signUpAndLogIn } from '../../../test/auth-helpers';
import { signUpPro } from '../../../test/dossier-helpers';

type Person = Awaited<ReturnType<typeof signUpAndLogIn>>;

describe('programs catalogue', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('lists every program with a bilingual checklist and expiry rules', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/programs' });
    expect(response.statusCode).toBe(200);
    const programs = response.json().items as {
      id: string;
      name: { fr: string; en: string };
      items: { id: string; expiryRule: unknown; label: { fr: string; en: string } }[];
    }[];
    expect(programs.map((program) => program.id)).toEqual([
      'express_entry_fsw',
      'express_entry_cec',
      'express_entry_fst',
      'quebec_skilled_worker',
      'study_permit',
      'work_permit_employer',
      'work_permit_open_spouse',
      'family_sponsorship_spouse',
      'visitor_visa',
    ]);
    const fsw = programs[0];
    expect(fsw?.name.fr).toContain('Entrée express');
    const languageTest = fsw?.items.find((item) => item.id === 'express_entry_fsw.language_test');
    expect(languageTest?.expiryRule).toEqual({ kind: 'valid_for', months: 24 });
    expect(
      fsw?.items.find((item) => item.id === 'express_entry_fsw.educational_credential_assessment')
        ?.expiryRule,
    ).toEqual({ kind: 'valid_for', months: 60 });
    expect(fsw?.items.find((item) => item.id === 'express_entry_fsw.medical_exam')?.expiryRule).toEqual({
      kind: 'valid_for',
      months: 12,
    });
    expect(fsw?.items.find((item) => item.id === 'express_entry_fsw.police_certificate')?.expiryRule).toEqual(
      { kind: 'recent', months: 6 },
    );
    expect(fsw?.items.find((item) => item.id === 'express_entry_fsw.passport')?.expiryRule).toEqual({
      kind: 'own_date',
    });
    for (const program of programs) {
      for (const item of program.items) {
        expect(item.label.fr.length).toBeGreaterThan(2);
        expect(item.label.en.length).toBeGreaterThan(2);
      }
    }
  });
});

describe('dossiers and assignment', () => {
  let t: TestApp;
  let amina: Person;
  let other: Person;
  let pro: Person;
  let secondPro: Person;
  let dossierId: string;

  beforeAll(async () => {
    t = await createTestApp();
    amina = await signUpAndLogIn(t.app, t.database, { firstName: 'Amina', lastName: 'Diallo' });
    other = await signUpAndLogIn(t.app, t.database);
    pro = await signUpPro(t.app, t.database, 'Cabinet Boréal');
    secondPro = await signUpPro(t.app, t.database, 'Avocats du Fleuve');
  });
  afterAll(() => t.close());

  const get = (person: Person, url: string) => t.app.inject({ method: 'GET', url, headers: person.auth });

  it('a candidate opens a dossier: draft, the principal applicant, progress at zero', async () => {
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/dossiers',
      headers: amina.auth,
      payload: { programId: 'express_entry_fsw', principalDateOfBirth: '1990-04-02' },
    });
    expect(created.statusCode).toBe(201);
    const dossier = created.json();
    dossierId = dossier.id;
    expect(dossier).toMatchObject({
      status: 'draft',
      programId: 'express_entry_fsw',
      agent: null,
      viewerRole: 'owner',
    });
    expect(dossier.members).toEqual([
      { id: expect.any(String), role: 'principal', fullName: 'Amina Diallo', dateOfBirth: '1990-04-02' },
    ]);
    expect(dossier.progress).toMatchObject({ approved: 0, percent: 0 });
    expect(dossier.progress.required).toBeGreaterThan(5);
    expect(dossier.nextAction).toMatchObject({
      kind: 'upload_missing',
      itemId: 'express_entry_fsw.passport',
    });

    const list = await get(amina, '/api/dossiers');
    expect(list.json().items.map((item: { id: string }) => item.id)).toEqual([dossierId]);
    expect((await get(other, '/api/dossiers')).json().items).toEqual([]);
  });

  it('refuses unknown programs, pros opening dossiers, unverified users and strangers', async () => {
    const unknown = await t.app.inject({
      method: 'POST',
      url: '/api/dossiers',
      headers: amina.auth,
      payload: { programId: 'golden_visa' },
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().errors[0].path).toBe('body.programId');
    const byPro = await t.app.inject({
      method: 'POST',
      url: '/api/dossiers',
      headers: pro.auth,
      payload: { programId: 'study_permit' },
    });
    expect(byPro.statusCode).toBe(403);
    const unverified = await signUpAndLogIn(t.app, t.database, {}, { verified: false });
    const blocked = await t.app.inject({
      method: 'POST',
      url: '/api/dossiers',
      headers: unverified.auth,
      payload: { programId: 'study_permit' },
    });
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().code).toBe('EMAIL_NOT_VERIFIED');
    expect((await t.app.inject({ method: 'GET', url: '/api/dossiers' })).statusCode).toBe(401);

    for (const stranger of [other, pro]) {
      expect((await get(stranger, `/api/dossiers/${dossierId}`)).statusCode).toBe(404);
      const patch = await t.app.inject({
        method: 'PATCH',
        url: `/api/dossiers/${dossierId}`,
        headers: stranger.auth,
        payload: { fileNumber: 'E000' },
      });
      expect(patch.statusCode).toBe(404);
      const member = await t.app.inject({
        method: 'POST',
        url: `/api/dossiers/${dossierId}/members`,
        headers: stranger.auth,
        payload: { role: 'spouse', fullName: 'X' },
      });
      expect(member.statusCode).toBe(404);
      const milestone = await t.app.inject({
        method: 'POST',
        url: `/api/dossiers/${dossierId}/milestones`,
        headers: stranger.auth,
        payload: { kind: 'profile_submitted' },
      });
      expect(milestone.statusCode).toBe(404);
    }
    expect((await get(amina, '/api/dossiers/00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
    expect((await get(amina, '/api/dossiers/not-a-uuid')).statusCode).toBe(400);
  });

  it('members: one spouse at most, dependants with their birth dates; checklist lines follow', async () => {
    const spouse = await t.app.inject({
      method: 'POST',
      url: `/api/dossiers/${dossierId}/members`,
      headers: amina.auth,
      payload: { role: 'spouse', fullName: 'Moussa Diallo', dateOfBirth: '1988-02-10' },
    });
    expect(spouse.statusCode).toBe(201);
    const second = await t.app.inject({
      method: 'POST',
      url: `/api/dossiers/${dossierId}/members`,
      headers: amina.auth,
      payload: { role: 'spouse', fullName: 'Another' },
    });
    expect(second.statusCode).toBe(409);
    const unchanged = await t.app.inject({
      method: 'PATCH',
      url: `/api/dossiers/${dossierId}/members/${spouse.json().id}`,
      headers: amina.auth,
      payload: {},
    });
    expect(unchanged.statusCode, 'an empty patch changes nothing').toBe(200);
    expect(unchanged.json()).toMatchObject({ fullName: 'Moussa Diallo', dateOfBirth: '1988-02-10' });
    const child = await t.app.inject({
      method: 'POST',
      url: `/api/dossiers/${dossierId}/members`,
      headers: amina.auth,
      payload: { role: 'dependant', fullName: 'Awa Diallo', dateOfBirth: '2016-06-01' },
    });
    expect(child.statusCode).toBe(201);
    const principalOnly = await t.app.inject({
      method: 'POST',
      url: `/api/dossiers/${dossierId}/members`,
      headers: amina.auth,
      payload: { role: 'principal', fullName: 'X' },
    });
    expect(principalOnly.statusCode).toBe(400);

    const dossier = (await get(amina, `/api/dossiers/${dossierId}`)).json();
    const lines = (itemId: string) =>
      dossier.checklist.filter((entry: { itemId: string }) => entry.itemId === itemId).length;
    expect(lines('express_entry_fsw.passport')).toBe(2); // principal and spouse (adults)
    expect(lines('express_entry_fsw.birth_certificate')).toBe(1); // the child
    expect(lines('express_entry_fsw.language_test')).toBe(1);

    const removeChild = await t.app.inject({
      method: 'DELETE',
      url: `/api/dossiers/${dossierId}/members/${child.json().id}`,
      headers: amina.auth,
    });
    expect(removeChild.statusCode).toBe(204);
    const principalId = dossier.members.find((member: { role: string }) => member.role === 'principal').id;
    const removePrincipal = await t.app.inject({
      method: 'DELETE',
      url: `/api/dossiers/${dossierId}/members/${principalId}`,
      headers: amina.auth,
    });
    expect(removePrincipal.statusCode).toBe(409);
  });

  it('milestones: add, edit, remove; "other" needs a label', async () => {
    const added = await t.app.inject({
      method: 'POST',
      url: `/api/dossiers/${dossierId}/milestones`,
      headers: amina.auth,
      payload: { kind: 'profile_submitted', date: '2026-12-10' },
    });
    expect(added.statusCode).toBe(201);
    const bad = await t.app.inject({
      method: 'POST',
      url: `/api/dossiers/${dossierId}/milestones`,
      headers: amina.auth,
      payload: { kind: 'other' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].path).toBe('body.label');
    const edited = await t.app.inject({
      method: 'PATCH',
      url: `/api/dossiers/${dossierId}/milestones/${added.json().id}`,
      headers: amina.auth,
      payload: { done: true },
    });
    expect(edited.json()).toMatchObject({ kind: 'profile_submitted', done: true, date: '2026-12-10' });
    // A patch changes only what it names: a new note leaves the milestone done.
    const noted = await t.app.inject({
      method: 'PATCH',
      url: `/api/dossiers/${dossierId}/milestones/${added.json().id}`,
      headers: amina.auth,
      payload: { note: 'Reçu par courriel' },
    });
    expect(noted.json()).toMatchObject({ done: true, note: 'Reçu par courriel' });
    // A patch that names nothing changes nothing (it was a 500).
    const unchanged = await t.app.inject({
      method: 'PATCH',
      url: `/api/dossiers/${dossierId}/milestones/${added.json().id}`,
      headers: amina.auth,
      payload: {},
    });
    expect(unchanged.statusCode).toBe(200);
    expect(unchanged.json()).toEqual(noted.json());
    const removed = await t.app.inject({
      method: 'DELETE',
      url: `/api/dossiers/${dossierId}/milestones/${added.json().id}`,
      headers: amina.auth,
    });
    expect(removed.statusCode).toBe(204);
  });

  it('the dashboard shows the five soonest open milestones of the candidate’s dossiers', async () => {
    const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
    const add = async (payload: Record<string, unknown>) => {
      const response = await t.app.inject({
        method: 'POST',
        url: `/api/dossiers/${dossierId}/milestones`,
        headers: amina.auth,
        payload,
      });
      expect(response.statusCode).toBe(201);
      return response.json().id as string;
    };
    const added = [
      await add({ kind: 'biometrics_requested', date: day(-3) }), // past
      await add({ kind: 'medical_requested', date: day(4), done: true }), // done
      await add({ kind: 'other', label: 'Sans date' }), // no date
    ];
    const open = [];
    for (const offset of [30, 2, 21, 9, 14, 60])
      open.push({ id: await add({ kind: 'other', label: `J+${offset}`, date: day(offset) }), offset });
    added.push(...open.map((milestone) => milestone.id));

    const dashboard = (await get(amina, '/api/dashboard')).json();
    expect(dashboard.upcomingMilestones.map((milestone: { label: string }) => milestone.label)).toEqual([
      'J+2',
      'J+9',
      'J+14',
      'J+21',
      'J+30',
    ]);
    expect(dashboard.upcomingMilestones[0]).toMatchObject({
      dossierId,
      kind: 'other',
      done: false,
      date: day(2),
    });
    expect((await get(other, '/api/dashboard')).json().upcomingMilestones).toEqual([]);

    for (const id of added) {
      const removed = await t.app.inject({
        method: 'DELETE',
        url: `/api/dossiers/${dossierId}/milestones/${id}`,
        headers: amina.auth,
      });
      expect(removed.statusCode).toBe(204);
    }
  });

  it('a pro sees a dossier only after accepting the candidate’s request', async () => {
    const pros = await get(amina, '/api/pros?q=bor');
    expect(pros.json().items).toContainEqual(
      expect.objectContaining({
        id: pro.userId,
        organisation: expect.objectContaining({ name: 'Cabinet Boréal' }),
      }),
    );

    const request = await t.app.inject({
      method: 'POST',
      url: `/api/dossiers/${dossierId}/assignment`,
      headers: amina.auth,
      payload: { proId: pro.userId, message: 'Bonjour, pouvez-vous m’aider ?' },
    });
    expect(request.statusCode).toBe(202);
    expect((await lastEmailTo(t.database, pro.body.email))?.template).toBe('dossiers.assignment_requested');
    // Pending: the candidate sees whom they asked; the pro sees the request on the dashboard, not the dossier.
    expect((await get(amina, `/api/dossiers/${dossierId}`)).json().pendingRequest).toMatchObject({
      status: 'pending',
      message: 'Bonjour, pouvez-vous m’aider ?',
      pro: { id: pro.userId, organisation: { name: 'Cabinet Boréal' } },
    });
    expect((await get(pro, `/api/dossiers/${dossierId}`)).statusCode).toBe(404);
    const dashboard = (await get(pro, '/api/dashboard')).json();
    expect(dashboard.incomingRequests).toEqual([
      expect.objectContaining({
        dossierId,
        candidate: expect.objectContaining({ firstName: 'Amina' }),
        message: 'Bonjour, pouvez-vous m’aider ?',
      }),
    ]);
    // Only the pro asked may answer.
    const wrongPro = await t.app.inject({
      method: 'POST',
      url: `/api/dossiers/${dossierId}/assignment/decision`,
      headers: secondPro.auth,
      payload: { decision: 'accept' },
    });
    expect(wrongPro.statusCode).toBe(404);
    const byCandidate = await t.app.inject({
      method: 'POST',
      url: `/api/dossiers/${dossierId}/assignment/decision`,
      headers: other.auth,
      payload: { decision: 'accept' },
    });
    expect(byCandidate.statusCode).toBe(404);

    const accepted = await t.app.inject({
      method: 'POST',
      url: `/api/dossiers/${dossierId}/assignment/decision`,
      headers: pro.auth,
      payload: { decision: 'accept' },
    });
    expect(accepted.statusCode).toBe(204);
    const seen = await get(pro, `/api/dossiers/${dossierId}`);
    expect(seen.statusCode).toBe(200);
    expect(seen.json()).toMatchObject({
      viewerRole: 'pro',
      status: 'preparing',
      agent: { id: pro.userId, organisation: { name: 'Cabinet Boréal' } },
    });
    expect(seen.json().nextAction).toBeNull();
    const notifications = (await get(amina, '/api/notifications')).json().items;
    expect(notifications[0]).toMatchObject({ type: 'assignment_accepted', link: `/dossiers/${dossierId}` });
    const audit = await t.database.db.execute(
      sql`select action from audit_log where dossier_id = ${dossierId} order by id`,
    );
    expect(audit.rows.map((row) => row.action)).toEqual(['dossier.assignment_requested', 'dossier.assigned']);
    const again = await t.app.inject({
      method: 'POST',
      url: `/api/dossiers/${dossierId}/assignment`,
      headers: amina.auth,
      payload: { proId: pro.userId },
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('ALREADY_ASSIGNED');
  });

  it('internal notes are for the firm in charge only', async () => {
    const note = await t.app.inject({
      method: 'POST',
      url: `/api/dossiers/${dossierId}/notes`,
      headers: pro.auth,
      payload: { body: 'Vérifier les dates d’emploi 2019.' },
    });
    expect(note.statusCode).toBe(201);
    expect((await get(pro, `/api/dossiers/${dossierId}/notes`)).json().items).toHaveLength(1);
    const byOwner = await get(amina, `/api/dossiers/${dossierId}/notes`);
    expect(byOwner.statusCode).toBe(403);
    const ownerView = (await get(amina, `/api/dossiers/${dossierId}`)).body;
    expect(ownerView).not.toContain('Vérifier les dates');
  });

  it('status: the candidate may close, only the firm sets processing statuses; changes are audited', async () => {
    const byOwner = await t.app.inject({
      method: 'PATCH',
      url: `/api/dossiers/${dossierId}`,
      headers: amina.auth,
      payload: { status: 'approved' },
    });
    expect(byOwner.statusCode).toBe(403);
    const byPro = await t.app.inject({
      method: 'PATCH',
      url: `/api/dossiers/${dossierId}`,
      headers: pro.auth,
      payload: { status: 'submitted', fileNumber: 'E001234567' },
    });
    expect(byPro.json()).toMatchObject({ status: 'submitted', fileNumber: 'E001234567' });
    const audit = await t.database.db.execute(
      sql`select after from audit_log where action = 'dossier.status_changed' and dossier_id = ${dossierId}`,
    );
    expect(audit.rows).toEqual([{ after: { status: 'submitted' } }]);
  });

  it('changing pro hands the whole file to the new firm; the old one loses access', async () => {
    await t.app.inject({
      method: 'POST',
      url: `/api/dossiers/${dossierId}/assignment`,
      headers: amina.auth,
      payload: { proId: secondPro.userId },
    });
    const accepted = await t.app.inject({
      method: 'POST',
      url: `/api/dossiers/${dossierId}/assignment/decision`,
      headers: secondPro.auth,
      payload: { decision: 'accept' },
    });
    expect(accepted.statusCode).toBe(204);
    expect((await get(pro, `/api/dossiers/${dossierId}`)).statusCode).toBe(404);
    const handedOff = await get(secondPro, `/api/dossiers/${dossierId}`);
    expect(handedOff.statusCode).toBe(200);
    expect(handedOff.json().fileNumber).toBe('E001234567');
    // The former firm's notes stay with it.
    expect((await get(secondPro, `/api/dossiers/${dossierId}/notes`)).json().items).toEqual([]);
    const audit = await t.database.db.execute(
      sql`select before, after from audit_log where action = 'dossier.handed_off'`,
    );
    expect(audit.rows).toHaveLength(1);
    expect(audit.rows[0]?.before).toMatchObject({ agentId: pro.userId });
    expect(audit.rows[0]?.after).toMatchObject({ agentId: secondPro.userId });
    const ended = (await get(pro, '/api/notifications'))
      .json()
      .items.map((item: { type: string }) => item.type);
    expect(ended).toContain('assignment_ended');

    // The candidate can also end the assignment.
    const end = await t.app.inject({
      method: 'DELETE',
      url: `/api/dossiers/${dossierId}/assignment`,
      headers: amina.auth,
    });
    expect(end.statusCode).toBe(204);
    expect((await get(secondPro, `/api/dossiers/${dossierId}`)).statusCode).toBe(404);
  });

  it('a declined request tells the candidate, with the reason', async () => {
    await t.app.inject({
      method: 'POST',
      url: `/api/dossiers/${dossierId}/assignment`,
      headers: amina.auth,
      payload: { proId: pro.userId },
    });
    const declined = await t.app.inject({
      method: 'POST',
      url: `/api/dossiers/${dossierId}/assignment/decision`,
      headers: pro.auth,
      payload: { decision: 'decline', reason: 'Agenda complet' },
    });
    expect(declined.statusCode).toBe(204);
    const email = await lastEmailTo(t.database, amina.body.email);
    expect(email?.template).toBe('dossiers.assignment_declined');
    expect(email?.text).toContain('Agenda complet');
    expect((await get(pro, `/api/dossiers/${dossierId}`)).statusCode).toBe(404);
  });

  it('a pro invites a client by email; the client accepts and the dossier opens in the pro’s care', async () => {
    const client = await signUpAndLogIn(t.app, t.database, { email: 'client@example.ca' });
    const invite = await t.app.inject({
      method: 'POST',
      url: '/api/dossiers/invitations',
      headers: pro.auth,
      payload: { email: 'Client@Example.ca', programId: 'study_permit', message: 'Voici votre espace.' },
    });
    expect(invite.statusCode).toBe(202);
    const unknown = await t.app.inject({
      method: 'POST',
      url: '/api/dossiers/invitations',
      headers: pro.auth,
      payload: { email: 'new-person@example.ca', programId: 'study_permit' },
    });
    expect(unknown.statusCode).toBe(202);
    expect(unknown.body).toBe(invite.body);
    expect((await emailsTo(t.database, 'new-person@example.ca'))[0]?.text).toContain(
      '/signup?role=candidate',
    );
    const byCandidate = await t.app.inject({
      method: 'POST',
      url: '/api/dossiers/invitations',
      headers: amina.auth,
      payload: { email: 'x@example.ca', programId: 'study_permit' },
    });
    expect(byCandidate.statusCode).toBe(403);

    const invitations = (await get(client, '/api/dossiers/invitations')).json().items;
    expect(invitations).toHaveLength(1);
    expect((await get(amina, '/api/dossiers/invitations')).json().items).toHaveLength(0);
    const stolen = await t.app.inject({
      method: 'POST',
      url: `/api/dossiers/invitations/${invitations[0].id}/decision`,
      headers: amina.auth,
      payload: { decision: 'accept' },
    });
    expect(stolen.statusCode).toBe(404);
    const accepted = await t.app.inject({
      method: 'POST',
      url: `/api/dossiers/invitations/${invitations[0].id}/decision`,
      headers: client.auth,
      payload: { decision: 'accept' },
    });
    const { dossierId: opened } = accepted.json();
    const dossier = (await get(client, `/api/dossiers/${opened}`)).json();
    expect(dossier).toMatchObject({
      programId: 'study_permit',
      status: 'preparing',
      agent: { id: pro.userId },
    });
    expect((await get(pro, `/api/dossiers/${opened}`)).statusCode).toBe(200);
  });

  it('lists pages of dossiers for the firm with filters', async () => {
    const list = (await get(pro, '/api/dossiers?status=preparing&programId=study_permit&limit=1')).json();
    expect(list.items).toHaveLength(1);
    expect(list.items[0].programId).toBe('study_permit');
    expect((await get(pro, '/api/dossiers?status=closed')).json().items).toEqual([]);
    expect((await get(pro, '/api/dossiers?status=nope')).statusCode).toBe(400);
  });
});

describe('sending limits of invitations and assignment requests', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const invite = (pro: Person, email: string) =>
    t.app.inject({
      method: 'POST',
      url: '/api/dossiers/invitations',
      headers: pro.auth,
      payload: { email, programId: 'study_permit', message: 'Un texte de mon choix.' },
    });
  const expectLimited = (response: Awaited<ReturnType<typeof invite>>) => {
    expect(response.statusCode).toBe(429);
    expect(response.json().code).toBe('RATE_LIMITED');
    expect(Number(response.headers['retry-after'])).toBeGreaterThan(0);
  };

  it('a pro sends 20 client invitations a day, then is told to wait', async () => {
    const pro = await signUpPro(t.app, t.database, 'Cabinet Prolixe');
    for (let sent = 0; sent < 20; sent++) {
      expect((await invite(pro, `prospect${sent}@example.ca`)).statusCode).toBe(202);
    }
    expect(await emailsTo(t.database, 'prospect19@example.ca')).toHaveLength(1);
    expectLimited(await invite(pro, 'prospect20@example.ca'));
    expect(await emailsTo(t.database, 'prospect20@example.ca')).toHaveLength(0);
  });

  it('an address gets 3 invitations a day whoever sends them, the same with or without an account', async () => {
    const first = await signUpPro(t.app, t.database, 'Cabinet Un');
    const second = await signUpPro(t.app, t.database, 'Cabinet Deux');
    await signUpAndLogIn(t.app, t.database, { email: 'membre@example.ca' });
    const answers = [];
    for (const address of ['membre@example.ca', 'inconnu@example.ca']) {
      const sent = [
        await invite(first, address),
        await invite(first, address),
        await invite(second, address),
      ];
      expect(sent.map((response) => response.statusCode)).toEqual([202, 202, 202]);
      const refused = await invite(second, address);
      expectLimited(refused);
      answers.push({ status: refused.statusCode, code: refused.json().code, detail: refused.json().detail });
    }
    // Refused alike: the limit tells nothing of whether the address has an account.
    expect(answers[0]).toEqual(answers[1]);
    expect(await emailsTo(t.database, 'inconnu@example.ca')).toHaveLength(3);
    expect((await invite(second, 'autre@example.ca')).statusCode).toBe(202);
  });

  it('a candidate asks 10 times a day; a pro receives 30 requests a day from all candidates', async () => {
    const pro = await signUpPro(t.app, t.database, 'Cabinet Couru');
    const ask = (candidate: Person, dossierId: string) =>
      t.app.inject({
        method: 'POST',
        url: `/api/dossiers/${dossierId}/assignment`,
        headers: candidate.auth,
        payload: { proId: pro.userId, message: 'Encore moi.' },
      });
    const candidates = [];
    for (let index = 0; index < 4; index++) {
      const candidate = await signUpAndLogIn(t.app, t.database);
      const dossier = await t.app.inject({
        method: 'POST',
        url: '/api/dossiers',
        headers: candidate.auth,
        payload: { programId: 'study_permit' },
      });
      candidates.push({ candidate, dossierId: dossier.json().id as string });
    }
    for (const [index, { candidate, dossierId }] of candidates.slice(0, 3).entries()) {
      for (let asked = 0; asked < 10; asked++) expect((await ask(candidate, dossierId)).statusCode).toBe(202);
      if (index === 0) expectLimited(await ask(candidate, dossierId));
    }
    const [last] = candidates.slice(3);
    if (!last) throw new Error('no fourth candidate');
    expectLimited(await ask(last.candidate, last.dossierId));
    const requested = (await emailsTo(t.database, pro.body.email)).filter(
      (email) => email.template === 'dossiers.assignment_requested',
    );
    expect(requested).toHaveLength(30);
  });
});

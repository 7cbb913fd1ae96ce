import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import { signUpAndLogIn } from '../../../test/auth-helpers';
import { assignedDossier, multipart, pdfBytes, signUpPro } from '../../../test/dossier-helpers';
import { verifyPro } from '../../../test/pro-helpers';
import { connectSocket, listen } from '../../../test/ws';
import { dossiers } from '../../db/schema';
import { addDays, platformToday } from '../access';

type Person = Awaited<ReturnType<typeof signUpAndLogIn>>;

/**
 * The trust layer on the dossiers: only a verified pro receives, accepts or sends requests; a pro keeps
 * their clients' dossiers while verified or in the 30 days of grace after the renewal date, and loses
 * them at once when suspended, while the firm's other verified pros keep them.
 */
describe('a pro’s standing and their clients’ dossiers', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const today = () => platformToday(t.app.deps.clock.now());
  const get = (person: Person, url: string) => t.app.inject({ method: 'GET', url, headers: person.auth });
  const newDossier = async (candidate: Person) =>
    (
      await t.app.inject({
        method: 'POST',
        url: '/api/dossiers',
        headers: candidate.auth,
        payload: { programId: 'express_entry_fsw' },
      })
    ).json() as { id: string; members: { id: string }[] };
  const ask = (candidate: Person, dossierId: string, proId: string) =>
    t.app.inject({
      method: 'POST',
      url: `/api/dossiers/${dossierId}/assignment`,
      headers: candidate.auth,
      payload: { proId },
    });
  const answer = (pro: Person, dossierId: string, decision: 'accept' | 'decline') =>
    t.app.inject({
      method: 'POST',
      url: `/api/dossiers/${dossierId}/assignment/decision`,
      headers: pro.auth,
      payload: { decision },
    });
  /** A pro of the same firm as `pro`, verified. */
  const colleagueOf = async (pro: Person) => {
    const colleague = await signUpPro(t.app, t.database, 'Cabinet Collègue');
    await t.database.db.execute(
      sql`update users set organisation_id = (select organisation_id from users where id = ${pro.userId}) where id = ${colleague.userId}`,
    );
    return colleague;
  };

  it('a request to a pro whose licence is not verified is refused with PRO_NOT_VERIFIED', async () => {
    const candidate = await signUpAndLogIn(t.app, t.database);
    const dossier = await newDossier(candidate);
    const pending = await signUpPro(t.app, t.database, 'Cabinet en attente', { proVerified: false });
    const refused = await ask(candidate, dossier.id, pending.userId);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().code).toBe('PRO_NOT_VERIFIED');

    // Verified, then past the renewal date (grace): current clients only, no new requests.
    await verifyPro(t, pending.userId, { renewalDate: addDays(today(), -5) });
    expect((await ask(candidate, dossier.id, pending.userId)).json().code).toBe('PRO_NOT_VERIFIED');
    await verifyPro(t, pending.userId);
    expect((await ask(candidate, dossier.id, pending.userId)).statusCode).toBe(202);
  });

  it('a pro who lost their standing cannot see nor accept a request; declining stays possible', async () => {
    const candidate = await signUpAndLogIn(t.app, t.database);
    const dossier = await newDossier(candidate);
    const pro = await signUpPro(t.app, t.database, 'Cabinet Suspendu');
    expect((await ask(candidate, dossier.id, pro.userId)).statusCode).toBe(202);
    expect((await get(pro, '/api/dashboard')).json().incomingRequests).toHaveLength(1);

    await verifyPro(t, pro.userId, { status: 'suspended' });
    expect((await get(pro, '/api/dashboard')).json().incomingRequests).toEqual([]);
    const accepted = await answer(pro, dossier.id, 'accept');
    expect(accepted.statusCode).toBe(403);
    expect(accepted.json().code).toBe('PRO_NOT_VERIFIED');
    const [row] = await t.database.db.select().from(dossiers).where(eq(dossiers.id, dossier.id));
    expect(row).toMatchObject({ agentId: null, organisationId: null, agentSince: null });
    expect((await answer(pro, dossier.id, 'decline')).statusCode).toBe(204);
  });

  it('accepting sets the agent and the date they follow the dossier from; the dossier shows their standing', async () => {
    const { candidate, pro, dossierId } = await assignedDossier(t);
    const [row] = await t.database.db.select().from(dossiers).where(eq(dossiers.id, dossierId));
    expect(row?.agentId).toBe(pro.userId);
    expect(row?.agentSince).toBeInstanceOf(Date);
    expect(Math.abs((row?.agentSince?.getTime() ?? 0) - Date.now())).toBeLessThan(60_000);

    const seen = (await get(candidate, `/api/dossiers/${dossierId}`)).json();
    expect(seen.agent).toMatchObject({
      id: pro.userId,
      licenceNumber: pro.body.role === 'pro' ? pro.body.licenceNumber : null,
      standing: 'verified',
    });
    const listed = (await get(candidate, '/api/dossiers')).json().items[0];
    expect(listed.agent.standing).toBe('verified');

    // Ending the assignment forgets the date.
    await t.app.inject({
      method: 'DELETE',
      url: `/api/dossiers/${dossierId}/assignment`,
      headers: candidate.auth,
    });
    const [ended] = await t.database.db.select().from(dossiers).where(eq(dossiers.id, dossierId));
    expect(ended).toMatchObject({ agentId: null, agentSince: null });
  });

  it('a pro in grace keeps their clients’ dossier, and both sides see the grace', async () => {
    const { candidate, pro, dossierId } = await assignedDossier(t);
    await verifyPro(t, pro.userId, { renewalDate: addDays(today(), -10) });
    const byPro = await get(pro, `/api/dossiers/${dossierId}`);
    expect(byPro.statusCode).toBe(200);
    expect(byPro.json().agent.standing).toBe('grace');
    expect((await get(candidate, `/api/dossiers/${dossierId}`)).json().agent.standing).toBe('grace');
    expect((await get(pro, `/api/dossiers/${dossierId}/messages`)).statusCode).toBe(200);
    expect((await get(pro, '/api/dossiers')).json().items).toHaveLength(1);
    expect((await get(pro, '/api/me')).json().proStanding).toBe('grace');

    // Past the grace, the dossier closes to them.
    await verifyPro(t, pro.userId, { renewalDate: addDays(today(), -31) });
    expect((await get(pro, `/api/dossiers/${dossierId}`)).statusCode).toBe(404);
    expect((await get(candidate, `/api/dossiers/${dossierId}`)).json().agent.standing).toBe('not_verified');
  });

  it('a suspended pro loses the dossier, its documents and messages at once; a verified colleague keeps them', async () => {
    const { candidate, pro, dossierId, principalId } = await assignedDossier(t);
    const colleague = await colleagueOf(pro);
    const body = multipart(
      { itemId: 'express_entry_fsw.passport', memberId: principalId, expiryDate: '2031-05-01' },
      { name: 'passeport.pdf', content: pdfBytes('passport'), contentType: 'application/pdf' },
    );
    const uploaded = await t.app.inject({
      method: 'POST',
      url: `/api/dossiers/${dossierId}/documents`,
      headers: { ...candidate.auth, ...body.headers },
      payload: body.payload,
    });
    expect(uploaded.statusCode).toBe(201);
    const documentId = uploaded.json().id as string;
    await t.app.inject({
      method: 'POST',
      url: `/api/dossiers/${dossierId}/messages`,
      headers: candidate.auth,
      payload: { clientId: randomUUID(), body: 'Voici mon passeport' },
    });
    expect((await get(pro, `/api/dossiers/${dossierId}`)).statusCode).toBe(200);

    await verifyPro(t, pro.userId, { status: 'suspended' });
    expect((await get(pro, `/api/dossiers/${dossierId}`)).statusCode).toBe(404);
    expect((await get(pro, `/api/documents/${documentId}/download`)).statusCode).toBe(404);
    expect((await get(pro, `/api/dossiers/${dossierId}/messages`)).statusCode).toBe(404);
    const posted = await t.app.inject({
      method: 'POST',
      url: `/api/dossiers/${dossierId}/messages`,
      headers: pro.auth,
      payload: { clientId: randomUUID(), body: 'Encore là' },
    });
    expect(posted.statusCode).toBe(404);
    expect((await get(pro, '/api/dossiers')).json().items).toEqual([]);
    expect((await get(pro, '/api/conversations')).json().items).toEqual([]);
    expect((await get(pro, '/api/messages/unread')).json()).toEqual({ total: 0, dossiers: [] });
    const dashboard = (await get(pro, '/api/dashboard')).json();
    expect(dashboard.dossiers).toEqual([]);
    expect(dashboard.nextActions).toEqual([]);
    expect((await get(pro, '/api/me')).json().proStanding).toBe('not_verified');

    // The firm's other verified pro still reads everything.
    expect((await get(colleague, `/api/dossiers/${dossierId}`)).statusCode).toBe(200);
    expect((await get(colleague, `/api/documents/${documentId}/download`)).statusCode).toBe(200);
    expect((await get(colleague, `/api/dossiers/${dossierId}/messages`)).json().items).toHaveLength(1);
    expect((await get(colleague, '/api/dashboard')).json().nextActions).toHaveLength(1);
    // The candidate too, who sees their pro is no longer verified.
    expect((await get(candidate, `/api/dossiers/${dossierId}`)).json().agent.standing).toBe('not_verified');

    // Reinstated, the pro reads it again.
    await verifyPro(t, pro.userId);
    expect((await get(pro, `/api/dossiers/${dossierId}`)).statusCode).toBe(200);
  });

  it('a suspended pro’s open socket gets no more messages and cannot subscribe', async () => {
    const { candidate, pro, dossierId } = await assignedDossier(t);
    const host = await listen(t.app);
    const socket = await connectSocket(host, pro.accessToken);
    socket.send({ type: 'subscribe', dossierId });
    await socket.until(() => socket.of('subscribed').length === 1);
    const say = (text: string) =>
      t.app.inject({
        method: 'POST',
        url: `/api/dossiers/${dossierId}/messages`,
        headers: candidate.auth,
        payload: { clientId: randomUUID(), body: text },
      });
    await say('Premier message');
    await socket.until(() => socket.of('message').length === 1);

    await verifyPro(t, pro.userId, { status: 'suspended' });
    await say('Second message');
    // A message after it is delivered to the candidate's own socket: by then, the pro's would have come.
    const own = await connectSocket(host, candidate.accessToken);
    own.send({ type: 'subscribe', dossierId });
    await own.until(() => own.of('subscribed').length === 1);
    await say('Troisième message');
    await own.until(() => own.of('message').length === 1);
    expect(socket.of('message')).toHaveLength(1);
    socket.send({ type: 'subscribe', dossierId });
    await socket.until(() => socket.of('error').length === 1);
    expect(socket.of('error')[0]).toMatchObject({ code: 'NOT_FOUND', dossierId });
    socket.close();
    own.close();
  });

  it('only a verified pro invites; an invitation of a pro suspended since cannot be accepted', async () => {
    const pending = await signUpPro(t.app, t.database, 'Cabinet Invitant', { proVerified: false });
    const candidate = await signUpAndLogIn(t.app, t.database);
    const invite = (pro: Person) =>
      t.app.inject({
        method: 'POST',
        url: '/api/dossiers/invitations',
        headers: pro.auth,
        payload: { email: candidate.body.email, programId: 'study_permit' },
      });
    const refused = await invite(pending);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().code).toBe('PRO_NOT_VERIFIED');

    await verifyPro(t, pending.userId);
    expect((await invite(pending)).statusCode).toBe(202);
    const [invitation] = (await get(candidate, '/api/dossiers/invitations')).json().items;
    expect(invitation.pro).toMatchObject({ id: pending.userId, standing: 'verified' });

    await verifyPro(t, pending.userId, { status: 'suspended' });
    const [shown] = (await get(candidate, '/api/dossiers/invitations')).json().items;
    expect(shown.pro.standing).toBe('not_verified');
    const decide = (decision: 'accept' | 'decline') =>
      t.app.inject({
        method: 'POST',
        url: `/api/dossiers/invitations/${invitation.id}/decision`,
        headers: candidate.auth,
        payload: { decision },
      });
    const accepted = await decide('accept');
    expect(accepted.statusCode).toBe(403);
    expect(accepted.json().code).toBe('PRO_NOT_VERIFIED');

    await verifyPro(t, pending.userId);
    const opened = await decide('accept');
    expect(opened.statusCode).toBe(200);
    const [row] = await t.database.db
      .select()
      .from(dossiers)
      .where(eq(dossiers.id, opened.json().dossierId as string));
    expect(row?.agentId).toBe(pending.userId);
    expect(row?.agentSince).toBeInstanceOf(Date);
  });
});

import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import { lastEmailTo, STRONG_PASSWORD, signUpAndLogIn } from '../../../test/auth-helpers';
import { assignedDossier, signUpPro } from '../../../test/dossier-helpers';
import { verifyPro } from '../../../test/pro-helpers';
import { auditLog, dossiers, firmAgents, users } from '../../db/schema';

type Auth = { authorization: string };
type Pro = Awaited<ReturnType<typeof signUpPro>>;

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

let counter = 0;
const inviteeEmail = () => {
  counter += 1;
  return `agent${counter}.${Date.now()}@example.ca`;
};

async function firmOf(userId: string): Promise<string> {
  const [row] = await t.database.db
    .select({ organisationId: users.organisationId })
    .from(users)
    .where(eq(users.id, userId));
  return row?.organisationId as string;
}

/** A second licensee moved into `firmOwner`'s firm (sign-up always opens a firm of one's own). */
async function colleagueOf(firmOwner: Pro, options: { proVerified?: boolean } = {}): Promise<Pro> {
  const colleague = await signUpPro(t.app, t.database, 'Autre cabinet', options);
  await t.database.db
    .update(users)
    .set({ organisationId: await firmOf(firmOwner.userId) })
    .where(eq(users.id, colleague.userId));
  return colleague;
}

function invite(auth: Auth | undefined, payload: Record<string, unknown>) {
  return t.app.inject({
    method: 'POST',
    url: '/api/me/firm/agents/invitations',
    ...(auth ? { headers: auth } : {}),
    payload: { firstName: 'Léa', lastName: 'Roy', locale: 'fr', ...payload },
  });
}

/** The token of the last invitation emailed to `email`, read from the link in the outbox. */
async function emailedToken(email: string): Promise<string> {
  const message = await lastEmailTo(t.database, email);
  const match = message?.text.match(/join-firm\?token=([\w-]+)/);
  if (!match?.[1]) throw new Error(`no invitation link emailed to ${email}`);
  return decodeURIComponent(match[1]);
}

/** An agent of `licensee`'s firm under `licensee`, signed in. */
async function agentOf(licensee: Pro, supervisorId?: string) {
  const email = inviteeEmail();
  expect((await invite(licensee.auth, { email, supervisorId })).statusCode).toBe(204);
  const token = await emailedToken(email);
  // Each agent from their own address: the per-IP limit of accepting (as of signing up) stays out of the way.
  const accepted = await t.app.inject({
    method: 'POST',
    url: '/api/firm-invitations/accept',
    payload: { token, password: STRONG_PASSWORD, firstName: 'Léa', lastName: 'Roy', locale: 'fr' },
    remoteAddress: `127.1.${(counter >> 8) & 255}.${counter & 255}`,
  });
  expect(accepted.statusCode).toBe(201);
  const login = await t.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { email, password: STRONG_PASSWORD },
  });
  expect(login.statusCode).toBe(200);
  const { accessToken, user } = login.json() as { accessToken: string; user: { id: string } };
  return { userId: user.id, email, auth: { authorization: `Bearer ${accessToken}` } };
}

describe('agents and candidates', () => {
  it('an agent is never listed and cannot be asked for accompaniment nor invite clients', async () => {
    const boss = await signUpPro(t.app, t.database, 'Cabinet Discret');
    const agent = await agentOf(boss);
    const directory = await t.app.inject({ method: 'GET', url: '/api/pros?q=Cabinet%20Discret' });
    const listed = (directory.json().items as { id?: string; userId?: string }[]).map(
      (item) => item.id ?? item.userId,
    );
    expect(listed).not.toContain(agent.userId);

    const candidate = await signUpAndLogIn(t.app, t.database);
    const dossier = (
      await t.app.inject({
        method: 'POST',
        url: '/api/dossiers',
        headers: candidate.auth,
        payload: { programId: 'express_entry_fsw' },
      })
    ).json();
    const asked = await t.app.inject({
      method: 'POST',
      url: `/api/dossiers/${dossier.id}/assignment`,
      headers: candidate.auth,
      payload: { proId: agent.userId },
    });
    expect(asked.statusCode).toBe(403);
    expect(asked.json().code).toBe('PRO_NOT_VERIFIED');

    const invited = await t.app.inject({
      method: 'POST',
      url: '/api/dossiers/invitations',
      headers: agent.auth,
      payload: { email: 'client@example.ca', programId: 'express_entry_fsw' },
    });
    expect(invited.statusCode).toBe(403);
    expect(invited.json().code).toBe('PRO_NOT_VERIFIED');
  });

  it('an agent works on the firm’s dossiers while the supervisor is verified, not once suspended', async () => {
    const { pro: boss, dossierId, candidate } = await assignedDossier(t);
    const agent = await agentOf(boss);
    const read = () =>
      t.app.inject({ method: 'GET', url: `/api/dossiers/${dossierId}`, headers: agent.auth });
    const open = await read();
    expect(open.statusCode).toBe(200);
    expect(open.json().agent).toMatchObject({ id: boss.userId, supervisor: null, standing: 'verified' });

    await verifyPro(t, boss.userId, { status: 'suspended' });
    const closed = await read();
    expect(closed.statusCode).toBe(404);
    const me = (await t.app.inject({ method: 'GET', url: '/api/me', headers: agent.auth })).json();
    expect(me.proStanding).toBe('not_verified');
    // The candidate still sees their dossier.
    const own = await t.app.inject({
      method: 'GET',
      url: `/api/dossiers/${dossierId}`,
      headers: candidate.auth,
    });
    expect(own.statusCode).toBe(200);

    await verifyPro(t, boss.userId);
    expect((await read()).statusCode).toBe(200);
  });

  it('the dossier shows an agent with their supervisor', async () => {
    const { pro: boss, dossierId, candidate } = await assignedDossier(t);
    const agent = await agentOf(boss);
    // Handing a dossier to an agent is not a route: made directly, to see how a summary names them.
    await t.database.db.update(dossiers).set({ agentId: agent.userId }).where(eq(dossiers.id, dossierId));
    const seen = await t.app.inject({
      method: 'GET',
      url: `/api/dossiers/${dossierId}`,
      headers: candidate.auth,
    });
    expect(seen.json().agent).toMatchObject({
      id: agent.userId,
      licenceNumber: null,
      standing: 'verified',
      supervisor: { id: boss.userId, firstName: 'Amina', lastName: 'Diallo' },
    });
  });
});

describe('PUT and DELETE /api/me/firm/agents/{userId}', () => {
  it('changes an agent’s supervisor to another verified licensee of the firm, audited', async () => {
    const boss = await signUpPro(t.app, t.database);
    const colleague = await colleagueOf(boss);
    const unverified = await colleagueOf(boss, { proVerified: false });
    const agent = await agentOf(boss);
    const put = (auth: Auth | undefined, supervisorId: string, agentId = agent.userId) =>
      t.app.inject({
        method: 'PUT',
        url: `/api/me/firm/agents/${agentId}`,
        ...(auth ? { headers: auth } : {}),
        payload: { supervisorId },
      });

    expect((await put(undefined, colleague.userId)).statusCode).toBe(401);
    const candidate = await signUpAndLogIn(t.app, t.database);
    expect((await put(candidate.auth, colleague.userId)).json().code).toBe('FORBIDDEN');
    expect((await put(agent.auth, colleague.userId)).json().code).toBe('FORBIDDEN');
    expect((await put(unverified.auth, colleague.userId)).json().code).toBe('PRO_NOT_VERIFIED');
    const stranger = await signUpPro(t.app, t.database, 'Ailleurs');
    expect((await put(stranger.auth, stranger.userId)).statusCode).toBe(404);
    expect((await put(boss.auth, unverified.userId)).statusCode).toBe(400);
    expect((await put(boss.auth, colleague.userId, colleague.userId)).statusCode).toBe(404);

    expect((await put(colleague.auth, colleague.userId)).statusCode).toBe(204);
    const [row] = await t.database.db.select().from(firmAgents).where(eq(firmAgents.userId, agent.userId));
    expect(row?.supervisorId).toBe(colleague.userId);
    const [audit] = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'firm.agent_supervisor_changed'), eq(auditLog.subjectId, agent.userId)));
    expect(audit).toMatchObject({
      before: { supervisorId: boss.userId },
      after: { supervisorId: colleague.userId },
    });

    // The agent's standing now follows the new supervisor.
    await verifyPro(t, boss.userId, { status: 'suspended' });
    const me = (await t.app.inject({ method: 'GET', url: '/api/me', headers: agent.auth })).json();
    expect(me.proStanding).toBe('verified');
  });

  it('removes an agent from the firm: no firm, no dossier, audited', async () => {
    const { pro: boss, dossierId } = await assignedDossier(t);
    const agent = await agentOf(boss);
    const del = (auth: Auth | undefined) =>
      t.app.inject({
        method: 'DELETE',
        url: `/api/me/firm/agents/${agent.userId}`,
        ...(auth ? { headers: auth } : {}),
      });
    expect((await del(undefined)).statusCode).toBe(401);
    const candidate = await signUpAndLogIn(t.app, t.database);
    expect((await del(candidate.auth)).json().code).toBe('FORBIDDEN');
    expect((await del(agent.auth)).json().code).toBe('FORBIDDEN');
    const stranger = await signUpPro(t.app, t.database, 'Ailleurs');
    expect((await del(stranger.auth)).statusCode).toBe(404);

    expect((await del(boss.auth)).statusCode).toBe(204);
    const [user] = await t.database.db.select().from(users).where(eq(users.id, agent.userId));
    expect(user?.organisationId).toBeNull();
    expect(await t.database.db.select().from(firmAgents).where(eq(firmAgents.userId, agent.userId))).toEqual(
      [],
    );
    const [audit] = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'firm.agent_removed'), eq(auditLog.subjectId, agent.userId)));
    expect(audit?.actorId).toBe(boss.userId);
    const read = await t.app.inject({
      method: 'GET',
      url: `/api/dossiers/${dossierId}`,
      headers: agent.auth,
    });
    expect(read.statusCode).toBe(404);
    const firm = await t.app.inject({ method: 'GET', url: '/api/me/firm', headers: agent.auth });
    expect(firm.statusCode).toBe(404);
    expect((await del(boss.auth)).statusCode).toBe(404);
  });
});

import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import { signUpAndLogIn } from '../../../test/auth-helpers';
import { assignedDossier, signUpPro } from '../../../test/dossier-helpers';
import { firmHelpers } from '../../../test/firm-helpers';
import { verifyPro } from '../../../test/pro-helpers';
import { auditLog, dossiers, firmAgents, users } from '../../db/schema';

type Auth = { authorization: string };

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

const { colleagueOf, agentOf } = firmHelpers(() => t);

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

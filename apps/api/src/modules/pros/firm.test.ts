import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import { emailsTo, lastEmailTo, STRONG_PASSWORD, signUpAndLogIn } from '../../../test/auth-helpers';
import { signUpPro } from '../../../test/dossier-helpers';
import { firmHelpers } from '../../../test/firm-helpers';
import { verifyPro } from '../../../test/pro-helpers';
import { auditLog, firmAgentInvitations, firmAgents, users } from '../../db/schema';
import { hashToken } from '../../lib/tokens';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

const { inviteeEmail, firmOf, colleagueOf, invite, emailedToken, agentOf } = firmHelpers(() => t);

describe('GET /api/me/firm', () => {
  it('refuses anonymous people and candidates', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/me/firm' })).statusCode).toBe(401);
    const candidate = await signUpAndLogIn(t.app, t.database);
    const refused = await t.app.inject({ method: 'GET', url: '/api/me/firm', headers: candidate.auth });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().code).toBe('FORBIDDEN');
  });

  it('shows the licensees with their standing, the agents with their supervisor, and open invitations', async () => {
    const boss = await signUpPro(t.app, t.database, 'Cabinet Fleuve');
    const pending = await colleagueOf(boss, { proVerified: false });
    const agent = await agentOf(boss);
    const email = inviteeEmail();
    await invite(boss.auth, { email, firstName: 'Noé', lastName: 'Côté' });

    const firm = await t.app.inject({ method: 'GET', url: '/api/me/firm', headers: boss.auth });
    expect(firm.statusCode).toBe(200);
    const body = firm.json();
    expect(body).toMatchObject({ name: 'Cabinet Fleuve', viewerRole: 'licensee' });
    expect(body.licensees).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ id: boss.userId, standing: 'verified' }),
        expect.objectContaining({ id: pending.userId, standing: 'not_verified' }),
      ]),
    );
    expect(body.agents).toEqual([
      expect.objectContaining({
        id: agent.userId,
        firstName: 'Léa',
        supervisor: expect.objectContaining({ id: boss.userId }),
      }),
    ]);
    expect(body.invitations).toEqual([expect.objectContaining({ email, firstName: 'Noé' })]);

    // The agent sees who supervises them, but not the invitations.
    const seen = (await t.app.inject({ method: 'GET', url: '/api/me/firm', headers: agent.auth })).json();
    expect(seen).toMatchObject({ viewerRole: 'agent', invitations: [] });
    expect(seen.agents[0].supervisor.id).toBe(boss.userId);

    const me = (await t.app.inject({ method: 'GET', url: '/api/me', headers: agent.auth })).json();
    expect(me).toMatchObject({
      role: 'pro',
      firmRole: 'agent',
      proStanding: 'verified',
      emailVerified: true,
    });
    expect(me.organisation.name).toBe('Cabinet Fleuve');
    const bossMe = (await t.app.inject({ method: 'GET', url: '/api/me', headers: boss.auth })).json();
    expect(bossMe.firmRole).toBe('licensee');
  });
});

describe('POST /api/me/firm/agents/invitations', () => {
  it('emails a link in the invitee’s language, valid 14 days, and audits it', async () => {
    const boss = await signUpPro(t.app, t.database, 'Cabinet Érable');
    const email = inviteeEmail();
    const sent = await invite(boss.auth, { email, locale: 'en', firstName: 'Sam' });
    expect(sent.statusCode).toBe(204);
    const message = await lastEmailTo(t.database, email);
    expect(message?.subject).toBe('Amina Diallo invites you to join Cabinet Érable on CAPITUNE');
    expect(message?.text).toContain('http://capitune.test/join-firm?token=');
    expect(message?.text).toContain('14 days');
    const [stored] = await t.database.db
      .select()
      .from(firmAgentInvitations)
      .where(eq(firmAgentInvitations.email, email));
    expect(stored?.tokenHash).toBe(hashToken(await emailedToken(email)));
    expect(stored && stored.expiresAt.getTime() - stored.createdAt.getTime()).toBe(14 * 24 * 3600 * 1000);
    const [audit] = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'firm.agent_invited'), eq(auditLog.actorId, boss.userId)));
    expect(audit).toBeDefined();

    const fr = inviteeEmail();
    await invite(boss.auth, { email: fr, locale: 'fr' });
    expect((await lastEmailTo(t.database, fr))?.subject).toBe(
      'Amina Diallo vous invite à rejoindre «\u00a0Cabinet Érable\u00a0» sur CAPITUNE',
    );
  });

  it('limits invitations per licensee (20 a day) and per invited address (3 a day, whoever invites)', async () => {
    const busy = await signUpPro(t.app, t.database, 'Cabinet Pressé');
    for (let sent = 0; sent < 20; sent++) {
      expect((await invite(busy.auth, { email: inviteeEmail() })).statusCode).toBe(204);
    }
    const overSender = inviteeEmail();
    const refused = await invite(busy.auth, { email: overSender });
    expect(refused.statusCode).toBe(429);
    expect(refused.json().code).toBe('RATE_LIMITED');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(await emailsTo(t.database, overSender)).toHaveLength(0);

    const email = inviteeEmail();
    const first = await signUpPro(t.app, t.database, 'Cabinet Premier');
    const second = await signUpPro(t.app, t.database, 'Cabinet Second');
    expect((await invite(first.auth, { email })).statusCode).toBe(204);
    expect((await invite(first.auth, { email })).statusCode).toBe(204);
    expect((await invite(second.auth, { email })).statusCode).toBe(204);
    const overRecipient = await invite(second.auth, { email });
    expect(overRecipient.statusCode).toBe(429);
    expect(Number(overRecipient.headers['retry-after'])).toBeGreaterThan(0);
    expect(await emailsTo(t.database, email)).toHaveLength(3);
    // The second licensee may still invite someone else.
    expect((await invite(second.auth, { email: inviteeEmail() })).statusCode).toBe(204);
  });

  it('refuses anonymous people, candidates, unverified licensees and agents', async () => {
    expect((await invite(undefined, { email: inviteeEmail() })).statusCode).toBe(401);
    const candidate = await signUpAndLogIn(t.app, t.database);
    expect((await invite(candidate.auth, { email: inviteeEmail() })).json().code).toBe('FORBIDDEN');

    const pending = await signUpPro(t.app, t.database, 'Cabinet Attente', { proVerified: false });
    const refused = await invite(pending.auth, { email: inviteeEmail() });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().code).toBe('PRO_NOT_VERIFIED');

    const boss = await signUpPro(t.app, t.database);
    const agent = await agentOf(boss);
    const byAgent = await invite(agent.auth, { email: inviteeEmail() });
    expect(byAgent.statusCode).toBe(403);
    expect(byAgent.json().code).toBe('FORBIDDEN');

    await verifyPro(t, boss.userId, { status: 'suspended' });
    expect((await invite(boss.auth, { email: inviteeEmail() })).json().code).toBe('PRO_NOT_VERIFIED');
  });

  it('takes as supervisor only a verified licensee of the same firm', async () => {
    const boss = await signUpPro(t.app, t.database);
    const colleague = await colleagueOf(boss);
    const unverified = await colleagueOf(boss, { proVerified: false });
    const stranger = await signUpPro(t.app, t.database, 'Ailleurs');
    const agent = await agentOf(boss);

    for (const supervisorId of [unverified.userId, stranger.userId, agent.userId]) {
      const refused = await invite(boss.auth, { email: inviteeEmail(), supervisorId });
      expect(refused.statusCode).toBe(400);
      expect(refused.json().errors).toEqual([expect.objectContaining({ path: 'body.supervisorId' })]);
    }
    const underColleague = await agentOf(boss, colleague.userId);
    const [row] = await t.database.db
      .select()
      .from(firmAgents)
      .where(eq(firmAgents.userId, underColleague.userId));
    expect(row?.supervisorId).toBe(colleague.userId);
  });

  it('refuses bad input with field errors', async () => {
    const boss = await signUpPro(t.app, t.database);
    const bad = await invite(boss.auth, { email: 'not-an-email', firstName: '' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('VALIDATION_FAILED');
  });
});

describe('POST /api/firm-invitations/lookup and /accept', () => {
  it('shows the invitation, then creates the agent once; the link is then spent', async () => {
    const boss = await signUpPro(t.app, t.database, 'Cabinet Rivière');
    const email = inviteeEmail();
    await invite(boss.auth, { email, firstName: 'Inès', lastName: 'Ba' });
    const token = await emailedToken(email);

    const lookup = await t.app.inject({
      method: 'POST',
      url: '/api/firm-invitations/lookup',
      payload: { token },
    });
    expect(lookup.statusCode).toBe(200);
    expect(lookup.json()).toEqual({
      firmName: 'Cabinet Rivière',
      supervisor: { firstName: 'Amina', lastName: 'Diallo' },
      email,
      firstName: 'Inès',
      lastName: 'Ba',
      locale: 'fr',
    });

    const weak = await t.app.inject({
      method: 'POST',
      url: '/api/firm-invitations/accept',
      payload: { token, password: 'motdepasse1', firstName: 'Inès', lastName: 'Ba', locale: 'fr' },
    });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().code).toBe('PASSWORD_TOO_WEAK');

    const accept = () =>
      t.app.inject({
        method: 'POST',
        url: '/api/firm-invitations/accept',
        payload: { token, password: STRONG_PASSWORD, firstName: 'Inès', lastName: 'Ba', locale: 'en' },
      });
    const accepted = await accept();
    expect(accepted.statusCode).toBe(201);
    expect(accepted.json()).toEqual({ status: 'accepted', email });
    const [agent] = await t.database.db.select().from(users).where(eq(users.email, email));
    expect(agent).toMatchObject({ role: 'pro', locale: 'en', organisationId: await firmOf(boss.userId) });
    expect(agent?.emailVerifiedAt).not.toBeNull();

    const again = await accept();
    expect(again.statusCode).toBe(400);
    expect(again.json().code).toBe('INVALID_TOKEN');
    const lookedAgain = await t.app.inject({
      method: 'POST',
      url: '/api/firm-invitations/lookup',
      payload: { token },
    });
    expect(lookedAgain.json().code).toBe('INVALID_TOKEN');
  });

  it('refuses unknown and expired tokens', async () => {
    const unknown = await t.app.inject({
      method: 'POST',
      url: '/api/firm-invitations/lookup',
      payload: { token: 'x'.repeat(43) },
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().code).toBe('INVALID_TOKEN');
    const tooShort = await t.app.inject({
      method: 'POST',
      url: '/api/firm-invitations/lookup',
      payload: { token: 'x' },
    });
    expect(tooShort.json().code).toBe('VALIDATION_FAILED');

    const boss = await signUpPro(t.app, t.database);
    const email = inviteeEmail();
    await invite(boss.auth, { email });
    const token = await emailedToken(email);
    await t.database.db
      .update(firmAgentInvitations)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(firmAgentInvitations.tokenHash, hashToken(token)));
    const expired = await t.app.inject({
      method: 'POST',
      url: '/api/firm-invitations/lookup',
      payload: { token },
    });
    expect(expired.json().code).toBe('TOKEN_EXPIRED');
    const accept = await t.app.inject({
      method: 'POST',
      url: '/api/firm-invitations/accept',
      payload: { token, password: STRONG_PASSWORD, firstName: 'A', lastName: 'B', locale: 'fr' },
    });
    expect(accept.statusCode).toBe(400);
    expect(accept.json().code).toBe('TOKEN_EXPIRED');
    const [invitation] = await t.database.db
      .select()
      .from(firmAgentInvitations)
      .where(eq(firmAgentInvitations.tokenHash, hashToken(token)));
    expect(invitation?.acceptedAt).toBeNull();
  });

  it('answers the same for an email that has an account, and does not attach that account', async () => {
    const boss = await signUpPro(t.app, t.database);
    const someone = await signUpAndLogIn(t.app, t.database);
    const email = someone.body.email;
    await invite(boss.auth, { email });
    const token = await emailedToken(email);
    const accepted = await t.app.inject({
      method: 'POST',
      url: '/api/firm-invitations/accept',
      payload: { token, password: STRONG_PASSWORD, firstName: 'X', lastName: 'Y', locale: 'fr' },
    });
    expect(accepted.statusCode).toBe(201);
    expect(accepted.json()).toEqual({ status: 'accepted', email });
    const [user] = await t.database.db.select().from(users).where(eq(users.email, email));
    expect(user).toMatchObject({ role: 'candidate', organisationId: null, firstName: 'Amina' });
    expect(
      await t.database.db.select().from(firmAgents).where(eq(firmAgents.userId, someone.userId)),
    ).toEqual([]);
    expect((await emailsTo(t.database, email)).map((message) => message.template)).toContain(
      'auth.account_exists',
    );
  });
});

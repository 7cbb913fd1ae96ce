import { eq } from 'drizzle-orm';
import { expect } from 'vitest';
import { users } from '../src/db/schema';
import type { TestApp } from './app';
import { lastEmailTo, STRONG_PASSWORD } from './auth-helpers';
import { signUpPro } from './dossier-helpers';

type Auth = { authorization: string };
type Pro = Awaited<ReturnType<typeof signUpPro>>;

/**
 * Firms in tests: invitations, agents and colleagues, on the test app `app()` returns (made in a
 * `beforeAll`, so read when a helper runs). Each call keeps its own counter of invitees.
 */
export function firmHelpers(app: () => TestApp) {
  let counter = 0;
  const inviteeEmail = () => {
    counter += 1;
    return `agent${counter}.${Date.now()}@example.ca`;
  };

  async function firmOf(userId: string): Promise<string> {
    const [row] = await app()
      .database.db.select({ organisationId: users.organisationId })
      .from(users)
      .where(eq(users.id, userId));
    return row?.organisationId as string;
  }

  /** A second licensee moved into `firmOwner`'s firm (sign-up always opens a firm of one's own). */
  async function colleagueOf(firmOwner: Pro, options: { proVerified?: boolean } = {}): Promise<Pro> {
    const colleague = await signUpPro(app().app, app().database, 'Autre cabinet', options);
    await app()
      .database.db.update(users)
      .set({ organisationId: await firmOf(firmOwner.userId) })
      .where(eq(users.id, colleague.userId));
    return colleague;
  }

  function invite(auth: Auth | undefined, payload: Record<string, unknown>) {
    return app().app.inject({
      method: 'POST',
      url: '/api/me/firm/agents/invitations',
      ...(auth ? { headers: auth } : {}),
      payload: { firstName: 'Léa', lastName: 'Roy', locale: 'fr', ...payload },
    });
  }

  /** The token of the last invitation emailed to `email`, read from the link in the outbox. */
  async function emailedToken(email: string): Promise<string> {
    const message = await lastEmailTo(app().database, email);
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
    const accepted = await app().app.inject({
      method: 'POST',
      url: '/api/firm-invitations/accept',
      payload: { token, password: STRONG_PASSWORD, firstName: 'Léa', lastName: 'Roy', locale: 'fr' },
      remoteAddress: `127.1.${(counter >> 8) & 255}.${counter & 255}`,
    });
    expect(accepted.statusCode).toBe(201);
    const login = await app().app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email, password: STRONG_PASSWORD },
    });
    expect(login.statusCode).toBe(200);
    const { accessToken, user } = login.json() as { accessToken: string; user: { id: string } };
    return { userId: user.id, email, auth: { authorization: `Bearer ${accessToken}` } };
  }
  return { inviteeEmail, firmOf, colleagueOf, invite, emailedToken, agentOf };
}

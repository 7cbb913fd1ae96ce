import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestApp, TEST_JWT_SECRET, type TestApp } from '../../../test/app';
import {
  lastEmailTo,
  refreshCookie,
  STRONG_PASSWORD,
  signUpAndLogIn,
  stepUp,
} from '../../../test/auth-helpers';
import { createPost, person } from '../../../test/inside-helpers';
import { tokenFrom } from '../../../test/smtp';
import { sessions } from '../../db/schema';
import { signAccessToken } from '../../lib/tokens';
import { ManualClock } from '../../platform/clock';
import { withTransaction } from '../../platform/db/transaction';
import type { BusEvent } from '../../platform/realtime/event-bus';
import { RETRIED_REFRESH_GRACE_MS, revokeAllSessions } from './sessions.service';

const me = (app: FastifyInstance, auth: { authorization: string }) =>
  app.inject({ method: 'GET', url: '/api/me', headers: auth });

/** Asks until the token is refused, for at most a second: the time a revocation may take to cross instances. */
async function refusedWithin(app: FastifyInstance, auth: { authorization: string }, deadlineMs = 1_000) {
  const started = Date.now();
  for (;;) {
    const response = await me(app, auth);
    if (response.statusCode !== 200 || Date.now() - started > deadlineMs) return response;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('an access token dies with its session, on every instance', () => {
  let a: TestApp;
  let b: TestApp;
  beforeAll(async () => {
    a = await createTestApp();
    b = await createTestApp({ sameDatabaseAs: a });
  });
  afterAll(async () => {
    await b.close();
    await a.close();
  });

  /** The token works on both instances first, so each knows its session as open. */
  async function inUseOnBoth(auth: { authorization: string }) {
    expect((await me(a.app, auth)).statusCode).toBe(200);
    expect((await me(b.app, auth)).statusCode).toBe(200);
  }
  async function expectEnded(auth: { authorization: string }) {
    for (const instance of [b, a]) {
      const refused = await refusedWithin(instance.app, auth);
      expect(refused.statusCode).toBe(401);
      expect(refused.json().code).toBe('SESSION_EXPIRED');
    }
  }

  it('after logout on one instance, the token is refused on the other', async () => {
    const someone = await signUpAndLogIn(a.app, a.database);
    await inUseOnBoth(someone.auth);
    const logout = await a.app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      cookies: { capitune_refresh: someone.refreshToken },
    });
    expect(logout.statusCode).toBe(204);
    await expectEnded(someone.auth);
    // Public pages still answer, as to anyone.
    const feed = await b.app.inject({ method: 'GET', url: '/api/posts', headers: someone.auth });
    expect(feed.statusCode).toBe(200);
  });

  it('after "end this device", that device’s token is refused everywhere and the others keep working', async () => {
    const laptop = await signUpAndLogIn(a.app, a.database);
    const phoneLogin = await b.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: laptop.body.email, password: STRONG_PASSWORD },
      remoteAddress: '198.51.100.20',
    });
    const phone = { authorization: `Bearer ${phoneLogin.json().accessToken}` };
    await inUseOnBoth(phone);
    const list = await a.app.inject({ method: 'GET', url: '/api/me/sessions', headers: laptop.auth });
    const phoneSession = (list.json().items as { id: string; current: boolean }[]).find((s) => !s.current);
    const ended = await a.app.inject({
      method: 'DELETE',
      url: `/api/me/sessions/${phoneSession?.id}`,
      headers: laptop.auth,
    });
    expect(ended.statusCode).toBe(204);
    await expectEnded(phone);
    expect((await me(b.app, laptop.auth)).statusCode).toBe(200);
  });

  it('after a password reset, every token of the account is refused', async () => {
    const someone = await signUpAndLogIn(a.app, a.database);
    await inUseOnBoth(someone.auth);
    await a.app.inject({
      method: 'POST',
      url: '/api/auth/forgot-password',
      payload: { email: someone.body.email },
    });
    const token = tokenFrom((await lastEmailTo(a.database, someone.body.email))?.text ?? '');
    const reset = await a.app.inject({
      method: 'POST',
      url: '/api/auth/reset-password',
      payload: { token, password: 'Nouvelle-Clef-Brume-77' },
    });
    expect(reset.statusCode).toBe(204);
    await expectEnded(someone.auth);
  });

  it('after a suspension, the suspended account’s token is refused', async () => {
    const admin = await person(a.app, a.database, 'admin');
    const offender = await person(a.app, a.database);
    const post = await createPost(a.app, offender);
    await inUseOnBoth(offender.auth);
    // A ban is a sensitive decision: the admin proves it is them again first.
    await stepUp(a.app, admin.auth.authorization.slice('Bearer '.length));
    const suspended = await a.app.inject({
      method: 'POST',
      url: `/api/admin/moderation/post/${post.id}/suspend`,
      headers: admin.auth,
      payload: { note: 'Fraude.' },
    });
    expect(suspended.statusCode).toBe(200);
    await expectEnded(offender.auth);
    expect((await me(b.app, admin.auth)).statusCode).toBe(200);
  });

  it('reads every session again after the bus reconnects, as notices may have been missed', async () => {
    const someone = await signUpAndLogIn(a.app, a.database);
    await inUseOnBoth(someone.auth);
    // Ended behind the application's back: no notice, so an instance that knows it as open keeps it.
    await a.database.db
      .update(sessions)
      .set({ revokedAt: new Date() })
      .where(eq(sessions.userId, someone.userId));
    expect((await me(b.app, someone.auth)).statusCode).toBe(200);
    await b.app.deps.bus.publish({ type: 'resync' });
    await expectEnded(someone.auth);
  });

  it('refuses a well-signed token naming a session that does not exist', async () => {
    const someone = await signUpAndLogIn(a.app, a.database);
    const secret = new TextEncoder().encode(TEST_JWT_SECRET);
    for (const sessionId of [randomUUID(), 'not-a-session']) {
      const forged = await signAccessToken(
        { id: someone.userId, role: 'candidate', sessionId, emailVerified: true },
        secret,
        new Date(),
      );
      for (const instance of [a, b]) {
        const response = await me(instance.app, { authorization: `Bearer ${forged}` });
        expect(response.statusCode).toBe(401);
        expect(response.json().code).toBe('SESSION_EXPIRED');
      }
    }
    // Nor does a real session's id make another user's token.
    const other = await signUpAndLogIn(a.app, a.database);
    const [, payload] = other.accessToken.split('.');
    const { sid } = JSON.parse(Buffer.from(payload ?? '', 'base64url').toString()) as { sid: string };
    const borrowed = await signAccessToken(
      { id: someone.userId, role: 'candidate', sessionId: sid, emailVerified: true },
      secret,
      new Date(),
    );
    expect((await me(b.app, { authorization: `Bearer ${borrowed}` })).statusCode).toBe(401);
  });
});

describe('refresh tokens', () => {
  const clock = new ManualClock();
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ clock });
  });
  afterAll(() => t.close());

  const refresh = (cookie: string) =>
    t.app.inject({ method: 'POST', url: '/api/auth/refresh', cookies: { capitune_refresh: cookie } });

  it('two refreshes with the same cookie at once both get the same successor', async () => {
    const someone = await signUpAndLogIn(t.app, t.database);
    const [first, second] = await Promise.all([refresh(someone.refreshToken), refresh(someone.refreshToken)]);
    expect(first.statusCode).toBe(200);
    expect(second.statusCode).toBe(200);
    const successor = refreshCookie(first) ?? '';
    expect(successor).not.toBe(someone.refreshToken);
    expect(refreshCookie(second)).toBe(successor);
    for (const response of [first, second]) {
      const auth = { authorization: `Bearer ${response.json().accessToken}` };
      expect((await me(t.app, auth)).statusCode).toBe(200);
    }
    // A lost answer retried a little later gets it again; the session goes on with it.
    clock.advance(RETRIED_REFRESH_GRACE_MS - 1_000);
    expect(refreshCookie(await refresh(someone.refreshToken))).toBe(successor);
    const next = await refresh(successor);
    expect(next.statusCode).toBe(200);
    expect(refreshCookie(next)).not.toBe(successor);
  });

  it('a refresh token replayed after the grace revokes its whole family, access tokens included', async () => {
    const someone = await signUpAndLogIn(t.app, t.database);
    const first = await refresh(someone.refreshToken);
    expect(first.statusCode).toBe(200);
    const next = refreshCookie(first) ?? '';
    const auth = { authorization: `Bearer ${first.json().accessToken}` };
    expect((await me(t.app, auth)).statusCode).toBe(200);

    // A thief replays the old token: refused, and the session is over for everyone.
    clock.advance(RETRIED_REFRESH_GRACE_MS + 1_000);
    const replay = await refresh(someone.refreshToken);
    expect(replay.statusCode).toBe(401);
    expect(replay.json().code).toBe('REFRESH_TOKEN_REUSED');
    const legitimate = await refresh(next);
    expect(legitimate.statusCode).toBe(401);
    expect(legitimate.json().code).toBe('SESSION_EXPIRED');
    expect((await refusedWithin(t.app, auth)).json().code).toBe('SESSION_EXPIRED');
  });

  it('within the grace, a token whose successor was already exchanged is a reuse', async () => {
    const someone = await signUpAndLogIn(t.app, t.database);
    const next = refreshCookie(await refresh(someone.refreshToken)) ?? '';
    expect((await refresh(next)).statusCode).toBe(200);
    const replay = await refresh(someone.refreshToken);
    expect(replay.statusCode).toBe(401);
    expect(replay.json().code).toBe('REFRESH_TOKEN_REUSED');
  });
});

describe('ending every session of an account', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('publishes, from its one statement, the notice bus.publish would send; nothing when none was open', async () => {
    const person = await signUpAndLogIn(t.app, t.database);
    const [, payload] = person.accessToken.split('.');
    const { sid } = JSON.parse(Buffer.from(payload ?? '', 'base64url').toString()) as { sid: string };
    const seen: BusEvent[] = [];
    const stop = t.app.deps.bus.subscribe((event) => {
      if (event.type === 'sessions_revoked' && event.userId === person.userId) seen.push(event);
    });
    try {
      const endAll = () =>
        withTransaction(t.app.deps.pool, (tx) =>
          revokeAllSessions(t.app.deps, tx.db, person.userId, 'suspended', new Date()),
        );
      expect(await endAll()).toBe(1);
      await vi.waitFor(() =>
        expect(seen).toEqual([{ type: 'sessions_revoked', userId: person.userId, sessionIds: [sid] }]),
      );
      expect(await endAll()).toBe(0);
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(seen).toHaveLength(1);
    } finally {
      stop();
    }
  });
});

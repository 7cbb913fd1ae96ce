import { describe, expect, it } from 'vitest';
import { createTestApp } from '../../../test/app';
import {
  emailsTo,
  lastEmailTo,
  registration,
  STRONG_PASSWORD,
  signUpAndLogIn,
} from '../../../test/auth-helpers';
import { tokenFrom } from '../../../test/smtp';
import { ManualClock } from '../../platform/clock';
import { loginSource } from './login.service';

describe('rate limits and lockout', () => {
  it('limits sign-ups per email and per IP, with Retry-After', async () => {
    const t = await createTestApp();
    try {
      const body = registration();
      const codes: number[] = [];
      for (let i = 0; i < 4; i++) {
        const response = await t.app.inject({
          method: 'POST',
          url: '/api/auth/register',
          payload: body,
          remoteAddress: `127.4.0.${i}`,
        });
        codes.push(response.statusCode);
        if (response.statusCode === 429) {
          expect(response.json().code).toBe('RATE_LIMITED');
          expect(Number(response.headers['retry-after'])).toBeGreaterThan(0);
        }
      }
      expect(codes).toEqual([201, 201, 201, 429]);

      const perIp: number[] = [];
      for (let i = 0; i < 11; i++) {
        const response = await t.app.inject({
          method: 'POST',
          url: '/api/auth/register',
          payload: registration(),
          remoteAddress: '127.5.0.1',
        });
        perIp.push(response.statusCode);
      }
      expect(perIp.filter((code) => code === 201)).toHaveLength(10);
      expect(perIp.at(-1)).toBe(429);
    } finally {
      await t.close();
    }
  });

  it('slows failed logins from one address down and locks that address out, never the owner elsewhere', async () => {
    const clock = new ManualClock();
    const t = await createTestApp({ clock });
    try {
      const owner = await signUpAndLogIn(t.app, t.database, { email: 'target@example.ca' });
      const attacker = '203.0.113.7';
      const attempt = (password: string, remoteAddress = attacker, email = 'target@example.ca') =>
        t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password }, remoteAddress });
      const ownerLogsIn = async () => {
        const response = await attempt(STRONG_PASSWORD, '198.51.100.4');
        expect(response.statusCode).toBe(200);
        expect(response.json().user.id).toBe(owner.userId);
      };

      for (let i = 0; i < 3; i++) expect((await attempt('wrong-password')).statusCode).toBe(401);
      // After three failures, the next try from that address must wait; the owner elsewhere need not.
      const slowed = await attempt(STRONG_PASSWORD);
      expect(slowed.statusCode).toBe(429);
      expect(slowed.json().code).toBe('RATE_LIMITED');
      expect(slowed.headers['retry-after']).toBe('5');
      await ownerLogsIn();
      clock.advance(5_000);
      expect((await attempt('wrong-password')).statusCode).toBe(401); // fourth failure
      expect((await attempt('wrong-password')).headers['retry-after']).toBe('10');
      clock.advance(10_000);
      expect((await attempt('wrong-password')).statusCode).toBe(401); // fifth failure: locked out

      const lockEmail = await lastEmailTo(t.database, 'target@example.ca');
      expect(lockEmail?.template).toBe('auth.account_locked');
      clock.advance(20_000);
      // Refused before the password is read: the right one and a wrong one get the same answer.
      for (const password of [STRONG_PASSWORD, 'still-wrong']) {
        const locked = await attempt(password);
        expect(locked.statusCode).toBe(423);
        expect(locked.json().code).toBe('ACCOUNT_LOCKED');
        expect(Number(locked.headers['retry-after'])).toBeGreaterThan(14 * 60);
      }
      await ownerLogsIn();

      // Another address locked out within the hour: the owner is not emailed again.
      for (let i = 0; i < 5; i++) {
        await attempt('wrong-password', '203.0.113.8');
        clock.advance(20_000);
      }
      expect((await attempt(STRONG_PASSWORD, '203.0.113.8')).statusCode).toBe(423);
      const notices = (await emailsTo(t.database, 'target@example.ca')).filter(
        (email) => email.template === 'auth.account_locked',
      );
      expect(notices).toHaveLength(1);

      clock.advance(15 * 60_000);
      expect((await attempt(STRONG_PASSWORD)).statusCode).toBe(200);

      // A new password lifts the lockouts: the owner may have been the one locked out.
      for (let i = 0; i < 5; i++) {
        await attempt('wrong-password', '203.0.113.9');
        clock.advance(20_000);
      }
      expect((await attempt(STRONG_PASSWORD, '203.0.113.9')).statusCode).toBe(423);
      await t.app.inject({
        method: 'POST',
        url: '/api/auth/forgot-password',
        payload: { email: 'target@example.ca' },
      });
      const resetToken = tokenFrom((await lastEmailTo(t.database, 'target@example.ca'))?.text ?? '');
      const reset = await t.app.inject({
        method: 'POST',
        url: '/api/auth/reset-password',
        payload: { token: resetToken, password: 'Nouvelle-Clef-Brume-77' },
      });
      expect(reset.statusCode).toBe(204);
      expect((await attempt('Nouvelle-Clef-Brume-77', '203.0.113.9')).statusCode).toBe(200);

      // Unknown emails are slowed down and locked out the same way.
      const ghost = (password = 'x') => attempt(password, attacker, 'ghost@example.ca');
      for (let i = 0; i < 3; i++) expect((await ghost()).statusCode).toBe(401);
      const ghostSlowed = await ghost();
      expect(ghostSlowed.statusCode).toBe(429);
      expect(ghostSlowed.headers['retry-after']).toBe('5');
      clock.advance(5_000);
      await ghost();
      clock.advance(10_000);
      await ghost();
      expect((await ghost()).json().code).toBe('ACCOUNT_LOCKED');
    } finally {
      await t.close();
    }
  });

  it('counts an IPv6 host’s whole /64 as one address', () => {
    expect(loginSource('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64');
    expect(loginSource('2001:db8:1:2:bbbb:cccc:dddd:eeee')).toBe('2001:db8:1:2::/64');
    expect(loginSource('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(loginSource('::ffff:203.0.113.7')).toBe('203.0.113.7');
    expect(loginSource('203.0.113.7')).toBe('203.0.113.7');
  });

  it('a guess spread over many addresses meets a ceiling per email; the owner still logs in', async () => {
    const t = await createTestApp();
    try {
      const owner = await signUpAndLogIn(t.app, t.database, { email: 'spread@example.ca' });
      const attempt = (password: string, remoteAddress: string) =>
        t.app.inject({
          method: 'POST',
          url: '/api/auth/login',
          payload: { email: 'spread@example.ca', password },
          remoteAddress,
        });
      for (let i = 0; i < 50; i++) {
        expect((await attempt('wrong-password', `192.0.2.${i}`)).statusCode).toBe(401);
      }
      // An address that has failed is refused now, whatever it sends, until the hour ends.
      const refused = await attempt(STRONG_PASSWORD, '192.0.2.0');
      expect(refused.statusCode).toBe(429);
      expect(refused.json().code).toBe('RATE_LIMITED');
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(50 * 60);
      // A new address gets one try: the owner's right password opens the session…
      const ownerLogin = await attempt(STRONG_PASSWORD, '198.51.100.9');
      expect(ownerLogin.statusCode).toBe(200);
      expect(ownerLogin.json().user.id).toBe(owner.userId);
      // …a guesser's wrong one counts, and that address is refused from then on.
      expect((await attempt('wrong-password', '192.0.2.200')).statusCode).toBe(401);
      expect((await attempt(STRONG_PASSWORD, '192.0.2.200')).statusCode).toBe(429);
    } finally {
      await t.close();
    }
  });

  it('expires verification links after 24 hours and reset links after 1 hour', async () => {
    const clock = new ManualClock();
    const t = await createTestApp({ clock });
    try {
      const body = registration({ email: 'slow@example.ca' });
      await t.app.inject({ method: 'POST', url: '/api/auth/register', payload: body });
      await t.app.inject({
        method: 'POST',
        url: '/api/auth/forgot-password',
        payload: { email: 'slow@example.ca' },
      });
      const emails = await emailsTo(t.database, 'slow@example.ca');
      const tokenOf = (template: string) =>
        tokenFrom(emails.find((email) => email.template === template)?.text ?? '');
      const verifyToken = tokenOf('auth.verify_email');
      const resetToken = tokenOf('auth.reset_password');

      const check = () =>
        t.app.inject({
          method: 'POST',
          url: '/api/auth/password-reset/check',
          payload: { token: resetToken },
        });
      clock.advance(59 * 60_000);
      expect((await check()).statusCode).toBe(204);
      clock.advance(2 * 60_000);
      const expired = await check();
      expect(expired.statusCode).toBe(400);
      expect(expired.json().code).toBe('TOKEN_EXPIRED');
      const reset = await t.app.inject({
        method: 'POST',
        url: '/api/auth/reset-password',
        payload: { token: resetToken, password: 'Nouvelle-Clef-Brume-77' },
      });
      expect(reset.json().code).toBe('TOKEN_EXPIRED');
      clock.advance(22 * 60 * 60_000 + 59 * 60_000);
      const verify = await t.app.inject({
        method: 'POST',
        url: '/api/auth/verify-email',
        payload: { token: verifyToken },
      });
      expect(verify.json().code).toBe('TOKEN_EXPIRED');
    } finally {
      await t.close();
    }
  });
});

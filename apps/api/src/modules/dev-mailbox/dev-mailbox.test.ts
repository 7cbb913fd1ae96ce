import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import { STRONG_PASSWORD, signUpAndLogIn } from '../../../test/auth-helpers';

describe('the dev mailbox’s text messages (embedded mode)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ devMailbox: true });
  });
  afterAll(() => t.close());

  it('lists the SMS the app sent, newest first', async () => {
    const person = await signUpAndLogIn(t.app, t.database);
    await t.app.inject({
      method: 'POST',
      url: '/api/auth/step-up',
      headers: person.auth,
      payload: { method: 'password', password: STRONG_PASSWORD },
    });
    for (const phone of ['+15145550161', '+15145550162']) {
      const setup = await t.app.inject({
        method: 'POST',
        url: '/api/me/sms-factor/setup',
        headers: person.auth,
        payload: { phone },
      });
      expect(setup.statusCode).toBe(202);
    }
    const response = await t.app.inject({ method: 'GET', url: '/api/dev/sms' });
    expect(response.statusCode).toBe(200);
    const { items } = response.json() as {
      items: { id: string; to: string; body: string; createdAt: string }[];
    };
    expect(items.map((item) => item.to)).toEqual(['+15145550162', '+15145550161']);
    expect(items[0]?.body).toMatch(/^CAPITUNE : le code qui confirme ce numéro est \d{3} \d{3}\./);
    expect(Date.parse(items[0]?.createdAt ?? '')).not.toBeNaN();
  });
});

describe('the dev mailbox in server mode', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('does not exist', async () => {
    for (const url of ['/api/dev/sms', '/api/dev/mailbox']) {
      expect((await t.app.inject({ method: 'GET', url })).statusCode).toBe(404);
    }
  });
});

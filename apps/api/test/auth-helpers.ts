import type { TRegisterBody } from '@capitune/contracts';
import { desc, eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { Secret, TOTP } from 'otpauth';
import { outbox, users } from '../src/db/schema';
import type { DatabaseHandle } from '../src/platform/db/database';

export const STRONG_PASSWORD = 'Tournesol-Halifax-2031';

let counter = 0;
/** A unique, valid registration body. */
export function registration(overrides: Partial<Record<string, unknown>> = {}): TRegisterBody {
  counter += 1;
  return {
    role: 'candidate',
    email: `person${counter}.${Date.now()}@example.ca`,
    password: STRONG_PASSWORD,
    firstName: 'Amina',
    lastName: 'Diallo',
    locale: 'fr',
    ...overrides,
  } as TRegisterBody;
}

/** The latest outbox email to `address`. */
export async function lastEmailTo(database: DatabaseHandle, address: string) {
  const [row] = await database.db
    .select()
    .from(outbox)
    .where(eq(outbox.toAddress, address))
    .orderBy(desc(outbox.createdAt))
    .limit(1);
  return row;
}

export async function emailsTo(database: DatabaseHandle, address: string) {
  return database.db
    .select()
    .from(outbox)
    .where(eq(outbox.toAddress, address))
    .orderBy(desc(outbox.createdAt));
}

export function refreshCookie(response: { cookies: { name: string; value: string }[] }): string | undefined {
  return response.cookies.find((cookie) => cookie.name === 'capitune_refresh')?.value || undefined;
}

/** Registers, marks the email verified directly (unless `verified: false`) and logs in. */
export async function signUpAndLogIn(
  app: FastifyInstance,
  database: DatabaseHandle,
  overrides: Partial<Record<string, unknown>> = {},
  options: { verified?: boolean } = {},
) {
  const body = registration(overrides);
  // Each person comes from their own address, as in life: the per-IP limits stay out of the way.
  const remoteAddress = `127.0.${(counter >> 8) & 255}.${counter & 255}`;
  const registered = await app.inject({
    method: 'POST',
    url: '/api/auth/register',
    payload: body,
    remoteAddress,
  });
  if (registered.statusCode !== 201) throw new Error(`register failed: ${registered.body}`);
  if (options.verified !== false) {
    await database.db.update(users).set({ emailVerifiedAt: new Date() }).where(eq(users.email, body.email));
  }
  const login = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { email: body.email, password: body.password },
    remoteAddress,
  });
  if (login.statusCode !== 200) throw new Error(`login failed: ${login.body}`);
  const { accessToken, user } = login.json() as { accessToken: string; user: { id: string } };
  return {
    body,
    userId: user.id,
    accessToken,
    refreshToken: refreshCookie(login) as string,
    auth: { authorization: `Bearer ${accessToken}` },
  };
}

/**
 * Proves it is them again with the password (an account without a second factor), for the sensitive
 * action that follows: open for 10 minutes of the app's clock.
 */
export async function stepUp(
  app: FastifyInstance,
  accessToken: string,
  password: string = STRONG_PASSWORD,
): Promise<void> {
  const response = await app.inject({
    method: 'POST',
    url: '/api/auth/step-up',
    headers: { authorization: `Bearer ${accessToken}` },
    payload: { method: 'password', password },
  });
  if (response.statusCode !== 200) throw new Error(`step-up failed: ${response.body}`);
}

/** The six-digit code an authenticator app shows for this secret (base32) at `at`. */
export function totpCode(secret: string, at: Date): string {
  const totp = new TOTP({ secret: Secret.fromBase32(secret), algorithm: 'SHA1', digits: 6, period: 30 });
  return totp.generate({ timestamp: at.getTime() });
}

/**
 * Sets up and confirms an authenticator app for a signed-in person who has no second factor yet (the
 * step-up is their password). The code of the clock's current 30-second step is spent by the
 * confirmation: the next code to use is a later step's.
 */
export async function enrolTotp(
  app: FastifyInstance,
  accessToken: string,
  password: string = STRONG_PASSWORD,
) {
  await stepUp(app, accessToken, password);
  const headers = { authorization: `Bearer ${accessToken}` };
  const setup = await app.inject({ method: 'POST', url: '/api/me/totp/setup', headers });
  if (setup.statusCode !== 200) throw new Error(`authenticator setup failed: ${setup.body}`);
  const { secret } = setup.json() as { secret: string };
  const confirmed = await app.inject({
    method: 'POST',
    url: '/api/me/totp/confirm',
    headers,
    payload: { code: totpCode(secret, app.deps.clock.now()) },
  });
  if (confirmed.statusCode !== 200) throw new Error(`authenticator confirmation failed: ${confirmed.body}`);
  return { secret, recoveryCodes: (confirmed.json() as { codes: string[] }).codes };
}

import { eq, sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { users } from '../src/db/schema';
import type { DatabaseHandle } from '../src/platform/db/database';
import { registration } from './auth-helpers';
import { uniqueLicence } from './dossier-helpers';
import { verifyPro } from './pro-helpers';

let counter = 0;

export interface Person {
  userId: string;
  email: string;
  firstName: string;
  lastName: string;
  password: string;
  remoteAddress: string;
  auth: { authorization: string };
}

/**
 * A signed-in person of any role. By default their email is verified, their account is a month old
 * and at trust level 1 (the limits and holds of new accounts and new members stay out of the way), and a
 * pro's licence is verified (a unique one); `createdAt`, `trustLevel`, `verified` and `proVerified`
 * change that.
 */
export async function person(
  app: FastifyInstance,
  database: DatabaseHandle,
  role: 'candidate' | 'pro' | 'admin' = 'candidate',
  options: {
    verified?: boolean;
    createdAt?: Date;
    trustLevel?: 0 | 1 | 2;
    locale?: 'fr' | 'en';
    firstName?: string;
    proVerified?: boolean;
  } = {},
): Promise<Person> {
  counter += 1;
  const licenceNumber = uniqueLicence();
  const body = registration({
    ...(role === 'pro' ? { role: 'pro', licenceNumber, organisationName: 'Cabinet Boréal Immigration' } : {}),
    ...(options.locale ? { locale: options.locale } : {}),
    firstName: options.firstName ?? ['Amina', 'Lucas', 'Priya', 'Jean', 'Sofia', 'Wei'][counter % 6],
    lastName: ['Diallo', 'Tremblay', 'Sharma', 'Nguyen', 'Garcia', 'Chen'][counter % 6],
  });
  const remoteAddress = `10.${(counter >> 16) & 255}.${(counter >> 8) & 255}.${counter & 255}`;
  const registered = await app.inject({
    method: 'POST',
    url: '/api/auth/register',
    payload: body,
    remoteAddress,
  });
  if (registered.statusCode !== 201) throw new Error(`register failed: ${registered.body}`);
  const now = app.deps.clock.now();
  await database.db
    .update(users)
    .set({
      role,
      emailVerifiedAt: options.verified === false ? null : now,
      createdAt: options.createdAt ?? new Date(now.getTime() - 30 * 24 * 3600_000),
      trustLevel: options.trustLevel ?? 1,
      // Old as the account is, a pro's or an admin's two-factor grace still runs.
      twoFactorGraceEndsAt: new Date(now.getTime() + 7 * 24 * 3600_000),
    })
    .where(eq(users.email, body.email));
  if (role === 'pro' && options.proVerified !== false) {
    const [pro] = await database.db.select({ id: users.id }).from(users).where(eq(users.email, body.email));
    if (pro) await verifyPro({ app, database }, pro.id, { licenceNumber });
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
    userId: user.id,
    email: body.email,
    firstName: body.firstName,
    lastName: body.lastName,
    password: body.password,
    remoteAddress,
    auth: { authorization: `Bearer ${accessToken}` },
  };
}

/** Logs in again (after the clock moved past the access token's life); returns the new status code too. */
export async function logInAgain(app: FastifyInstance, who: Person) {
  const login = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { email: who.email, password: who.password },
    remoteAddress: who.remoteAddress,
  });
  if (login.statusCode === 200) {
    who.auth = { authorization: `Bearer ${(login.json() as { accessToken: string }).accessToken}` };
  }
  return login;
}

export const samplePost = (overrides: Record<string, unknown> = {}) => ({
  title: 'Mon parcours Entrée express',
  body: 'Bonjour à tous, voici comment j’ai préparé mon dossier pour la résidence permanente.',
  category: 'express_entry',
  tags: ['entree-express'],
  ...overrides,
});

export async function createPost(app: FastifyInstance, who: Person, overrides: Record<string, unknown> = {}) {
  const response = await app.inject({
    method: 'POST',
    url: '/api/posts',
    headers: who.auth,
    payload: samplePost(overrides),
  });
  if (response.statusCode !== 201) throw new Error(`post failed: ${response.statusCode} ${response.body}`);
  return response.json() as { id: string; status: string; bodyHtml: string; title: string; language: string };
}

/** Forgets every rate-limit window, for tests that write a lot as one person. */
export async function resetRateLimits(database: DatabaseHandle) {
  await database.db.execute(sql`delete from rate_limits`);
}

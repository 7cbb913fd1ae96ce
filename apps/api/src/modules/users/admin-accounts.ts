import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { users } from '../../db/schema';
import { checkPasswordStrength, hashPassword } from '../../lib/password';
import type { Database } from '../../platform/db/database';

/**
 * Creates an administrator (the only way to get the role: it is never chosen at sign-up), verified at
 * once. An existing account is changed only with `promote`, and keeps its password.
 */
export async function createAdmin(
  db: Database,
  input: { email: string; password: string; firstName: string; lastName: string; promote: boolean },
): Promise<'created' | 'promoted'> {
  const email = z.email().parse(input.email.trim().toLowerCase());
  const [existing] = await db.select().from(users).where(eq(users.email, email));
  if (existing) {
    if (!input.promote) throw new Error(`${email} already has an account: add --promote to make it an admin`);
    await db.update(users).set({ role: 'admin', updatedAt: new Date() }).where(eq(users.id, existing.id));
    return 'promoted';
  }
  if (input.password.length < 10) throw new Error('The password needs at least 10 characters');
  const strength = checkPasswordStrength(input.password, 'en', [email, input.firstName, input.lastName]);
  if (!strength.ok) throw new Error(`This password is too weak: ${strength.reason}`);
  await db.insert(users).values({
    email,
    passwordHash: await hashPassword(input.password),
    role: 'admin',
    firstName: input.firstName,
    lastName: input.lastName,
    emailVerifiedAt: new Date(),
  });
  return 'created';
}

import { z } from 'zod';
import { AppError, fieldError } from '../../lib/errors';
import { checkPasswordStrength, hashPassword } from '../../lib/password';
import type { Database } from '../../platform/db/database';
import { insertAdmin, makeAdmin, userWithEmail } from './users.queries';

/**
 * Creates an administrator (the only way to get the role: it is never chosen at sign-up), verified at
 * once. An existing account is changed only with `promote`, and keeps its password. Refusals carry the
 * message the command line prints.
 */
export async function createAdmin(
  db: Database,
  input: { email: string; password: string; firstName: string; lastName: string; promote: boolean },
): Promise<'created' | 'promoted'> {
  const email = z.email().parse(input.email.trim().toLowerCase());
  const existing = await userWithEmail(db, email);
  if (existing) {
    if (!input.promote)
      throw new AppError('CONFLICT', `${email} already has an account: add --promote to make it an admin`);
    await makeAdmin(db, existing.id, new Date());
    return 'promoted';
  }
  if (input.password.length < 10)
    throw fieldError('password', 'too_short', 'The password needs at least 10 characters');
  const strength = checkPasswordStrength(input.password, 'en', [email, input.firstName, input.lastName]);
  if (!strength.ok) throw new AppError('PASSWORD_TOO_WEAK', `This password is too weak: ${strength.reason}`);
  await insertAdmin(db, {
    email,
    passwordHash: await hashPassword(input.password),
    firstName: input.firstName,
    lastName: input.lastName,
    now: new Date(),
  });
  return 'created';
}

import type { TRegisterBody } from '@capitune/contracts';
import type { AppDeps } from '../../deps';
import { hashPassword } from '../../lib/password';
import { withTransaction } from '../../platform/db/transaction';
import type { Caller } from '../access';
import { recordConsents } from '../privacy';
import { isLicenceClaimViolation, licenceClaimedBy, openVerificationFile, refuseLicenceClaim } from '../pros';
import { accountExistsMessage, verifyEmailMessage } from './auth.emails';
import { createOrganisationOf, insertUser, markEmailVerified, userByEmail, userById } from './auth.queries';
import {
  assertStrongPassword,
  type ClientContext,
  consumeEmailToken,
  createEmailToken,
  HOUR,
  link,
} from './auth.shared';

const VERIFY_EMAIL_TTL = 24 * HOUR;

type LicenceClaim = Parameters<typeof refuseLicenceClaim>[1];
type Claimant = Parameters<typeof refuseLicenceClaim>[2];

/**
 * A pro's claim of a licence, refused (409 LICENCE_ALREADY_CLAIMED) when another pro holds it. The
 * conflict is written in its own statement, before or after the sign-up's transaction: it stays although
 * the sign-up does not.
 */
async function checkLicenceClaim(
  deps: AppDeps,
  body: TRegisterBody,
  client: Partial<ClientContext>,
): Promise<{ declaration: LicenceClaim; claimant: Claimant } | null> {
  if (body.role !== 'pro') return null;
  const claim = {
    declaration: body,
    claimant: {
      userId: null,
      name: `${body.firstName} ${body.lastName}`,
      email: body.email,
      organisationName: body.organisationName,
      ip: client.ip,
    },
  };
  const holder = await licenceClaimedBy(deps.db, claim.declaration);
  // The holder signing up again is only a known email: the notice below, not a conflict.
  if (holder && holder.email.toLowerCase() !== body.email.toLowerCase()) {
    throw await refuseLicenceClaim(deps, claim.declaration, claim.claimant);
  }
  return claim;
}

/**
 * Creates the account and sends the verification email. An email that already has an account gets the
 * same answer, and its owner gets a notice instead: the response never tells whether an email is known.
 * The one exception: a pro's licence that another pro holds is refused (409 LICENCE_ALREADY_CLAIMED) — a
 * licence is public register data, and the answer names nobody — and the holder's file records a conflict.
 */
export async function register(
  deps: AppDeps,
  body: TRegisterBody,
  client: Partial<ClientContext> = {},
): Promise<void> {
  assertStrongPassword(body.password, body, 'body.password');
  // Hashed for a duplicate too, so both paths take the same time.
  const passwordHash = await hashPassword(body.password);
  const now = deps.clock.now();
  const claim = await checkLicenceClaim(deps, body, client);
  try {
    await withTransaction(deps.pool, async (tx) => {
      const created = await insertUser(tx.db, body, passwordHash, now);
      if (!created) {
        const owner = await userByEmail(tx.db, body.email);
        if (owner) {
          await deps.outbox.enqueue(
            tx,
            accountExistsMessage(owner, link(deps, '/login'), link(deps, '/forgot-password')),
          );
        }
        return;
      }
      // Creating the account accepts the terms and the privacy policy in force (the form says so).
      await recordConsents(
        tx.db,
        created.id,
        [
          { purpose: 'terms', granted: true },
          { purpose: 'privacy_policy', granted: true },
        ],
        'sign_up',
        now,
      );
      if (body.role === 'pro') {
        await createOrganisationOf(tx.db, created.id, body.organisationName, now);
        // The verification file (pending) and the public profile, with the declared licence.
        await openVerificationFile(tx.db, created, body, now);
      }
      const token = await createEmailToken(tx.db, created.id, 'verify_email', VERIFY_EMAIL_TTL, now);
      await deps.outbox.enqueue(tx, verifyEmailMessage(created, link(deps, '/verify-email', token)));
    });
  } catch (error) {
    // Claimed by another sign-up between the check and the insert.
    if (claim && isLicenceClaimViolation(error)) {
      throw await refuseLicenceClaim(deps, claim.declaration, claim.claimant);
    }
    throw error;
  }
}

export async function verifyEmail(deps: AppDeps, token: string): Promise<void> {
  const now = deps.clock.now();
  await withTransaction(deps.pool, async (tx) => {
    const userId = await consumeEmailToken(tx.db, token, 'verify_email', now);
    await markEmailVerified(tx.db, userId, now);
  });
}

/** A new verification link for a signed-in user whose email is not verified yet; nothing otherwise. */
export async function resendVerification(deps: AppDeps, caller: Caller): Promise<void> {
  const now = deps.clock.now();
  await withTransaction(deps.pool, async (tx) => {
    const user = await userById(tx.db, caller.id);
    if (!user || user.emailVerifiedAt) return;
    const token = await createEmailToken(tx.db, user.id, 'verify_email', VERIFY_EMAIL_TTL, now);
    await deps.outbox.enqueue(tx, verifyEmailMessage(user, link(deps, '/verify-email', token)));
  });
}

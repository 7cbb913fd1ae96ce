import type { TLicenceClass, TProfession, TRegulator } from '@capitune/contracts';
import { eq } from 'drizzle-orm';
import { proProfiles, proVerifications, users } from '../src/db/schema';
import { addDays, platformToday } from '../src/modules/access';
import { proSlug } from '../src/modules/pros';
import type { TestApp } from './app';

export interface VerifyProOptions {
  /** Renewal date `YYYY-MM-DD`; default: a year after today (today by the app's clock, Montréal). */
  renewalDate?: string;
  /** Status to set; default `verified` (pass e.g. `suspended` to build other standings directly). */
  status?: 'verified' | 'suspended' | 'revoked' | 'expired' | 'rejected' | 'pending';
  /** Licence data for a file created here (pros signed up before the file existed); kept otherwise. */
  profession?: TProfession;
  regulator?: TRegulator;
  licenceNumber?: string;
  licenceClass?: TLicenceClass | null;
  /** Shown in the public directory (the pro's choice, off by default in the product); default true. */
  listed?: boolean;
}

let licenceCounter = 0;

/**
 * A CICC licence number (R + 6 digits) no other test of this run uses: since sign-up refuses a licence
 * already claimed (409 LICENCE_ALREADY_CLAIMED), every pro signed up in a test needs their own, e.g.
 * `signUpAndLogIn(app, database, { role: 'pro', licenceNumber: uniqueLicence(), organisationName })`.
 */
export function uniqueLicence(): string {
  licenceCounter += 1;
  // Per worker process: the pid and a counter; each test app has its own database anyway.
  return `R${String((process.pid * 1000 + licenceCounter) % 1_000_000).padStart(6, '0')}`;
}

/**
 * Makes a pro's verification file verified directly in the database — no admin, no evidence, no email — so
 * that tests about other features can use a pro who may reach candidates. Creates the file (and the public
 * profile) when the pro has none. The renewal date defaults to a year after today by the app's clock, and
 * `verifiedSince`/`checkedAt` to now; `nextCheckDate` to the renewal date; the profile is listed in the
 * directory unless `listed: false`. Returns the file's id.
 *
 *   const pro = await signUpAndLogIn(t.app, t.database, { role: 'pro', ... });
 *   await verifyPro(t, pro.userId);
 *   await verifyPro(t, pro.userId, { renewalDate: '2026-12-01' }); // e.g. to test the grace
 */
export async function verifyPro(
  t: Pick<TestApp, 'app' | 'database'>,
  userId: string,
  options: VerifyProOptions = {},
): Promise<string> {
  const now = t.app.deps.clock.now();
  const renewalDate = options.renewalDate ?? addDays(platformToday(now), 365);
  const status = options.status ?? 'verified';
  const [user] = await t.database.db
    .select({ firstName: users.firstName, lastName: users.lastName })
    .from(users)
    .where(eq(users.id, userId));
  if (!user) throw new Error(`verifyPro: no user ${userId}`);
  const decided = {
    status,
    submittedAt: now,
    infoRequest: null,
    entitledToPractise: true,
    checkedAt: now,
    verifiedSince: now,
    renewalDate,
    nextCheckDate: renewalDate,
  };
  const [file] = await t.database.db
    .insert(proVerifications)
    .values({
      userId,
      profession: options.profession ?? 'rcic',
      regulator: options.regulator ?? 'cicc',
      licenceNumber: options.licenceNumber ?? uniqueLicence(),
      licenceClass: options.licenceClass === undefined ? 'L1' : options.licenceClass,
      ...decided,
    })
    .onConflictDoUpdate({ target: proVerifications.userId, set: { ...decided, updatedAt: now } })
    .returning({ id: proVerifications.id });
  const listed = options.listed ?? true;
  await t.database.db
    .insert(proProfiles)
    .values({ userId, slug: proSlug(user.firstName, user.lastName, userId), listed })
    .onConflictDoUpdate({ target: proProfiles.userId, set: { listed } });
  return (file as { id: string }).id;
}

import {
  consentPurposes,
  PRIVACY_POLICY_VERSION,
  requiredConsentPurposes,
  type TConsentPurpose,
  type TConsentSource,
  type TConsentsBody,
  TERMS_VERSION,
  type TMyConsents,
} from '@capitune/contracts';
import type { AppDeps } from '../../deps';
import { AppError } from '../../lib/errors';
import type { Database } from '../../platform/db/database';
import { withTransaction } from '../../platform/db/transaction';
import type { Caller } from '../access';
import {
  type ConsentChangeRow,
  consentHistory,
  insertConsents,
  type LatestConsentRow,
  latestConsents,
  setAnnouncementEmails,
  withdrawFeatureConsent,
} from './consents.queries';

/**
 * Consents (Law 25 s. 8.1 and 14, PIPEDA Principle 4.3): what each person agreed to, to which version,
 * when and where, in an append-only record. The terms and the privacy policy are required to use the
 * product (withdrawing them means deleting the account); the optional purposes are off until given, and
 * withdrawn as they are given, by the same request. A new version of the terms or the policy makes them
 * pending again: the web asks at the next sign-in (`pendingConsents` in `/api/me`).
 */

/** How many past changes `GET /api/me/consents` shows. */
const HISTORY_LIMIT = 200;

/** The version a purpose is agreed to now: the terms', or the policy's for everything else. */
export const currentVersionOf = (purpose: TConsentPurpose): string =>
  purpose === 'terms' ? TERMS_VERSION : PRIVACY_POLICY_VERSION;

const isRequired = (purpose: TConsentPurpose): boolean =>
  (requiredConsentPurposes as readonly TConsentPurpose[]).includes(purpose);

/** A purpose stands agreed when its latest row grants it at the version in force. */
const agreedNow = (row: LatestConsentRow | undefined, purpose: TConsentPurpose): boolean =>
  row?.granted === true && row.version === currentVersionOf(purpose);

function pendingOf(latest: Map<TConsentPurpose, LatestConsentRow>): TConsentPurpose[] {
  return requiredConsentPurposes.filter((purpose) => !agreedNow(latest.get(purpose), purpose));
}

const byPurpose = (rows: LatestConsentRow[]) => new Map(rows.map((row) => [row.purpose, row]));

/** The required purposes the person has not agreed to at the current version (one statement). */
export async function pendingConsents(db: Database, userId: string): Promise<TConsentPurpose[]> {
  return pendingOf(byPurpose(await latestConsents(db, userId)));
}

export interface ConsentChange {
  purpose: TConsentPurpose;
  granted: boolean;
}

/**
 * Records consents given or withdrawn at the current versions, in the caller's transaction; a change
 * that is already the standing one (the same answer to the same version) is not written again. Only
 * the record: what a consent switches (announcement emails, testimonials) is the caller's. Returns what
 * was written. Used by sign-up, the settings, the review form and the notification preferences.
 */
export async function recordConsents(
  db: Database,
  userId: string,
  changes: readonly ConsentChange[],
  source: TConsentSource,
  now: Date,
): Promise<ConsentChange[]> {
  // One answer per purpose: the last one given.
  const wanted = new Map(changes.map((change) => [change.purpose, change.granted]));
  const latest = byPurpose(await latestConsents(db, userId));
  const rows: ConsentChangeRow[] = [];
  for (const [purpose, granted] of wanted) {
    const standing = latest.get(purpose);
    const version = currentVersionOf(purpose);
    if (standing && standing.granted === granted && standing.version === version) continue;
    rows.push({ purpose, granted, version });
  }
  await insertConsents(db, userId, rows, source, now);
  return rows.map(({ purpose, granted }) => ({ purpose, granted }));
}

/** `GET /api/me/consents`: every purpose as it stands, what is pending, and the history. */
export async function getMyConsents(deps: AppDeps, caller: Caller): Promise<TMyConsents> {
  const [rows, history] = await Promise.all([
    latestConsents(deps.db, caller.id),
    consentHistory(deps.db, caller.id, HISTORY_LIMIT),
  ]);
  const latest = byPurpose(rows);
  return {
    consents: consentPurposes.map((purpose) => {
      const row = latest.get(purpose);
      return {
        purpose,
        required: isRequired(purpose),
        granted: row?.granted ?? false,
        version: row?.granted ? row.version : null,
        currentVersion: currentVersionOf(purpose),
        updatedAt: row?.created_at ?? null,
      };
    }),
    pending: pendingOf(latest),
    history: history.map((row) => ({
      purpose: row.purpose,
      granted: row.granted,
      version: row.version,
      source: row.source,
      createdAt: row.created_at,
    })),
  };
}

/**
 * `POST /api/me/consents`: gives or withdraws, at the current versions. Withdrawing the terms or the
 * policy is refused (409 CONSENT_REQUIRED): the product cannot be used without them, and deleting the
 * account is how one leaves. What a consent governs follows in the same transaction: `optional_emails`
 * switches the announcement emails, withdrawing `testimonials` stops every review of the person from
 * being featured. `anonymised_statistics` is recorded only: nothing shares milestones yet.
 */
export async function changeConsents(
  deps: AppDeps,
  caller: Caller,
  body: TConsentsBody,
): Promise<TMyConsents> {
  const refused = body.changes.find((change) => isRequired(change.purpose) && !change.granted);
  if (refused) {
    throw new AppError(
      'CONSENT_REQUIRED',
      `The ${refused.purpose === 'terms' ? 'terms of use' : 'privacy policy'} cannot be withdrawn while the account exists: delete the account instead`,
    );
  }
  const now = deps.clock.now();
  const answers = new Map(body.changes.map((change) => [change.purpose, change.granted]));
  const unfeatured = await withTransaction(deps.pool, async (tx) => {
    await recordConsents(tx.db, caller.id, body.changes, body.source, now);
    // Applied even when the record stood already: the switches follow the consent, whatever drifted.
    const emails = answers.get('optional_emails');
    if (emails !== undefined) await setAnnouncementEmails(tx.db, caller.id, emails, now);
    return answers.get('testimonials') === false ? withdrawFeatureConsent(tx.db, caller.id) : 0;
  });
  // Featured reviews show on the pros' public profiles.
  if (unfeatured > 0) await deps.readCache.invalidate('pros_directory');
  return getMyConsents(deps, caller);
}

import {
  notificationKinds,
  resolveNotificationPreferences,
  type TConsentPurpose,
  type TGoals,
  type TMe,
  type TNotificationPreferences,
  type TProStanding,
  type TStoredNotificationPreferences,
  type TUpdateMeBody,
} from '@capitune/contracts';
import type { AppDeps } from '../../deps';
import { AppError, fieldError } from '../../lib/errors';
import { isTimeZone } from '../../lib/intl';
import type { Database } from '../../platform/db/database';
import { withTransaction } from '../../platform/db/transaction';
import type { Caller } from '../access';
import { platformToday } from '../access';
import { pendingConsents, recordConsents } from '../privacy';
import { goalsOf, meRow, notificationPreferencesOf, type UserRow, updateUser } from './users.queries';

function toMe(
  user: UserRow,
  organisation: { id: string; name: string } | null,
  file: { licenceNumber: string | null; standing: TProStanding; agent: boolean },
  pendingConsents: TConsentPurpose[],
): TMe {
  return {
    id: user.id,
    email: user.email,
    role: user.role,
    firstName: user.firstName,
    lastName: user.lastName,
    locale: user.locale,
    emailVerified: user.emailVerifiedAt !== null,
    phone: user.phone,
    countryOfResidence: user.countryOfResidence,
    citizenship: user.citizenship,
    timeZone: user.timeZone,
    organisation,
    licenceNumber: user.role === 'pro' ? file.licenceNumber : null,
    proStanding: user.role === 'pro' ? file.standing : null,
    firmRole: user.role === 'pro' ? (file.agent ? 'agent' : 'licensee') : null,
    createdAt: user.createdAt.toISOString(),
    pendingConsents,
  };
}

/**
 * The user as shown to themselves, with their organisation and, for a pro, the licence and standing of
 * their verification file; 404 when the account is gone. (Also what a login answers.)
 */
export async function getMe(db: Database, userId: string, now: Date): Promise<TMe> {
  const [row, pending] = await Promise.all([
    meRow(db, userId, platformToday(now)),
    pendingConsents(db, userId),
  ]);
  if (!row) throw new AppError('NOT_FOUND', 'This account no longer exists');
  return toMe(row.user, row.organisation, row, pending);
}

export async function updateMe(deps: AppDeps, caller: Caller, changes: TUpdateMeBody): Promise<TMe> {
  if (changes.timeZone !== undefined && !isTimeZone(changes.timeZone)) {
    throw fieldError('body.timeZone', 'invalid_time_zone', 'Unknown time zone');
  }
  if (Object.keys(changes).length > 0) {
    await updateUser(deps.db, caller.id, changes, deps.clock.now());
    // Hosts' names show in the calendar lists, which are kept.
    if (changes.firstName !== undefined || changes.lastName !== undefined) {
      await deps.readCache.invalidate('live_calendar');
      await deps.readCache.invalidate('pros_directory');
    }
  }
  return getMe(deps.db, caller.id, deps.clock.now());
}

const emptyGoals: TGoals = { targetProgram: null, targetProvince: null, targetDate: null, notes: null };

export async function getGoals(deps: AppDeps, caller: Caller): Promise<TGoals> {
  return (await goalsOf(deps.db, caller.id)) ?? emptyGoals;
}

export async function putGoals(deps: AppDeps, caller: Caller, goals: TGoals): Promise<TGoals> {
  await updateUser(deps.db, caller.id, { goals }, deps.clock.now());
  return goals;
}

export async function getNotificationPreferences(
  deps: AppDeps,
  caller: Caller,
): Promise<TNotificationPreferences> {
  return resolveNotificationPreferences(await notificationPreferencesOf(deps.db, caller.id));
}

/**
 * Saves the preferences. Announcement emails are the optional emails of the `optional_emails` consent:
 * switching them records that consent given or withdrawn, in the same transaction.
 */
export async function putNotificationPreferences(
  deps: AppDeps,
  caller: Caller,
  change: TStoredNotificationPreferences,
): Promise<TNotificationPreferences> {
  const now = deps.clock.now();
  return withTransaction(deps.pool, async (tx) => {
    const stored = (await notificationPreferencesOf(tx.db, caller.id)) ?? {};
    const before = resolveNotificationPreferences(stored);
    // What is left out keeps its value: the change is merged into what was stored, kind by kind.
    const merged: TStoredNotificationPreferences = { ...stored };
    for (const kind of notificationKinds) {
      const channels = change[kind];
      if (channels) merged[kind] = { ...stored[kind], ...channels };
    }
    if (change.quietHours !== undefined) merged.quietHours = change.quietHours;
    if (change.digest !== undefined) merged.digest = change.digest;
    const preferences = resolveNotificationPreferences(merged);
    await updateUser(tx.db, caller.id, { notificationPreferences: merged }, now);
    if (before.announcements.email !== preferences.announcements.email) {
      await recordConsents(
        tx.db,
        caller.id,
        [{ purpose: 'optional_emails', granted: preferences.announcements.email }],
        'preferences',
        now,
      );
    }
    return preferences;
  });
}

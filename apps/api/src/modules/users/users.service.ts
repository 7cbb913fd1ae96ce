import {
  defaultNotificationPreferences,
  type TGoals,
  type TMe,
  type TNotificationPreferences,
  type TProStanding,
  type TUpdateMeBody,
} from '@capitune/contracts';
import { eq, sql } from 'drizzle-orm';
import { firmAgents, organisations, proStandingBasis, proVerifications, users } from '../../db/schema';
import type { AppDeps } from '../../deps';
import { AppError } from '../../lib/errors';
import { isTimeZone } from '../../lib/intl';
import type { Database } from '../../platform/db/database';
import { platformToday, standingSql } from '../pros';

type UserRow = typeof users.$inferSelect;

function toMe(
  user: UserRow,
  organisation: { id: string; name: string } | null,
  file: { licenceNumber: string | null; standing: TProStanding; agent: boolean },
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
  };
}

/**
 * The user as shown to themselves, with their organisation and, for a pro, the licence and standing of
 * their verification file; 404 when the account is gone.
 */
export async function getMe(db: Database, userId: string, now: Date): Promise<TMe> {
  const [row] = await db
    .select({
      user: users,
      organisation: { id: organisations.id, name: organisations.name },
      licenceNumber: proVerifications.licenceNumber,
      // The standing the pro works under: an agent's is their supervisor's.
      standing: standingSql(platformToday(now)),
      agent: sql<boolean>`${firmAgents.userId} is not null`,
    })
    .from(users)
    .leftJoin(organisations, eq(organisations.id, users.organisationId))
    .leftJoin(proVerifications, eq(proVerifications.userId, users.id))
    .leftJoin(proStandingBasis, eq(proStandingBasis.userId, users.id))
    .leftJoin(firmAgents, eq(firmAgents.userId, users.id))
    .where(eq(users.id, userId));
  if (!row) throw new AppError('NOT_FOUND', 'This account no longer exists');
  return toMe(row.user, row.organisation, row);
}

export async function updateMe(deps: AppDeps, userId: string, changes: TUpdateMeBody): Promise<TMe> {
  if (changes.timeZone !== undefined && !isTimeZone(changes.timeZone)) {
    throw new AppError('VALIDATION_FAILED', 'Unknown time zone', {
      fieldErrors: [{ path: 'body.timeZone', message: 'Unknown time zone', code: 'invalid_time_zone' }],
    });
  }
  if (Object.keys(changes).length > 0) {
    await deps.db
      .update(users)
      .set({ ...changes, updatedAt: deps.clock.now() })
      .where(eq(users.id, userId));
    // Hosts' names show in the calendar lists, which are kept.
    if (changes.firstName !== undefined || changes.lastName !== undefined) {
      await deps.readCache.invalidate('live_calendar');
      await deps.readCache.invalidate('pros_directory');
    }
  }
  return getMe(deps.db, userId, deps.clock.now());
}

const emptyGoals: TGoals = { targetProgram: null, targetProvince: null, targetDate: null, notes: null };

export async function getGoals(db: Database, userId: string): Promise<TGoals> {
  const [row] = await db.select({ goals: users.goals }).from(users).where(eq(users.id, userId));
  return row?.goals ?? emptyGoals;
}

export async function putGoals(deps: AppDeps, userId: string, goals: TGoals): Promise<TGoals> {
  await deps.db.update(users).set({ goals, updatedAt: deps.clock.now() }).where(eq(users.id, userId));
  return goals;
}

export async function getNotificationPreferences(
  db: Database,
  userId: string,
): Promise<TNotificationPreferences> {
  const [row] = await db
    .select({ preferences: users.notificationPreferences })
    .from(users)
    .where(eq(users.id, userId));
  return { ...defaultNotificationPreferences, ...row?.preferences };
}

export async function putNotificationPreferences(
  deps: AppDeps,
  userId: string,
  preferences: TNotificationPreferences,
): Promise<TNotificationPreferences> {
  await deps.db
    .update(users)
    .set({ notificationPreferences: preferences, updatedAt: deps.clock.now() })
    .where(eq(users.id, userId));
  return preferences;
}

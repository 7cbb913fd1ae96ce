import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { knownDevices } from '../../db/schema';
import type { Database } from '../../platform/db/database';
import { returnedRow, selectRows } from '../../platform/db/rows';

/** The statements of sign-in alerts: the devices a user signed in from, and the places seen before. */

const ZSignInHistory = z.object({
  hasDevices: z.boolean(),
  knownDevice: z.boolean(),
  countrySeen: z.boolean(),
});
export type SignInHistory = z.infer<typeof ZSignInHistory>;

/**
 * What the account knew before this sign-in: whether it has any device on record, whether it has this
 * one, and whether another of its sessions was opened from `country` (false when `country` is null).
 */
export async function signInHistory(
  db: Database,
  signIn: { userId: string; deviceHash: string; country: string | null; sessionId: string },
): Promise<SignInHistory> {
  const rows = await selectRows(
    db,
    ZSignInHistory,
    sql`
    select
      exists (select 1 from known_devices where user_id = ${signIn.userId}) as "hasDevices",
      exists (
        select 1 from known_devices where user_id = ${signIn.userId} and device_hash = ${signIn.deviceHash}
      ) as "knownDevice",
      exists (
        select 1 from sessions
        where user_id = ${signIn.userId} and country = ${signIn.country} and id <> ${signIn.sessionId}
      ) as "countrySeen"`,
    'auth.sign_in_history',
  );
  return returnedRow(rows, 'sign-in history');
}

/** Records a device of a user, or that it was seen again (now, and from where when known). */
export async function rememberDevice(
  db: Database,
  device: { userId: string; deviceHash: string; country: string | null; now: Date },
): Promise<void> {
  await db
    .insert(knownDevices)
    .values({
      userId: device.userId,
      deviceHash: device.deviceHash,
      country: device.country,
      firstSeenAt: device.now,
      lastSeenAt: device.now,
    })
    .onConflictDoUpdate({
      target: [knownDevices.userId, knownDevices.deviceHash],
      set: {
        lastSeenAt: device.now,
        country: sql`coalesce(excluded.country, ${knownDevices.country})`,
      },
    });
}

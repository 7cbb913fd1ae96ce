import { sql } from 'drizzle-orm';
import type { AppDeps } from '../../deps';
import { withTransaction } from '../../platform/db/transaction';
import { recordAudit } from '../audit/audit.service';
import { notify } from '../notifications/notifications.service';
import { addDays, GRACE_DAYS, graceEndsOn, platformToday } from './standing';
import { clientLapseEmail, expiredEmail, lapsedEmail, renewalReminderEmail } from './verification.emails';
import { followedDossiers, personOf, type VerificationRow } from './verification.queries';
import { tellClients } from './verification-admin.service';

/** The queue of the daily run (7:15 in Montréal, `workers.ts`). */
export const VERIFICATION_WATCH_QUEUE = 'pros.verification-watch';

/** Files handled per step of one run: a larger backlog waits for the next day. */
const BATCH = 500;

export interface WatchOutcome {
  reminded30: number;
  reminded7: number;
  lapsed: number;
  expired: number;
}

/**
 * Daily, for verified files: reminds the pro 30 and 7 days before the renewal date (once per date), tells
 * the pro and their clients once when the date passed (the grace starts), and turns the file `expired`
 * when the grace ended. Each file is claimed by a conditional update in its own transaction, with its
 * emails: a second run, or two instances at once, send nothing twice.
 */
export async function runVerificationWatch(deps: AppDeps): Promise<WatchOutcome> {
  const now = deps.clock.now();
  const today = platformToday(now);
  const outcome: WatchOutcome = { reminded30: 0, reminded7: 0, lapsed: 0, expired: 0 };
  const url = `${deps.config.publicUrl}/verification`;

  // Past the grace: expired. First, so that a file found late is not told of a grace already over.
  const lastGraceRenewal = addDays(today, -GRACE_DAYS - 1);
  for (const id of await due(deps, sql`status = 'verified' and renewal_date <= ${lastGraceRenewal}::date`)) {
    const done = await withTransaction(deps.pool, async (tx) => {
      const [file] = await claim(
        tx.db,
        id,
        sql`status = 'expired', updated_at = ${now}`,
        sql`status = 'verified' and renewal_date <= ${lastGraceRenewal}::date`,
      );
      if (!file) return false;
      await recordAudit(tx.db, {
        actorId: null,
        action: 'verification.expired',
        subjectType: 'verification',
        subjectId: id,
        before: { status: 'verified', renewalDate: file.renewalDate },
        after: { status: 'expired' },
      });
      const pro = await personOf(tx.db, file.userId);
      if (pro) {
        await deps.outbox.enqueue(tx, expiredEmail(pro, url));
        await notify(deps, tx, {
          userId: pro.id,
          type: 'verification_renewal_due',
          params: { kind: 'expired', renewalDate: file.renewalDate },
          link: '/verification',
        });
      }
      await tellClients(deps, tx, file.userId, 'expired');
      return true;
    });
    if (done) outcome.expired += 1;
  }

  // The renewal date passed, within the grace: the pro and their clients are told once per date.
  for (const id of await due(
    deps,
    sql`status = 'verified' and renewal_date < ${today}::date
      and lapse_notified_for is distinct from renewal_date`,
  )) {
    const done = await withTransaction(deps.pool, async (tx) => {
      const [file] = await claim(
        tx.db,
        id,
        sql`lapse_notified_for = renewal_date`,
        sql`status = 'verified' and renewal_date < ${today}::date
          and lapse_notified_for is distinct from renewal_date`,
      );
      if (!file?.renewalDate) return false;
      const until = graceEndsOn(file.renewalDate);
      const pro = await personOf(tx.db, file.userId);
      if (!pro) return false;
      await deps.outbox.enqueue(tx, lapsedEmail(pro, until, url));
      await notify(deps, tx, {
        userId: pro.id,
        type: 'verification_renewal_due',
        params: { kind: 'lapsed', renewalDate: file.renewalDate, graceEndsOn: until },
        link: '/verification',
      });
      const proName = `${pro.firstName} ${pro.lastName}`;
      for (const dossier of await followedDossiers(tx.db, file.userId)) {
        const candidate = await personOf(tx.db, dossier.ownerId);
        if (!candidate) continue;
        const link = `/dossiers/${dossier.id}`;
        await deps.outbox.enqueue(
          tx,
          clientLapseEmail(candidate, proName, until, `${deps.config.publicUrl}${link}`),
        );
        await notify(deps, tx, {
          userId: candidate.id,
          type: 'pro_licence_lapsed',
          params: { pro: proName, graceEndsOn: until },
          link,
        });
      }
      return true;
    });
    if (done) outcome.lapsed += 1;
  }

  // Reminders: 7 days first; a file first seen within 7 days never gets the 30-day one after.
  for (const threshold of [7, 30] as const) {
    const column = threshold === 7 ? sql.raw('reminded_at7_for') : sql.raw('reminded_at30_for');
    const condition = sql`status = 'verified' and renewal_date >= ${today}::date
      and renewal_date <= ${addDays(today, threshold)}::date and ${column} is distinct from renewal_date`;
    for (const id of await due(deps, condition)) {
      const done = await withTransaction(deps.pool, async (tx) => {
        const [file] = await claim(
          tx.db,
          id,
          threshold === 7
            ? sql`reminded_at7_for = renewal_date, reminded_at30_for = renewal_date`
            : sql`reminded_at30_for = renewal_date`,
          condition,
        );
        if (!file?.renewalDate) return false;
        const pro = await personOf(tx.db, file.userId);
        if (!pro) return false;
        const days = Math.round((Date.parse(file.renewalDate) - Date.parse(today)) / 86_400_000);
        await deps.outbox.enqueue(tx, renewalReminderEmail(pro, file.renewalDate, days, file.regulator, url));
        await notify(deps, tx, {
          userId: pro.id,
          type: 'verification_renewal_due',
          params: { kind: 'reminder', renewalDate: file.renewalDate, days },
          link: '/verification',
        });
        return true;
      });
      if (done) outcome[threshold === 7 ? 'reminded7' : 'reminded30'] += 1;
    }
  }
  return outcome;
}

async function due(deps: AppDeps, condition: ReturnType<typeof sql>): Promise<string[]> {
  const { rows } = await deps.db.execute<{ id: string }>(
    sql`select id from pro_verifications where ${condition} order by renewal_date, id limit ${BATCH}`,
  );
  return rows.map((row) => row.id);
}

/** Sets `changes` on the file if `condition` still holds, and returns it: the run's claim on that file. */
async function claim(
  db: AppDeps['db'],
  id: string,
  changes: ReturnType<typeof sql>,
  condition: ReturnType<typeof sql>,
): Promise<Pick<VerificationRow, 'userId' | 'renewalDate' | 'regulator'>[]> {
  const { rows } = await db.execute<{ user_id: string; renewal_date: string | null; regulator: string }>(
    sql`update pro_verifications set ${changes} where id = ${id} and ${condition}
      returning user_id, renewal_date::text as renewal_date, regulator`,
  );
  return rows.map((row) => ({
    userId: row.user_id,
    renewalDate: row.renewal_date,
    regulator: row.regulator as VerificationRow['regulator'],
  }));
}

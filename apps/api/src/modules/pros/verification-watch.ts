import type { AppDeps } from '../../deps';
import { type Transaction, withTransaction } from '../../platform/db/transaction';
import { graceEndsOn, platformToday } from '../access';
import { recordAudit } from '../audit';
import { notify } from '../notifications';
import { clientLapseEmail, expiredEmail, lapsedEmail, renewalReminderEmail } from './verification.emails';
import { claimFile, dueFiles, followedDossiers, personOf, type WatchStep } from './verification.queries';
import { tellClients } from './verification-admin.service';

/** The queue of the daily run (7:15 in Montréal, `workers.ts`). */
export const VERIFICATION_WATCH_QUEUE = 'pros.verification-watch';

export interface WatchOutcome {
  reminded30: number;
  reminded7: number;
  lapsed: number;
  expired: number;
}

type ClaimedFile = NonNullable<Awaited<ReturnType<typeof claimFile>>>;
interface WatchRun {
  deps: AppDeps;
  tx: Transaction;
  today: string;
  /** The pro's verification page. */
  url: string;
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
  const url = `${deps.config.publicUrl}/verification`;
  /** Claims each file due for `step` and tells whom it concerns; counts the files handled. */
  const run = async (step: WatchStep, tell: (run: WatchRun, file: ClaimedFile) => Promise<boolean>) => {
    let count = 0;
    for (const id of await dueFiles(deps.db, step, today, now)) {
      const done = await withTransaction(deps.pool, async (tx) => {
        const file = await claimFile(tx.db, id, step, today, now);
        return file ? tell({ deps, tx, today, url }, file) : false;
      });
      if (done) count += 1;
    }
    return count;
  };
  // Past the grace: expired. First, so that a file found late is not told of a grace already over.
  const expired = await run('expire', tellExpired);
  // The renewal date passed, within the grace: the pro and their clients are told once per date.
  const lapsed = await run('lapse', tellLapsed);
  // Reminders: 7 days first; a file first seen within 7 days never gets the 30-day one after.
  const reminded7 = await run('remind7', tellReminder);
  const reminded30 = await run('remind30', tellReminder);
  return { reminded30, reminded7, lapsed, expired };
}

async function tellExpired({ deps, tx, url }: WatchRun, file: ClaimedFile): Promise<boolean> {
  await recordAudit(tx.db, {
    actorId: null,
    action: 'verification.expired',
    subjectType: 'verification',
    subjectId: file.id,
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
}

async function tellLapsed({ deps, tx, url }: WatchRun, file: ClaimedFile): Promise<boolean> {
  if (!file.renewalDate) return false;
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
}

async function tellReminder({ deps, tx, today, url }: WatchRun, file: ClaimedFile): Promise<boolean> {
  if (!file.renewalDate) return false;
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
}

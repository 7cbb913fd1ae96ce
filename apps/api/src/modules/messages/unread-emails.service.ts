import type { AppDeps } from '../../deps';
import { withTransaction } from '../../platform/db/transaction';
import { platformToday } from '../access';
import { notify } from '../notifications';
import { unreadMessagesEmail } from './messages.emails';
import { toMessage } from './messages.mapper';
import {
  dossierExists,
  dueUnreadEmails,
  lockedReadMark,
  messagesOfOthersAfter,
  setEmailedUpTo,
} from './messages.queries';

const UNREAD_DELAY_MS = 10 * 60 * 1000;
const EMAIL_INTERVAL_MS = 60 * 60 * 1000;

/**
 * Every minute: a participant (the candidate, or the pro in charge) with messages unread for 10
 * minutes gets one email summarising them — at most one per dossier per hour, per their preferences.
 */
export async function sendUnreadMessageEmails(deps: AppDeps): Promise<number> {
  const now = deps.clock.now();
  const cutoff = new Date(now.getTime() - UNREAD_DELAY_MS);
  const hourAgo = new Date(now.getTime() - EMAIL_INTERVAL_MS);
  const dayAgo = new Date(now.getTime() - 24 * EMAIL_INTERVAL_MS);
  const due = await dueUnreadEmails(deps.db, { dayAgo, cutoff, hourAgo, today: platformToday(now) });
  let sent = 0;
  for (const { dossier_id: dossierId, user_id: userId } of due) {
    if (await emailUnread(deps, dossierId, userId, cutoff, hourAgo)) sent += 1;
  }
  return sent;
}

async function emailUnread(
  deps: AppDeps,
  dossierId: string,
  userId: string,
  cutoff: Date,
  hourAgo: Date,
): Promise<boolean> {
  return withTransaction(deps.pool, async (tx) => {
    const now = deps.clock.now();
    // The row lock makes two workers (or two instances) send this email once.
    const state = await lockedReadMark(tx.db, dossierId, userId);
    if (!state || (state.lastEmailAt && state.lastEmailAt > hourAgo)) return false;
    const unread = await messagesOfOthersAfter(tx.db, dossierId, userId, state.lastReadSeq);
    const fresh = unread.filter((row) => row.message.seq > state.lastEmailedSeq);
    if (fresh.length === 0 || !fresh.some((row) => row.message.createdAt <= cutoff)) return false;
    if (!(await dossierExists(tx.db, dossierId))) return false;
    const lastSeq = unread.at(-1)?.message.seq ?? state.lastEmailedSeq;
    await setEmailedUpTo(tx.db, dossierId, userId, lastSeq, now);
    // The first unread message: the page scrolls to it (`message`), in the messages section.
    const first = unread[0]?.message.id;
    const link = first
      ? `/dossiers/${dossierId}?message=${first}#messages`
      : `/dossiers/${dossierId}#messages`;
    await notify(deps, tx, {
      userId,
      type: 'message_received',
      params: { count: unread.length },
      link,
      email: (recipient) =>
        unreadMessagesEmail(recipient, unread.map(toMessage), `${deps.config.publicUrl}${link}`),
    });
    return true;
  });
}

import {
  notificationPreferenceOf,
  resolveNotificationPreferences,
  type TLocale,
  type TNotificationType,
} from '@capitune/contracts';
import type { AppDeps } from '../../deps';
import { withTransaction } from '../../platform/db/transaction';
import { inTransaction } from '../../platform/jobs/jobs';
import { renderEmail } from '../../platform/mailer/layout';
import type { EmailToSend } from '../../platform/mailer/outbox';
import { notificationText } from './notification-texts';
import { DELIVER_QUEUE } from './notifications.service';
import {
  digestRecipient,
  lockWaitingEmails,
  queueDueWaiting,
  queueWithOutbox,
  skipDeliveries,
  touchLostQueued,
  usersWithDueEmails,
} from './pipeline.queries';
import { unsubscribeUrl } from './signed-links';

export const DUE_SWEEP_QUEUE = 'notifications.due-sweep';

/** Rows (push, text) or people (digests) taken per statement: 50,000 people never load at once. */
const BATCH = 500;
/** A queued push or text message this long without a live job lost it: a job is sent again. */
const LOST_AFTER_MS = 10 * 60_000;
/** The sweep's share of its minute: what is left waits for the next run. */
const TIME_BUDGET_MS = 45_000;

/** Items listed in one digest email; the rest are counted (they are all in the app). */
const DIGEST_MAX_ITEMS = 50;

export interface DigestItem {
  type: TNotificationType;
  params: Record<string, string | number | null>;
  link: string | null;
}

const digestWords: Record<
  TLocale,
  {
    subject: (count: number) => string;
    greeting: (name: string) => string;
    intro: (count: number) => string;
    open: string;
    more: (count: number) => string;
    footnote: string;
  }
> = {
  fr: {
    subject: (count) =>
      count === 1
        ? 'Votre résumé CAPITUNE : 1 notification'
        : `Votre résumé CAPITUNE : ${count} notifications`,
    greeting: (name) => `Bonjour ${name},`,
    intro: (count) =>
      count === 1
        ? 'Voici ce qui s’est passé depuis votre dernier résumé :'
        : `Voici les ${count} nouveautés depuis votre dernier résumé :`,
    open: 'Voir mes notifications',
    more: (count) => `… et ${count} autres, dans vos notifications.`,
    footnote:
      'Vous recevez ce résumé selon vos préférences de notification. Vous pouvez en changer la fréquence dans votre profil, ou vous désabonner des résumés.',
  },
  en: {
    subject: (count) =>
      count === 1 ? 'Your CAPITUNE digest: 1 notification' : `Your CAPITUNE digest: ${count} notifications`,
    greeting: (name) => `Hello ${name},`,
    intro: (count) =>
      count === 1
        ? 'Here is what happened since your last digest:'
        : `Here are the ${count} updates since your last digest:`,
    open: 'See my notifications',
    more: (count) => `… and ${count} more, in your notifications.`,
    footnote:
      'You receive this digest as your notification preferences say. You can change how often in your profile, or unsubscribe from digests.',
  },
};

/** One digest email listing every item, in the person's language, each with its absolute link. */
export function digestEmail(
  publicUrl: string,
  recipient: { email: string; firstName: string; locale: TLocale; timeZone: string },
  items: DigestItem[],
): Omit<EmailToSend, 'listUnsubscribe'> {
  const words = digestWords[recipient.locale];
  const lines = items.slice(0, DIGEST_MAX_ITEMS).map((item) => {
    const text = notificationText(item.type, item.params, recipient.locale, recipient.timeZone);
    const line = `• ${text.title} — ${text.body}`;
    return item.link ? `${line}\n${publicUrl}${item.link}` : line;
  });
  return {
    to: recipient.email,
    locale: recipient.locale,
    template: 'notifications.digest',
    ...renderEmail(recipient.locale, {
      subject: words.subject(items.length),
      greeting: words.greeting(recipient.firstName),
      paragraphs: [
        words.intro(items.length),
        ...lines,
        ...(items.length > DIGEST_MAX_ITEMS ? [words.more(items.length - DIGEST_MAX_ITEMS)] : []),
      ],
      action: { label: words.open, url: `${publicUrl}/notifications` },
      footnote: words.footnote,
    }),
  };
}

export interface DueSweepResult {
  queued: number;
  digests: number;
  requeued: number;
}

/**
 * `notifications.due-sweep`, every minute: (a) push and text messages whose quiet hours ended are queued,
 * each with its job; (b) the people whose waiting emails are due get ONE digest each, in their language,
 * and those rows point at it (its sending marks them sent); (c) queued push and text messages whose job
 * was lost get one again (safe: the worker's row lock and status send once). Batches of 500.
 */
export async function runDueSweep(deps: AppDeps): Promise<DueSweepResult> {
  const started = Date.now();
  const inTime = () => Date.now() - started < TIME_BUDGET_MS;
  const result: DueSweepResult = { queued: 0, digests: 0, requeued: 0 };

  // (a) Quiet hours over.
  for (;;) {
    const count = await withTransaction(deps.pool, async (tx) => {
      const ids = await queueDueWaiting(tx.db, deps.clock.now(), BATCH);
      for (const id of ids) await deps.jobs.send(DELIVER_QUEUE, { id }, inTransaction(tx.client));
      return ids.length;
    });
    result.queued += count;
    if (count < BATCH || !inTime()) break;
  }

  // (b) Digests, one per person, in batches of people (keyset on their id).
  let after: string | null = null;
  while (inTime()) {
    const people = await usersWithDueEmails(deps.db, deps.clock.now(), after, BATCH);
    for (const userId of people) {
      if (await sendDigest(deps, userId)) result.digests += 1;
    }
    if (people.length < BATCH) break;
    after = people.at(-1) ?? null;
  }

  // (c) Lost jobs.
  for (;;) {
    const count = await withTransaction(deps.pool, async (tx) => {
      const ids = await touchLostQueued(tx.db, deps.clock.now(), LOST_AFTER_MS, BATCH);
      for (const id of ids) await deps.jobs.send(DELIVER_QUEUE, { id }, inTransaction(tx.client));
      return ids.length;
    });
    result.requeued += count;
    if (count < BATCH || !inTime()) break;
  }
  return result;
}

/** One person's digest: their waiting emails gathered into one outbox email. False when none (taken). */
async function sendDigest(deps: AppDeps, userId: string): Promise<boolean> {
  return withTransaction(deps.pool, async (tx) => {
    const locked = await lockWaitingEmails(tx.db, userId);
    if (locked.length === 0) return false;
    const recipient = await digestRecipient(tx.db, userId);
    if (!recipient) return false;
    // An email turned off while it waited (the kind, or the digest's unsubscribe link) does not leave.
    const preferences = resolveNotificationPreferences(recipient.preferences);
    const wanted = (type: string) =>
      preferences[notificationPreferenceOf[type as TNotificationType] ?? 'announcements']?.email ?? false;
    const rows = locked.filter((row) => wanted(row.type));
    const now = deps.clock.now();
    await skipDeliveries(
      tx.db,
      locked.filter((row) => !wanted(row.type)).map((row) => row.id),
      'email_off',
      now,
    );
    if (rows.length === 0) return false;
    const email = digestEmail(
      deps.config.publicUrl,
      recipient,
      rows.map((row) => ({ type: row.type as TNotificationType, params: row.params, link: row.link })),
    );
    const outboxId = await deps.outbox.enqueue(tx, {
      ...email,
      listUnsubscribe: unsubscribeUrl(deps.config, userId, 'digest'),
    });
    await queueWithOutbox(
      tx.db,
      rows.map((row) => row.id),
      outboxId,
      now,
    );
    return true;
  });
}

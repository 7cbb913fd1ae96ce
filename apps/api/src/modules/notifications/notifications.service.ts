import { randomUUID } from 'node:crypto';
import {
  notificationPreferenceOf,
  resolveNotificationPreferences,
  type TNotification,
  type TNotificationPage,
  type TNotificationType,
} from '@capitune/contracts';
import type { AppDeps } from '../../deps';
import { decodeCursor, encodeCursor } from '../../lib/cursor';
import type { Database } from '../../platform/db/database';
import type { Transaction } from '../../platform/db/transaction';
import { inTransaction } from '../../platform/jobs/jobs';
import type { EmailToSend } from '../../platform/mailer/outbox';
import { type NoticeEmailKind, noticeEmailAllowed } from '../../platform/rate-limit';
import { toNotification } from './notifications.mapper';
import {
  insertNotification,
  notificationRow,
  notificationRows,
  setNotificationsRead,
  unreadNotificationCount,
} from './notifications.queries';
import { planChannels } from './pipeline';
import {
  insertDeliveries,
  type NewDelivery,
  type PipelineRecipient,
  pipelineRecipientRow,
} from './pipeline.queries';
import { unsubscribeUrl } from './signed-links';

type Recipient = Omit<PipelineRecipient, 'preferences' | 'hasPush' | 'hasPhone'>;

/** The queue of one push or text-message delivery (`deliver.worker.ts`). */
export const DELIVER_QUEUE = 'notifications.deliver';

export interface NotificationToSend {
  userId: string;
  type: TNotificationType;
  params?: Record<string, string | number | null>;
  link?: string | null;
  /** The email version, written in the recipient's language; sent when their preferences allow. */
  email?: (recipient: Recipient) => EmailToSend;
  /** The recipient's limit on such emails: beyond it they are told in the app only. */
  emailLimit?: NoticeEmailKind;
}

/**
 * The one notification pipeline. Tells a user about one event in the caller's transaction, on each
 * channel their preferences choose for this kind (see `planChannels`): the in-app row, the email (at once
 * through the outbox, or waiting for the digest), web push and text message (a `notifications.deliver`
 * job, or waiting for the end of the quiet hours). Every channel gets a row of the delivery log under one
 * notification id (the in-app row's when there is one), so a retried job finds its row rather than
 * sending again. Returns the in-app notification's id, if one was created.
 */
export async function notify(
  deps: AppDeps,
  tx: Transaction,
  notification: NotificationToSend,
): Promise<string | null> {
  const recipient = await pipelineRecipientRow(tx.db, notification.userId);
  if (!recipient) return null;
  const now = deps.clock.now();
  const kind = notificationPreferenceOf[notification.type];
  const preferences = resolveNotificationPreferences(recipient.preferences);
  const plans = planChannels({
    preferences,
    choice: preferences[kind],
    now,
    timeZone: recipient.timeZone,
    hasEmail: Boolean(notification.email),
    hasPush: recipient.hasPush,
    hasPhone: recipient.hasPhone,
  });
  const params = notification.params ?? {};
  const link = notification.link ?? null;

  let inAppId: string | null = null;
  if (plans.inApp) {
    inAppId = await insertNotification(tx.db, {
      userId: recipient.id,
      type: notification.type,
      params,
      link,
      createdAt: now,
    });
    await deps.bus.publish(
      { type: 'notification', userId: recipient.id, notificationId: inAppId },
      tx.client,
    );
  }
  const notificationId = inAppId ?? randomUUID();
  const row = (
    channel: NewDelivery['channel'],
    values: Partial<NewDelivery> & Pick<NewDelivery, 'status'>,
  ): NewDelivery => ({
    notificationId,
    userId: recipient.id,
    type: notification.type,
    channel,
    reason: null,
    params,
    link,
    deferredEmail: null,
    dueAt: now,
    sentAt: null,
    outboxId: null,
    createdAt: now,
    ...values,
  });
  const rows: NewDelivery[] = [];
  if (inAppId) rows.push(row('in_app', { status: 'sent', sentAt: now }));

  if (plans.email.send && notification.email) {
    const email = notification.email(recipient);
    if (plans.email.status === 'waiting') {
      // The digest's limit is its hour: the per-kind email limit counts emails that leave at once.
      rows.push(
        row('email', {
          status: 'waiting',
          reason: plans.email.reason,
          dueAt: plans.email.dueAt,
          deferredEmail: {
            template: email.template,
            subject: email.subject,
            text: email.text,
            html: email.html,
            kind,
          },
        }),
      );
    } else if (
      !notification.emailLimit ||
      (await noticeEmailAllowed(tx.db, notification.emailLimit, recipient.id, now))
    ) {
      const outboxId = await deps.outbox.enqueue(tx, {
        ...email,
        listUnsubscribe: unsubscribeUrl(deps.config, recipient.id, kind),
      });
      rows.push(row('email', { status: 'queued', outboxId }));
    } else {
      rows.push(row('email', { status: 'skipped', reason: 'email_limit' }));
    }
  }
  for (const channel of ['push', 'sms'] as const) {
    const plan = plans[channel];
    if (!plan.send) continue;
    rows.push(
      plan.status === 'waiting'
        ? row(channel, { status: 'waiting', reason: plan.reason, dueAt: plan.dueAt })
        : row(channel, { status: 'queued' }),
    );
  }
  const inserted = await insertDeliveries(tx.db, rows);
  for (const delivery of inserted) {
    if ((delivery.channel === 'push' || delivery.channel === 'sms') && delivery.status === 'queued') {
      await deps.jobs.send(DELIVER_QUEUE, { id: delivery.id }, inTransaction(tx.client));
    }
  }
  return inAppId;
}

export async function unreadCount(deps: Pick<AppDeps, 'db'>, userId: string): Promise<number> {
  return unreadNotificationCount(deps.db, userId);
}

/** Newest first, keyset-paginated on (created_at, id). */
export async function listNotifications(
  deps: AppDeps,
  userId: string,
  page: { cursor?: string | undefined; limit: number },
): Promise<TNotificationPage> {
  return { ...(await pageOfNotifications(deps, userId, page)), unreadCount: await unreadCount(deps, userId) };
}

/** A page of the user's notifications, newest first, without the unread count. */
export async function pageOfNotifications(
  deps: Pick<AppDeps, 'db'>,
  userId: string,
  page: { cursor?: string | undefined; limit: number },
): Promise<Omit<TNotificationPage, 'unreadCount'>> {
  const after = page.cursor ? decodeCursor(page.cursor) : null;
  const rows = await notificationRows(deps.db, userId, after, page.limit + 1);
  const items = rows.slice(0, page.limit);
  const last = items.at(-1);
  return {
    items: items.map(toNotification),
    nextCursor: rows.length > page.limit && last ? encodeCursor({ at: last.createdAt, id: last.id }) : null,
  };
}

/** Marks some or all of the user's notifications read; returns how many are left unread. */
export async function markRead(
  deps: AppDeps,
  userId: string,
  which: { ids: string[] } | { all: true },
): Promise<number> {
  await setNotificationsRead(deps.db, userId, 'ids' in which ? which.ids : 'all', deps.clock.now());
  return unreadCount(deps, userId);
}

/**
 * A notification to push to its recipient's sockets, with their unread count; null when it is not
 * theirs (or gone). The realtime dispatcher's read.
 */
export async function notificationToDeliver(
  db: Database,
  userId: string,
  notificationId: string,
): Promise<{ notification: TNotification; unreadCount: number } | null> {
  const row = await notificationRow(db, userId, notificationId);
  if (!row) return null;
  return { notification: toNotification(row), unreadCount: await unreadNotificationCount(db, userId) };
}

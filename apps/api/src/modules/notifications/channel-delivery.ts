import type { TLocale, TNotificationType } from '@capitune/contracts';

/**
 * What a channel's sender gets from the pipeline (`notifications.deliver`): one row of the delivery log,
 * locked by the worker for the time of the send, and its recipient.
 */
export interface DeliveryToSend {
  id: string;
  notificationId: string;
  userId: string;
  type: TNotificationType;
  params: Record<string, string | number | null>;
  /** The path of the web app the notification leads to (the exact item), or null. */
  link: string | null;
  /** Tries before this one. */
  attempts: number;
}

export interface DeliveryRecipient {
  id: string;
  locale: TLocale;
  timeZone: string;
  firstName: string;
}

/**
 * How a send ended: `sent`; `skipped` when the channel cannot be used (no device left, no verified number,
 * the daily cap) — final; `retry` for a passing failure (the job is retried, the row stays queued);
 * `failed` when it will never work — final. `reason` is kept in the log (never the message's text).
 */
export type ChannelOutcome =
  | { status: 'sent' }
  | { status: 'skipped'; reason: string }
  | { status: 'retry'; reason: string }
  | { status: 'failed'; reason: string };

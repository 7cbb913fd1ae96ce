import { z } from 'zod';
import type { TNotificationKind } from './auth';
import { ZDateTime, ZLine, ZString } from './primitives';

/**
 * What happened, as a stable kind: the web app writes the sentence in the reader's language from the
 * kind and its params (`notifications.<kind>` in its locale files).
 */
export const notificationTypes = [
  'assignment_requested',
  'assignment_accepted',
  'assignment_declined',
  'assignment_ended',
  'dossier_invitation',
  // Issue 19: a pro asks for one checklist line (its link opens that upload step); a milestone is added or reached.
  'document_requested',
  'milestone_updated',
  'document_approved',
  'document_rejected',
  'document_expiring',
  'message_received',
  'post_commented',
  'comment_replied',
  'content_moderated',
  'webinar_updated',
  'webinar_cancelled',
  'webinar_seat_available',
  'webinar_reminder',
  'review_received',
  // Licence verification (issue 13): to the pro, then to the candidates they follow.
  'verification_decided',
  'verification_renewal_due',
  'pro_access_ended',
  'pro_licence_lapsed',
  // Privacy (issue 18): a person's request for a human review of an automated decision was answered.
  'automated_decision_reviewed',
] as const;
export const ZNotificationType = z.enum(notificationTypes);
export type TNotificationType = z.infer<typeof ZNotificationType>;

/** The preference (issue of the profile page) that governs each type. */
export const notificationPreferenceOf: Record<TNotificationType, TNotificationKind> = {
  assignment_requested: 'assignments',
  assignment_accepted: 'assignments',
  assignment_declined: 'assignments',
  assignment_ended: 'assignments',
  dossier_invitation: 'assignments',
  document_requested: 'document_decisions',
  milestone_updated: 'milestones',
  document_approved: 'document_decisions',
  document_rejected: 'document_decisions',
  document_expiring: 'document_decisions',
  message_received: 'messages',
  post_commented: 'community_replies',
  comment_replied: 'community_replies',
  content_moderated: 'moderation',
  webinar_updated: 'webinar_reminders',
  webinar_cancelled: 'webinar_reminders',
  webinar_seat_available: 'webinar_reminders',
  webinar_reminder: 'webinar_reminders',
  review_received: 'verification',
  verification_decided: 'verification',
  verification_renewal_due: 'verification',
  pro_access_ended: 'verification',
  pro_licence_lapsed: 'verification',
  automated_decision_reviewed: 'moderation',
};

export const ZNotification = z.object({
  id: z.uuid(),
  type: ZNotificationType,
  /** Values the sentence needs (a document's name, a person's name, a date…). */
  params: z.record(ZString, z.union([ZString, z.number(), z.null()])),
  /** Where clicking it leads, a path of the web app. */
  link: ZString.nullable(),
  readAt: ZDateTime.nullable(),
  createdAt: ZDateTime,
});
export type TNotification = z.infer<typeof ZNotification>;

/** Keyset pagination: `cursor` is opaque, echo back `nextCursor` to get the next page. */
export const ZPageQuery = z.object({
  cursor: ZLine.max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

export const ZNotificationPage = z.object({
  items: z.array(ZNotification),
  nextCursor: ZString.nullable(),
  unreadCount: z.number().int(),
});
export type TNotificationPage = z.infer<typeof ZNotificationPage>;

export const ZMarkNotificationsRead = z.union([
  z.strictObject({ ids: z.array(z.uuid()).min(1).max(100) }),
  z.strictObject({ all: z.literal(true) }),
]);

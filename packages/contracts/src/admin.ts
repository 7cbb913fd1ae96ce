import { z } from 'zod';
import { ZLocale } from './locale';
import { ZDateTime, ZLine, ZText } from './primitives';

/**
 * The admin console: users, batch operations, the audit log, statistics. Every route under
 * `/api/admin` refuses candidates and pros (403).
 */

export const adminUserRoles = ['candidate', 'pro', 'admin'] as const;
export const ZAdminUserRole = z.enum(adminUserRoles);
export type TAdminUserRole = z.infer<typeof ZAdminUserRole>;

/** `banned` is a suspension with no end that only an admin lifts. */
export const adminUserStatuses = ['active', 'suspended', 'banned'] as const;
export const ZAdminUserStatus = z.enum(adminUserStatuses);
export type TAdminUserStatus = z.infer<typeof ZAdminUserStatus>;

/** A tag an admin puts on members: lowercase letters, digits and hyphens. */
export const ZUserTag = ZLine.trim()
  .toLowerCase()
  .pipe(
    ZLine.min(1)
      .max(40)
      .regex(/^[\p{Ll}\p{N}][\p{Ll}\p{N}-]*$/u, 'lowercase letters, digits, hyphens'),
  );

/** Which members: the user list's filters, shared by the list and by a batch. */
export const ZUserFilter = z.strictObject({
  /** Name, email, firm or licence number. */
  q: ZLine.trim().max(200).optional(),
  role: ZAdminUserRole.optional(),
  status: ZAdminUserStatus.optional(),
  tag: ZUserTag.optional(),
  signedUpFrom: ZDateTime.optional(),
  signedUpTo: ZDateTime.optional(),
});
export type TUserFilter = z.infer<typeof ZUserFilter>;

export const batchActions = ['suspend', 'lift', 'end_sessions', 'announce', 'tag', 'untag'] as const;
export const ZBatchAction = z.enum(batchActions);
export type TBatchAction = z.infer<typeof ZBatchAction>;

export const ZAnnouncementText = z.strictObject({
  subject: ZLine.trim().min(1).max(150),
  body: ZText.trim().min(1).max(10_000),
});
export const ZAnnouncement = z.strictObject({ fr: ZAnnouncementText, en: ZAnnouncementText });
export type TAnnouncement = z.infer<typeof ZAnnouncement>;

/** What a batch was asked to do, as kept with it. */
export const ZBatchParams = z.object({
  filter: ZUserFilter.optional(),
  userIds: z.array(z.uuid()).optional(),
  reason: ZText.optional(),
  until: ZDateTime.nullable().optional(),
  announcement: ZAnnouncement.optional(),
  tag: ZUserTag.optional(),
  locale: ZLocale.optional(),
});
export type TBatchParams = z.infer<typeof ZBatchParams>;

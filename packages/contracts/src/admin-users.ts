import { z } from 'zod';
import { ZAdminUserRole, ZAdminUserStatus, ZUserFilter, ZUserTag } from './admin';
import { ZSignInFactor } from './auth';
import { ZDossierStatus } from './dossiers';
import { ZLocale } from './locale';
import { ZDateTime, ZLine, ZString, ZText } from './primitives';

/**
 * The admin console's users: the searchable list, one member's page and the actions an admin takes on
 * a member (`POST /api/admin/users/{id}/actions`).
 */

/** `GET /api/admin/users`: the list's filters, then a keyset page (newest sign-ups first). */
export const ZAdminUserListQuery = ZUserFilter.extend({
  cursor: ZLine.max(300).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
});
export type TAdminUserListQuery = z.infer<typeof ZAdminUserListQuery>;

export const ZAdminUserFirm = z.object({ id: z.uuid(), name: ZString });
export type TAdminUserFirm = z.infer<typeof ZAdminUserFirm>;

export const ZAdminUserListItem = z.object({
  id: z.uuid(),
  firstName: ZString,
  lastName: ZString,
  email: ZString,
  role: ZAdminUserRole,
  status: ZAdminUserStatus,
  firm: ZAdminUserFirm.nullable(),
  createdAt: ZDateTime,
  emailVerified: z.boolean(),
  tags: z.array(ZString),
});
export type TAdminUserListItem = z.infer<typeof ZAdminUserListItem>;

export const ZAdminUserPage = z.object({
  items: z.array(ZAdminUserListItem),
  nextCursor: ZString.nullable(),
});
export type TAdminUserPage = z.infer<typeof ZAdminUserPage>;

export const ZAdminUserIdParams = z.object({ id: z.uuid() });

/** Why and until when a member cannot sign in; null while the member is active. */
export const ZAdminUserSuspension = z.object({
  /** Null: until an admin lifts it (always null for a ban). */
  until: ZDateTime.nullable(),
  reason: ZString.nullable(),
  /** Set for a ban. */
  bannedAt: ZDateTime.nullable(),
});
export type TAdminUserSuspension = z.infer<typeof ZAdminUserSuspension>;

/** A signed-in device of the member (unrevoked, unexpired). */
export const ZAdminUserSession = z.object({
  id: z.uuid(),
  /** The browser and system, read from the user agent. */
  device: ZString,
  /** ISO 3166-1 country code of the address, when known. */
  country: ZString.nullable(),
  factor: ZSignInFactor.nullable(),
  createdAt: ZDateTime,
  lastUsedAt: ZDateTime,
});
export type TAdminUserSession = z.infer<typeof ZAdminUserSession>;

export const ZAdminUserFactors = z.object({
  totp: z.boolean(),
  passkeys: z.number().int(),
  email: z.boolean(),
  sms: z.boolean(),
  recoveryCodesLeft: z.number().int(),
});
export type TAdminUserFactors = z.infer<typeof ZAdminUserFactors>;

/** How many dossiers per status (statuses with none are left out). Counts only: never a dossier's content. */
export const ZAdminDossierCount = z.object({ status: ZDossierStatus, count: z.number().int() });
export const ZAdminUserDossiers = z.object({
  /** Dossiers the member owns (a candidate). */
  owned: z.array(ZAdminDossierCount),
  /** Dossiers assigned to the member's firm (a pro). */
  firm: z.array(ZAdminDossierCount),
});
export type TAdminUserDossiers = z.infer<typeof ZAdminUserDossiers>;

/** An audit entry about the member (suspensions, role changes, tags, merges, moderation…). */
export const ZAdminUserHistoryEntry = z.object({
  id: z.number().int(),
  /** The audit action, e.g. `user.suspended`, `user.role_changed`. */
  action: ZString,
  /** Null for what the platform did by itself (a suspension that ended). */
  actor: z.object({ id: z.uuid(), firstName: ZString, lastName: ZString }).nullable(),
  /** The reason given, when the entry has one. */
  reason: ZString.nullable(),
  createdAt: ZDateTime,
});
export type TAdminUserHistoryEntry = z.infer<typeof ZAdminUserHistoryEntry>;

/** An email sent (or waiting) to the member's address; never its body. */
export const ZAdminUserEmail = z.object({
  id: z.uuid(),
  template: ZString,
  subject: ZString,
  createdAt: ZDateTime,
  sentAt: ZDateTime.nullable(),
});
export type TAdminUserEmail = z.infer<typeof ZAdminUserEmail>;

/** `GET /api/admin/users/{id}`: one member's page. */
export const ZAdminUserDetail = z.object({
  id: z.uuid(),
  firstName: ZString,
  lastName: ZString,
  email: ZString,
  emailVerified: z.boolean(),
  locale: ZLocale,
  phone: ZString.nullable(),
  countryOfResidence: ZString.nullable(),
  role: ZAdminUserRole,
  status: ZAdminUserStatus,
  suspension: ZAdminUserSuspension.nullable(),
  firm: ZAdminUserFirm.nullable(),
  tags: z.array(ZString),
  /** 0 new, 1 member, 2 trusted (Inside). */
  trustLevel: z.number().int(),
  /** Until when the member cannot post on Inside, if silenced. */
  silencedUntil: ZDateTime.nullable(),
  createdAt: ZDateTime,
  sessions: z.array(ZAdminUserSession),
  factors: ZAdminUserFactors,
  dossiers: ZAdminUserDossiers,
  /** The last 50 audit entries about the member, newest first. */
  history: z.array(ZAdminUserHistoryEntry),
  /** The last 50 emails to the member's address, newest first. */
  emails: z.array(ZAdminUserEmail),
  /**
   * The SMTP provider reported the address (issue 19): a hard bounce stops every email to it, a complaint
   * the non-essential ones. Null when it did not; absent from older servers.
   */
  emailSuppression: z
    .object({ reason: z.enum(['bounce', 'complaint']), detail: ZString.nullable(), since: ZDateTime })
    .nullable()
    .optional(),
});
export type TAdminUserDetail = z.infer<typeof ZAdminUserDetail>;

export const ZAdminActionReason = ZText.trim().min(1).max(1000);

/** `POST /api/admin/users/{id}/actions`. `ban`, `change_role` and `merge` need a recent step-up. */
export const ZAdminUserAction = z.discriminatedUnion('action', [
  /** A suspension that ends by itself at `until` (in the future). */
  z.strictObject({ action: z.literal('suspend'), until: ZDateTime, reason: ZAdminActionReason }),
  /** A suspension with no end. */
  z.strictObject({ action: z.literal('ban'), reason: ZAdminActionReason }),
  /** Ends a suspension or a ban. */
  z.strictObject({ action: z.literal('lift') }),
  z.strictObject({ action: z.literal('change_role'), role: ZAdminUserRole }),
  z.strictObject({ action: z.literal('resend_verification') }),
  z.strictObject({ action: z.literal('end_sessions') }),
  /** Moves the duplicate account's dossiers, posts, comments, notifications and tags into this one, then bans it. */
  z.strictObject({ action: z.literal('merge'), duplicateId: z.uuid() }),
  /** A sensitive read, audited with its reason. */
  z.strictObject({
    action: z.literal('open_dossier'),
    dossierId: z.uuid(),
    reason: ZText.trim().min(10).max(1000),
  }),
  z.strictObject({ action: z.literal('tag'), tag: ZUserTag }),
  z.strictObject({ action: z.literal('untag'), tag: ZUserTag }),
]);
export type TAdminUserAction = z.infer<typeof ZAdminUserAction>;
export const adminUserActions = ZAdminUserAction.options.map((option) => option.shape.action.value);
export type TAdminUserActionName = TAdminUserAction['action'];

/**
 * The answer to `open_dossier`. Admins do not open dossiers' pages (only the owner and the assigned firm
 * do): they get this audited summary, counts only, never a document or a message.
 */
export const ZAdminDossierSummary = z.object({
  dossierId: z.uuid(),
  programId: ZString,
  programName: z.object({ fr: ZString, en: ZString }),
  status: ZDossierStatus,
  owner: z.object({ id: z.uuid(), firstName: ZString, lastName: ZString }),
  firm: ZAdminUserFirm.nullable(),
  documentCount: z.number().int(),
  messageCount: z.number().int(),
  createdAt: ZDateTime,
});
export type TAdminDossierSummary = z.infer<typeof ZAdminDossierSummary>;

/** What an action answers: the member's page after it, or (for `open_dossier`) the dossier's summary. */
export const ZAdminUserActionResult = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('user'), user: ZAdminUserDetail }),
  z.object({ kind: z.literal('dossier'), dossier: ZAdminDossierSummary }),
]);
export type TAdminUserActionResult = z.infer<typeof ZAdminUserActionResult>;

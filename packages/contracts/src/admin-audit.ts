import { z } from 'zod';
import { ZEmail } from './auth';
import { ZDateTime, ZLine, ZString } from './primitives';

/**
 * The admins' audit log viewer and the check of its hash chain. Every entry takes the next place in one
 * chain whose hashes cover the entry before, so an entry edited or removed behind the database's
 * append-only guard shows as a break.
 */

/**
 * An action (`user.suspended`), or a family of actions by its prefix ending in a dot or a star
 * (`user.`, `user.*`).
 */
export const ZAuditActionFilter = ZLine.trim()
  .min(1)
  .max(100)
  .regex(/^[a-z0-9_]+(\.[a-z0-9_]+)*(\.\*?)?$/, 'an action (user.suspended) or a prefix (user.)');

/** Which entries: the viewer's filters, shared by the list and the CSV export. */
export const ZAuditFilter = z.strictObject({
  /** The actor, by user id or email. */
  actor: z.union([z.uuid(), ZEmail]).optional(),
  action: ZAuditActionFilter.optional(),
  /** The subject of the entry (a user, a dossier, a document…), by id. */
  target: z.uuid().optional(),
  /** The firm concerned, by organisation id. */
  firm: z.uuid().optional(),
  /** Entries written at or after this instant. */
  from: ZDateTime.optional(),
  /** Entries written before this instant. */
  to: ZDateTime.optional(),
});
export type TAuditFilter = z.infer<typeof ZAuditFilter>;

export const ZAuditQuery = ZAuditFilter.extend({
  cursor: ZLine.max(300).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});
export type TAuditQuery = z.infer<typeof ZAuditQuery>;

export const ZAuditActor = z.object({ id: z.uuid(), name: ZString, email: ZString });

export const ZAuditEntry = z.object({
  id: z.number().int(),
  /** Its place in the hash chain. */
  seq: z.number().int().nullable(),
  createdAt: ZDateTime,
  /** Null for the system (a scheduled job), or an account that no longer exists. */
  actor: ZAuditActor.nullable(),
  actorId: z.uuid().nullable(),
  action: ZString,
  subjectType: ZString,
  subjectId: z.uuid().nullable(),
  dossierId: z.uuid().nullable(),
  organisationId: z.uuid().nullable(),
  before: z.unknown(),
  after: z.unknown(),
  ip: ZString.nullable(),
});
export type TAuditEntry = z.infer<typeof ZAuditEntry>;

export const ZAuditPage = z.object({ items: z.array(ZAuditEntry), nextCursor: ZString.nullable() });
export type TAuditPage = z.infer<typeof ZAuditPage>;

/**
 * Why the chain is broken at an entry: its content no longer gives its hash (`content_changed`), it does
 * not point at the entry before it (`link_broken`), a place of the chain is empty (`missing_entry`), or
 * the chain ends elsewhere than its recorded head (`head_mismatch`: entries removed at its end).
 */
export const auditChainBreakReasons = [
  'content_changed',
  'link_broken',
  'missing_entry',
  'head_mismatch',
] as const;
export const ZAuditChainBreakReason = z.enum(auditChainBreakReasons);
export type TAuditChainBreakReason = z.infer<typeof ZAuditChainBreakReason>;

export const ZAuditChainStatus = z.object({
  intact: z.boolean(),
  /** Entries checked. */
  checked: z.number().int(),
  lastSeq: z.number().int(),
  headHash: ZString,
  /** The first place where the chain breaks; `id` is null when no entry holds that place. */
  firstBreak: z
    .object({ seq: z.number().int(), id: z.number().int().nullable(), reason: ZAuditChainBreakReason })
    .nullable(),
  verifiedAt: ZDateTime,
});
export type TAuditChainStatus = z.infer<typeof ZAuditChainStatus>;

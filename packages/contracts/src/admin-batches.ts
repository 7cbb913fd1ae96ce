import { z } from 'zod';
import {
  ZAdminUserRole,
  ZAdminUserStatus,
  ZAnnouncement,
  ZBatchAction,
  ZUserFilter,
  ZUserTag,
} from './admin';
import { ZDateTime, ZLine, ZString, ZText } from './primitives';

/**
 * Batch operations of the admin console: a dry run freezes who is concerned, the admin confirms by typing
 * the count, a job works through them, and a reversible batch can be undone within 24 hours.
 */

/** Most members a batch given by ids may name (a filter has no limit). */
export const BATCH_MAX_USER_IDS = 10_000;
/** How many people a dry run shows. */
export const BATCH_SAMPLE_SIZE = 20;
/** How long a dry run may be confirmed. */
export const BATCH_DRY_RUN_VALID_MS = 60 * 60 * 1000;
/** How long a finished batch may be undone. */
export const BATCH_UNDO_WINDOW_MS = 24 * 60 * 60 * 1000;
/** The actions an undo can reverse. */
export const reversibleBatchActions = ['suspend', 'lift', 'tag', 'untag'] as const;

export const batchStatuses = ['dry_run', 'queued', 'running', 'done', 'failed', 'undoing', 'undone'] as const;
export const ZBatchStatus = z.enum(batchStatuses);
export type TBatchStatus = z.infer<typeof ZBatchStatus>;

/**
 * `POST /api/admin/batches`, one body for both steps:
 * - a dry run: `action`, exactly one of `filter` / `userIds`, what the action needs, `dryRun: true`;
 * - running it: `dryRunId` and `confirmCount` (the dry run's count, typed by the admin).
 * Refused fields are VALIDATION_FAILED on their path (`body.reason`, `body.announcement`, `body.tag`,
 * `body.filter`…) with code `required`, `not_allowed` or `one_of_filter_or_ids`.
 */
export const ZBatchDryRunBody = z.strictObject({
  action: ZBatchAction,
  filter: ZUserFilter.optional(),
  userIds: z.array(z.uuid()).min(1).max(BATCH_MAX_USER_IDS).optional(),
  /** suspend: required, shown to the members. */
  reason: ZText.trim().min(1).max(1000).optional(),
  /** suspend: the end of the suspension; null or absent: indefinite. */
  until: ZDateTime.nullable().optional(),
  /** announce: the texts in both languages (plain text). */
  announcement: ZAnnouncement.optional(),
  /** tag / untag. */
  tag: ZUserTag.optional(),
  dryRun: z.literal(true),
});
export type TBatchDryRunBody = z.input<typeof ZBatchDryRunBody>;

export const ZBatchRunBody = z.strictObject({
  dryRunId: z.uuid(),
  confirmCount: z.number().int().min(0).max(2_000_000_000),
});
export type TBatchRunBody = z.infer<typeof ZBatchRunBody>;

const required = (ctx: z.RefinementCtx, path: string, message: string) =>
  ctx.addIssue({ code: 'custom', path: [path], message, params: { code: 'required' } });
const notAllowed = (ctx: z.RefinementCtx, path: string, message: string) =>
  ctx.addIssue({ code: 'custom', path: [path], message, params: { code: 'not_allowed' } });

/** The route's body: either step, with each action's own fields checked. */
export const ZBatchRequestBody = z
  .strictObject({
    ...ZBatchDryRunBody.partial().shape,
    ...ZBatchRunBody.partial().shape,
  })
  .superRefine((body, ctx) => {
    if (body.dryRunId !== undefined || body.confirmCount !== undefined) {
      if (body.dryRunId === undefined) required(ctx, 'dryRunId', 'The dry run to confirm');
      if (body.confirmCount === undefined) required(ctx, 'confirmCount', 'The count of the dry run');
      for (const key of [
        'action',
        'filter',
        'userIds',
        'reason',
        'until',
        'announcement',
        'tag',
        'dryRun',
      ] as const) {
        if (body[key] !== undefined) notAllowed(ctx, key, 'Only dryRunId and confirmCount confirm a dry run');
      }
      return;
    }
    if (body.action === undefined) return required(ctx, 'action', 'An action');
    if (body.dryRun !== true) required(ctx, 'dryRun', 'A batch starts with a dry run');
    if ((body.filter === undefined) === (body.userIds === undefined)) {
      ctx.addIssue({
        code: 'custom',
        path: ['filter'],
        message: 'Give either a filter or a list of ids',
        params: { code: 'one_of_filter_or_ids' },
      });
    }
    const action = body.action;
    if (action === 'suspend') {
      if (body.reason === undefined) required(ctx, 'reason', 'A suspension needs a reason');
    } else {
      if (body.reason !== undefined) notAllowed(ctx, 'reason', 'Only a suspension has a reason');
      if (body.until !== undefined) notAllowed(ctx, 'until', 'Only a suspension has an end');
    }
    if (action === 'announce') {
      if (body.announcement === undefined) required(ctx, 'announcement', 'The texts in French and English');
    } else if (body.announcement !== undefined) {
      notAllowed(ctx, 'announcement', 'Only an announcement has texts');
    }
    if (action === 'tag' || action === 'untag') {
      if (body.tag === undefined) required(ctx, 'tag', 'The tag');
    } else if (body.tag !== undefined) {
      notAllowed(ctx, 'tag', 'Only tag and untag take a tag');
    }
  });
export type TBatchRequestBody = z.input<typeof ZBatchRequestBody>;

/** A person of a batch, as a dry run shows them. */
export const ZBatchPerson = z.object({
  id: z.uuid(),
  firstName: ZString,
  lastName: ZString,
  email: ZString,
  role: ZAdminUserRole,
  /** Their status now. */
  status: ZAdminUserStatus,
});
export type TBatchPerson = z.infer<typeof ZBatchPerson>;

/** 201 to a dry run: exactly how many and who (the first 20; all of them at `/targets`). */
export const ZBatchDryRun = z.object({
  id: z.uuid(),
  count: z.number().int(),
  sample: z.array(ZBatchPerson),
  /** After this, confirming answers 409 BATCH_NOT_CONFIRMED: make a new dry run. */
  expiresAt: ZDateTime,
});
export type TBatchDryRun = z.infer<typeof ZBatchDryRun>;

/** What the batch was asked, for its page (texts of an announcement: subjects only). */
export const ZBatchParamsSummary = z.object({
  filter: ZUserFilter.nullable(),
  /** How many ids were given, when given by ids. */
  userIdCount: z.number().int().nullable(),
  reason: ZString.nullable(),
  until: ZDateTime.nullable(),
  tag: ZString.nullable(),
  subjects: z.object({ fr: ZString, en: ZString }).nullable(),
});
export type TBatchParamsSummary = z.infer<typeof ZBatchParamsSummary>;

/** A batch and its progress (`GET /api/admin/batches/{id}`, polled while it runs). */
export const ZBatch = z.object({
  id: z.uuid(),
  action: ZBatchAction,
  status: ZBatchStatus,
  /** People selected by the dry run. */
  count: z.number().int(),
  /** People done so far, skipped ones included. */
  processed: z.number().int(),
  /** People left as they were (already so, opted out, refused by a rule). */
  skipped: z.number().int(),
  undone: z.number().int(),
  createdBy: z.object({ id: z.uuid(), name: ZString }),
  createdAt: ZDateTime,
  confirmedAt: ZDateTime.nullable(),
  startedAt: ZDateTime.nullable(),
  finishedAt: ZDateTime.nullable(),
  /** Until when an undo is accepted: 24 hours after the end, for reversible actions; else null. */
  undoUntil: ZDateTime.nullable(),
  canUndo: z.boolean(),
  error: ZString.nullable(),
  params: ZBatchParamsSummary,
});
export type TBatch = z.infer<typeof ZBatch>;

export const ZBatchIdParams = z.object({ id: z.uuid() });

export const ZBatchListQuery = z.object({
  cursor: ZLine.max(300).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

export const ZBatchPage = z.object({ items: z.array(ZBatch), nextCursor: ZString.nullable() });
export type TBatchPage = z.infer<typeof ZBatchPage>;

export const batchTargetOutcomes = [
  'done',
  'already',
  'self',
  'last_admin',
  'not_found',
  'opted_out',
  'inactive',
] as const;
/** What happened to one person: done, or why they were skipped. */
export const ZBatchTargetOutcome = z.enum(batchTargetOutcomes);
export type TBatchTargetOutcome = z.infer<typeof ZBatchTargetOutcome>;

/** One person of a batch, in the dry run's order (`GET /api/admin/batches/{id}/targets`). */
export const ZBatchTarget = ZBatchPerson.extend({
  position: z.number().int(),
  outcome: ZBatchTargetOutcome.nullable(),
  doneAt: ZDateTime.nullable(),
  undoneAt: ZDateTime.nullable(),
});
export type TBatchTarget = z.infer<typeof ZBatchTarget>;

export const ZBatchTargetQuery = z.object({
  cursor: ZLine.max(300).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});

export const ZBatchTargetPage = z.object({ items: z.array(ZBatchTarget), nextCursor: ZString.nullable() });
export type TBatchTargetPage = z.infer<typeof ZBatchTargetPage>;

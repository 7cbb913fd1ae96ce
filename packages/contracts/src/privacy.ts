import { z } from 'zod';
import { ZLocale } from './locale';
import { ZDateTime, ZLine, ZString, ZText } from './primitives';

/**
 * Privacy and records (Québec's Law 25, PIPEDA, the CICC's duty to keep client files): the public policy,
 * consents, access and portability, deletion, retention with its destruction register, legal holds,
 * inspection exports, the confidentiality incident register and the notice of automated decisions.
 */

/** The versions of the documents a person agrees to. A new version asks everyone again at next sign-in. */
export const TERMS_VERSION = '2026-12-06';
export const PRIVACY_POLICY_VERSION = '2026-12-06';

/**
 * What a person can agree to. `terms` and `privacy_policy` are required to use the product; the others are
 * optional and off until given: emails that are not about the person's own file (announcements), featuring
 * their review as a testimonial, and counting their milestones, anonymised, in statistics.
 */
export const consentPurposes = [
  'terms',
  'privacy_policy',
  'optional_emails',
  'testimonials',
  'anonymised_statistics',
] as const;
export const ZConsentPurpose = z.enum(consentPurposes);
export type TConsentPurpose = z.infer<typeof ZConsentPurpose>;
export const requiredConsentPurposes = [
  'terms',
  'privacy_policy',
] as const satisfies readonly TConsentPurpose[];

/** Where a consent was given or withdrawn. */
export const ZConsentSource = z.enum(['sign_up', 'settings', 'prompt', 'review', 'preferences']);
export type TConsentSource = z.infer<typeof ZConsentSource>;

export const ZConsentRecord = z.object({
  purpose: ZConsentPurpose,
  granted: z.boolean(),
  /** The version of the document agreed to (the policy's version for the optional purposes). */
  version: ZString,
  source: ZConsentSource,
  createdAt: ZDateTime,
});
export type TConsentRecord = z.infer<typeof ZConsentRecord>;

/** One purpose as it stands now, with the version in force. */
export const ZConsentState = z.object({
  purpose: ZConsentPurpose,
  required: z.boolean(),
  granted: z.boolean(),
  /** The version last agreed to, or null if never. */
  version: ZString.nullable(),
  currentVersion: ZString,
  /** Given or withdrawn when (null if never asked). */
  updatedAt: ZDateTime.nullable(),
});
export type TConsentState = z.infer<typeof ZConsentState>;

/** `GET /api/me/consents`. */
export const ZMyConsents = z.object({
  consents: z.array(ZConsentState),
  /** The required purposes whose current version the person has not agreed to: asked at sign-in. */
  pending: z.array(ZConsentPurpose),
  /** Every consent given or withdrawn, newest first (at most 200). */
  history: z.array(ZConsentRecord),
});
export type TMyConsents = z.infer<typeof ZMyConsents>;

/** `POST /api/me/consents`: give or withdraw one or more; the versions are the current ones. */
export const ZConsentsBody = z.strictObject({
  changes: z
    .array(z.strictObject({ purpose: ZConsentPurpose, granted: z.boolean() }))
    .min(1)
    .max(consentPurposes.length),
  /** `prompt` when answering the sign-in question about a new version; `settings` otherwise. */
  source: z.enum(['settings', 'prompt']).default('settings'),
});
export type TConsentsBody = z.infer<typeof ZConsentsBody>;

/* ---------------------------------------------------------------- public policy */

export const retentionRuleIds = [
  'client_file',
  'personal_dossier',
  'deleted_account',
  'data_export',
  'expired_tokens',
  'ended_sessions',
  'rate_limits',
  'sent_emails',
  'read_notifications',
  'incident_register',
  'audit_log',
] as const;
export const ZRetentionRuleId = z.enum(retentionRuleIds);
export type TRetentionRuleId = z.infer<typeof ZRetentionRuleId>;

/** One retention rule: how long a kind of record is kept, from when, and on what authority. */
export const ZRetentionRule = z.object({
  id: ZRetentionRuleId,
  /** ISO 8601 duration (`P6Y`, `P30D`, `PT1H`). */
  period: ZString,
  /** What the period counts from (`closed_at`, `requested_at`, `expires_at`…). */
  startsFrom: ZString,
  /** Destroyed by the daily job, or kept and reviewed by hand (the incident register, the audit log). */
  destroyedAutomatically: z.boolean(),
  /** The rule, law or decision the period rests on. */
  source: ZString,
});
export type TRetentionRule = z.infer<typeof ZRetentionRule>;

/** `GET /api/privacy`: the public privacy page's facts; the web holds the prose in both languages. */
export const ZPrivacyInfo = z.object({
  officer: z.object({
    name: ZString,
    title: ZString,
    email: ZString,
    phone: ZString.nullable(),
    address: ZString.nullable(),
  }),
  policyVersion: ZString,
  termsVersion: ZString,
  /** Where the data is stored (a region, as configured). */
  dataLocation: ZString,
  retention: z.array(ZRetentionRule),
});
export type TPrivacyInfo = z.infer<typeof ZPrivacyInfo>;

/* ---------------------------------------------------------------- access and portability */

export const ZDataExportStatus = z.enum(['queued', 'building', 'ready', 'failed', 'expired']);
export type TDataExportStatus = z.infer<typeof ZDataExportStatus>;

export const ZDataExport = z.object({
  id: z.uuid(),
  status: ZDataExportStatus,
  requestedAt: ZDateTime,
  readyAt: ZDateTime.nullable(),
  /** The download link works until then (7 days after it is ready). */
  expiresAt: ZDateTime.nullable(),
  sizeBytes: z.number().int().nullable(),
  /** A signed link, present while `ready`: it works without a session until `expiresAt`. */
  downloadUrl: ZString.nullable(),
  downloadedAt: ZDateTime.nullable(),
});
export type TDataExport = z.infer<typeof ZDataExport>;

/** `GET /api/me/data-exports`: the person's requests, newest first. */
export const ZDataExportList = z.object({ items: z.array(ZDataExport) });

export const ZDataExportLinkQuery = z.strictObject({
  /** Seconds since the epoch, as digits (past 2038 too: not an int4). */
  expires: ZLine.regex(/^\d{1,12}$/).transform(Number),
  signature: ZLine.regex(/^[A-Za-z0-9_-]{20,100}$/),
});

/* ---------------------------------------------------------------- deletion */

/** A client file a firm keeps after the person leaves, and until when (its retention). */
export const ZKeptClientFile = z.object({
  dossierId: z.uuid(),
  firmName: ZString,
  programId: ZString,
  /** Null while the file is still open: the period starts when the firm closes it. */
  keptUntil: ZDateTime.nullable(),
  retentionYears: z.number().int(),
});

/** `GET /api/me/deletion`: what deleting the account does, shown before, and the pending request if any. */
export const ZDeletionPreview = z.object({
  /** What is erased or anonymised, by kind, with counts. */
  erased: z.array(z.object({ kind: ZString, count: z.number().int() })),
  /** Client files kept by firms for their retention period, then destroyed. */
  kept: z.array(ZKeptClientFile),
  /** Why the account cannot be deleted now (`LAST_ADMIN`, `OPEN_CLIENT_FILES`), or null. */
  blockedBy: z.enum(['LAST_ADMIN', 'OPEN_CLIENT_FILES']).nullable(),
  pending: z.object({ requestedAt: ZDateTime, dueAt: ZDateTime }).nullable(),
  graceDays: z.number().int(),
});
export type TDeletionPreview = z.infer<typeof ZDeletionPreview>;

/** `POST /api/me/deletion`: the person types their email to confirm. */
export const ZDeletionBody = z.strictObject({ confirmEmail: ZLine.trim().min(3).max(254) });

export const ZDeletionRequest = z.object({ requestedAt: ZDateTime, dueAt: ZDateTime });
export type TDeletionRequest = z.infer<typeof ZDeletionRequest>;

/* ---------------------------------------------------------------- retention and destruction */

export const ZRetentionRuleStatus = ZRetentionRule.extend({
  /** Records due for destruction now (the daily job takes them at its next run); null where not counted. */
  due: z.number().int().nullable(),
  /** Client files under a legal hold (only for `client_file`). */
  held: z.number().int().nullable(),
});

/** `GET /api/admin/retention`. */
export const ZRetentionOverview = z.object({
  rules: z.array(ZRetentionRuleStatus),
  lastRunAt: ZDateTime.nullable(),
});
export type TRetentionOverview = z.infer<typeof ZRetentionOverview>;

/** One line of the destruction register. */
export const ZDestruction = z.object({
  id: z.uuid(),
  rule: ZRetentionRuleId,
  /** What was destroyed: `dossier`, `user`, `data_export`, `rate_limits`… */
  recordType: ZString,
  /** The record's id, or null for rows destroyed in bulk (counted). */
  recordId: ZString.nullable(),
  count: z.number().int(),
  /** Files removed from the store with it. */
  files: z.number().int(),
  /** A short description (a dossier's program and firm; never a person's name). */
  detail: z.record(ZString, z.unknown()),
  destroyedAt: ZDateTime,
});
export type TDestruction = z.infer<typeof ZDestruction>;

export const ZDestructionsQuery = z.strictObject({
  rule: ZRetentionRuleId.optional(),
  cursor: ZLine.max(300).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});
export const ZDestructionsPage = z.object({ items: z.array(ZDestruction), nextCursor: ZString.nullable() });
export type TDestructionsPage = z.infer<typeof ZDestructionsPage>;

/** `POST /api/dossiers/{id}/legal-hold`: place (`hold: true`, with the reason) or lift it. */
export const ZLegalHoldBody = z.discriminatedUnion('hold', [
  z.strictObject({ hold: z.literal(true), reason: ZText.trim().min(10).max(1000) }),
  z.strictObject({ hold: z.literal(false) }),
]);
export type TLegalHoldBody = z.infer<typeof ZLegalHoldBody>;

export const ZLegalHold = z.object({
  dossierId: z.uuid(),
  held: z.boolean(),
  reason: ZString.nullable(),
  since: ZDateTime.nullable(),
});
export type TLegalHold = z.infer<typeof ZLegalHold>;

/* ---------------------------------------------------------------- inspection export */

/** `POST /api/dossiers/{id}/inspection-export`: the whole file, or what happened in a date range. */
export const ZInspectionExportBody = z
  .strictObject({
    from: ZDateTime.optional(),
    to: ZDateTime.optional(),
    /** The language of the index (PDF and JSON labels). */
    locale: ZLocale.default('fr'),
  })
  .refine((body) => !body.from || !body.to || body.from < body.to, {
    message: '`from` must be before `to`',
    path: ['to'],
  });
export type TInspectionExportBody = z.infer<typeof ZInspectionExportBody>;

/* ---------------------------------------------------------------- incidents */

/** Law 25 s. 3.6: loss of, or access, use or disclosure not authorised by law of, personal information. */
export const ZIncidentKind = z.enum([
  'unauthorised_access',
  'unauthorised_use',
  'unauthorised_disclosure',
  'loss',
  'other',
]);
export const ZIncidentRisk = z.enum(['not_assessed', 'low', 'serious']);
export const ZIncidentStatus = z.enum(['open', 'closed']);

export const ZIncidentEntryKind = z.enum([
  'note',
  'assessment',
  'measure',
  'people_notified',
  'cai_notified',
  'opc_notified',
  'closed',
  'reopened',
]);
export type TIncidentEntryKind = z.infer<typeof ZIncidentEntryKind>;

export const ZIncidentEntry = z.object({
  id: z.uuid(),
  kind: ZIncidentEntryKind,
  note: ZString,
  /** When what the entry records happened (a notification sent, a measure taken). */
  occurredAt: ZDateTime,
  author: z.object({ id: z.uuid(), name: ZString }).nullable(),
  createdAt: ZDateTime,
});

export const ZIncident = z.object({
  id: z.uuid(),
  title: ZString,
  kind: ZIncidentKind,
  description: ZString,
  occurredAt: ZDateTime.nullable(),
  discoveredAt: ZDateTime,
  /** Who is affected: a description and a count (estimated if unknown). */
  affectedDescription: ZString,
  affectedCount: z.number().int().nullable(),
  /** The kinds of information concerned (identity documents, contact details…). */
  dataConcerned: ZString,
  risk: ZIncidentRisk,
  riskAssessment: ZString.nullable(),
  measures: ZString.nullable(),
  status: ZIncidentStatus,
  peopleNotifiedAt: ZDateTime.nullable(),
  caiNotifiedAt: ZDateTime.nullable(),
  opcNotifiedAt: ZDateTime.nullable(),
  lastEntryAt: ZDateTime,
  /** Kept at least until then: 5 years after discovery (Québec) and 24 months after the last entry (PIPEDA). */
  keepUntil: ZDateTime,
  createdAt: ZDateTime,
  entries: z.array(ZIncidentEntry),
});
export type TIncident = z.infer<typeof ZIncident>;

export const ZIncidentBody = z.strictObject({
  title: ZLine.trim().min(3).max(200),
  kind: ZIncidentKind,
  description: ZText.trim().min(10).max(10_000),
  occurredAt: ZDateTime.nullable().optional(),
  discoveredAt: ZDateTime,
  affectedDescription: ZText.trim().min(3).max(2000),
  affectedCount: z.number().int().min(0).max(100_000_000).nullable().optional(),
  dataConcerned: ZText.trim().min(3).max(2000),
  risk: ZIncidentRisk.default('not_assessed'),
  riskAssessment: ZText.trim().max(10_000).nullable().optional(),
  measures: ZText.trim().max(10_000).nullable().optional(),
});
export type TIncidentBody = z.infer<typeof ZIncidentBody>;

/**
 * `PATCH /api/admin/incidents/{id}`: the assessment and facts change as they become known. `risk` loses its
 * default here: a change that leaves it out keeps the risk assessed.
 */
export const ZIncidentUpdateBody = ZIncidentBody.extend({ risk: ZIncidentRisk }).partial();
export type TIncidentUpdateBody = z.infer<typeof ZIncidentUpdateBody>;

/** `POST /api/admin/incidents/{id}/entries`: a dated entry (a notification sent sets its date on the incident). */
export const ZIncidentEntryBody = z.strictObject({
  kind: ZIncidentEntryKind,
  note: ZText.trim().min(3).max(10_000),
  occurredAt: ZDateTime.optional(),
});
export type TIncidentEntryBody = z.infer<typeof ZIncidentEntryBody>;

export const ZIncidentsQuery = z.strictObject({
  status: ZIncidentStatus.optional(),
  cursor: ZLine.max(300).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});
export const ZIncidentsPage = z.object({
  items: z.array(ZIncident.omit({ entries: true })),
  nextCursor: ZString.nullable(),
});

/* ---------------------------------------------------------------- automated decisions */

/** The features that decide about a person by automation alone. */
export const ZAutomatedDecisionKind = z.enum(['moderation_hold', 'trust_level']);
export type TAutomatedDecisionKind = z.infer<typeof ZAutomatedDecisionKind>;

/**
 * A main factor of a decision, as a code the web explains in both languages (`watched_word`,
 * `scam_signal`, `new_member_link`, `first_posts`, `account_age`, `approved_texts`, `upheld_flags`…), with
 * what makes it concrete (the signal's kind, a count).
 */
export const ZDecisionFactor = z.object({
  code: ZString,
  params: z.record(ZString, z.union([ZString, z.number(), z.boolean()])).default({}),
});
export type TDecisionFactor = z.infer<typeof ZDecisionFactor>;

export const ZReviewState = z.enum(['none', 'requested', 'upheld', 'reversed']);

export const ZAutomatedDecision = z.object({
  id: z.uuid(),
  kind: ZAutomatedDecisionKind,
  /** What it is about: a post, a comment, the member's trust level. */
  subjectType: ZString,
  subjectId: z.uuid().nullable(),
  /** `held`, or a trust level (`0`, `1`, `2`). */
  outcome: ZString,
  factors: z.array(ZDecisionFactor),
  createdAt: ZDateTime,
  review: ZReviewState,
  reviewRequestedAt: ZDateTime.nullable(),
  reviewNote: ZString.nullable(),
  reviewedAt: ZDateTime.nullable(),
});
export type TAutomatedDecision = z.infer<typeof ZAutomatedDecision>;

export const ZAutomatedDecisionsPage = z.object({
  items: z.array(ZAutomatedDecision),
  nextCursor: ZString.nullable(),
});

/** `POST /api/me/automated-decisions/{id}/review`: ask a person to look at it again. */
export const ZReviewRequestBody = z.strictObject({ message: ZText.trim().min(3).max(2000) });

/** An admin's answer to a review request. */
export const ZReviewAnswerBody = z.strictObject({
  outcome: z.enum(['upheld', 'reversed']),
  note: ZText.trim().min(3).max(2000),
});

export const ZReviewRequest = ZAutomatedDecision.extend({
  person: z.object({ id: z.uuid(), name: ZString, email: ZString }),
  message: ZString.nullable(),
});
export const ZReviewRequestsPage = z.object({
  items: z.array(ZReviewRequest),
  nextCursor: ZString.nullable(),
});

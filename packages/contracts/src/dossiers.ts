import { z } from 'zod';
import type { TLocale } from './locale';
import { ZDate, ZDateTime, ZLine, ZString, ZText } from './primitives';
import { ZProStanding } from './pro-standing';

/** Text in both languages: the web shows the reader's. */
export const ZLocalized = z.object({ fr: ZString, en: ZString });
export type TLocalized = z.infer<typeof ZLocalized>;

export const memberRoles = ['principal', 'spouse', 'dependant', 'sponsor'] as const;
export const ZMemberRole = z.enum(memberRoles);
export type TMemberRole = z.infer<typeof ZMemberRole>;

/** Whom a checklist item concerns: one member, or each member of a kind. */
export const itemConcerns = ['principal', 'spouse', 'each_dependant', 'sponsor', 'each_adult'] as const;
export const ZItemConcerns = z.enum(itemConcerns);
export type TItemConcerns = z.infer<typeof ZItemConcerns>;

/**
 * How a document's expiry date is found: `valid_for` N months from the issue (or test) date,
 * `recent` — expected within N months of issue, `own_date` — the document states it (a passport).
 */
export const ZExpiryRule = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('valid_for'), months: z.number().int().positive() }),
  z.object({ kind: z.literal('recent'), months: z.number().int().positive() }),
  z.object({ kind: z.literal('own_date') }),
]);
export type TExpiryRule = z.infer<typeof ZExpiryRule>;

export const ZChecklistItem = z.object({
  id: ZString,
  documentType: ZString,
  required: z.boolean(),
  concerns: ZItemConcerns,
  label: ZLocalized,
  help: ZLocalized,
  expiryRule: ZExpiryRule.nullable(),
});
export type TChecklistItem = z.infer<typeof ZChecklistItem>;

export const ZProgram = z.object({
  id: ZString,
  name: ZLocalized,
  description: ZLocalized,
  items: z.array(ZChecklistItem),
});
export type TProgram = z.infer<typeof ZProgram>;

export const dossierStatuses = [
  'draft',
  'preparing',
  'submitted',
  'processing',
  'approved',
  'refused',
  'closed',
] as const;
export const ZDossierStatus = z.enum(dossierStatuses);
export type TDossierStatus = z.infer<typeof ZDossierStatus>;

export const milestoneKinds = [
  'profile_submitted',
  'invitation_to_apply',
  'application_submitted',
  'acknowledgement_of_receipt',
  'biometrics_requested',
  'biometrics_done',
  'medical_requested',
  'medical_passed',
  'additional_documents_requested',
  'passport_request',
  'decision',
  'landing',
  'other',
] as const;
export const ZMilestoneKind = z.enum(milestoneKinds);
export type TMilestoneKind = z.infer<typeof ZMilestoneKind>;

/**
 * The milestone kinds in both languages, for what the API writes itself (emails, the inspection export's
 * index); the web app has the same words in its locale files (`dossiers.timeline.kinds`).
 */
export const milestoneKindLabels: Record<TLocale, Record<TMilestoneKind, string>> = {
  fr: {
    profile_submitted: 'Profil Entrée express soumis',
    invitation_to_apply: 'Invitation à présenter une demande',
    application_submitted: 'Demande soumise',
    acknowledgement_of_receipt: 'Accusé de réception',
    biometrics_requested: 'Biométrie demandée',
    biometrics_done: 'Biométrie faite',
    medical_requested: 'Examen médical demandé',
    medical_passed: 'Examen médical réussi',
    additional_documents_requested: 'Documents supplémentaires demandés',
    passport_request: 'Demande de passeport',
    decision: 'Décision',
    landing: 'Arrivée au Canada',
    other: 'Autre étape',
  },
  en: {
    profile_submitted: 'Express Entry profile submitted',
    invitation_to_apply: 'Invitation to apply',
    application_submitted: 'Application submitted',
    acknowledgement_of_receipt: 'Acknowledgement of receipt',
    biometrics_requested: 'Biometrics requested',
    biometrics_done: 'Biometrics done',
    medical_requested: 'Medical exam requested',
    medical_passed: 'Medical exam passed',
    additional_documents_requested: 'Additional documents requested',
    passport_request: 'Passport request',
    decision: 'Decision',
    landing: 'Landing in Canada',
    other: 'Other milestone',
  },
};

export const ZMember = z.object({
  id: z.uuid(),
  role: ZMemberRole,
  fullName: ZString,
  dateOfBirth: ZDate.nullable(),
});
export type TMember = z.infer<typeof ZMember>;

export const ZMemberBody = z.strictObject({
  role: ZMemberRole.exclude(['principal']),
  fullName: ZLine.trim().min(1).max(200),
  dateOfBirth: ZDate.nullable().optional(),
});
export const ZMemberPatch = z.strictObject({
  fullName: ZLine.trim().min(1).max(200).optional(),
  dateOfBirth: ZDate.nullable().optional(),
});

export const ZMilestone = z.object({
  id: z.uuid(),
  kind: ZMilestoneKind,
  label: ZString.nullable(),
  date: ZDate.nullable(),
  done: z.boolean(),
  note: ZString.nullable(),
});
export type TMilestone = z.infer<typeof ZMilestone>;

export const ZMilestoneBody = z.strictObject({
  kind: ZMilestoneKind,
  /** Required for `other`. */
  label: ZLine.trim().min(1).max(200).nullable().optional(),
  date: ZDate.nullable().optional(),
  done: z.boolean().default(false),
  note: ZText.trim().max(2000).nullable().optional(),
});
/** Only the fields sent change: `done` has no default here, or editing a label would reopen a milestone. */
export const ZMilestonePatch = ZMilestoneBody.extend({ done: z.boolean() }).partial();

export const ZPerson = z.object({ id: z.uuid(), firstName: ZString, lastName: ZString });
export const ZProSummary = ZPerson.extend({
  organisation: z.object({ id: z.uuid(), name: ZString }).nullable(),
  licenceNumber: ZString.nullable(),
  /** `grace`: the licence renewal date passed; both sides see a banner until the pro is re-checked. */
  standing: ZProStanding,
  /** An agent of the firm (no licence of their own) works under this licensee; null for a licensee. */
  supervisor: z.object({ id: z.uuid(), firstName: ZString, lastName: ZString }).nullable(),
});
export type TProSummary = z.infer<typeof ZProSummary>;

export const documentStatuses = ['pending', 'approved', 'rejected', 'withdrawn'] as const;
export const ZDocumentStatus = z.enum(documentStatuses);
export type TDocumentStatus = z.infer<typeof ZDocumentStatus>;

export const ZDocument = z.object({
  id: z.uuid(),
  dossierId: z.uuid(),
  itemId: ZString.nullable(),
  memberId: z.uuid(),
  version: z.number().int(),
  status: ZDocumentStatus,
  rejectionReason: ZString.nullable(),
  originalName: ZString,
  contentType: ZString,
  sizeBytes: z.number().int(),
  sha256: ZString,
  issueDate: ZDate.nullable(),
  expiryDate: ZDate.nullable(),
  uploadedAt: ZDateTime,
  reviewedAt: ZDateTime.nullable(),
});
export type TDocument = z.infer<typeof ZDocument>;

export const ZDocumentPatch = z.strictObject({
  issueDate: ZDate.nullable().optional(),
  /** Set by hand; null goes back to the date computed from the item's rule. */
  expiryDate: ZDate.nullable().optional(),
});

export const ZReviewBody = z.discriminatedUnion('decision', [
  z.strictObject({ decision: z.literal('approve') }),
  z.strictObject({ decision: z.literal('reject'), reason: ZText.trim().min(3).max(1000) }),
]);

/** One line of the checklist: an item for a member, with its current document and older versions. */
export const ZChecklistEntry = z.object({
  itemId: ZString,
  memberId: z.uuid(),
  state: z.enum(['missing', 'pending', 'approved', 'rejected']),
  current: ZDocument.nullable(),
  previousVersions: z.array(ZDocument),
});
export type TChecklistEntry = z.infer<typeof ZChecklistEntry>;

export const ZProgress = z.object({
  approved: z.number().int(),
  required: z.number().int(),
  /** 0–100, rounded down. */
  percent: z.number().int(),
  members: z.array(z.object({ memberId: z.uuid(), approved: z.number().int(), required: z.number().int() })),
});
export type TProgress = z.infer<typeof ZProgress>;

export const nextActionKinds = [
  'replace_rejected',
  'upload_missing',
  'renew_expiring',
  'upcoming_milestone',
  'review_document',
] as const;
export const ZNextAction = z.object({
  kind: z.enum(nextActionKinds),
  dossierId: z.uuid(),
  itemId: ZString.nullable(),
  memberId: z.uuid().nullable(),
  documentId: z.uuid().nullable(),
  milestoneId: z.uuid().nullable(),
  /** The date that makes it urgent: expiry, milestone date or upload date. */
  date: ZString.nullable(),
});
export type TNextAction = z.infer<typeof ZNextAction>;

export const ZAssignmentRequest = z.object({
  id: z.uuid(),
  status: z.enum(['pending', 'accepted', 'declined', 'cancelled']),
  pro: ZProSummary,
  message: ZString.nullable(),
  createdAt: ZDateTime,
});

export const ZDossierSummary = z.object({
  id: z.uuid(),
  programId: ZString,
  status: ZDossierStatus,
  fileNumber: ZString.nullable(),
  owner: ZPerson,
  agent: ZProSummary.nullable(),
  progress: ZProgress,
  toReview: z.number().int(),
  expiringSoon: z.number().int(),
  updatedAt: ZDateTime,
  createdAt: ZDateTime,
});
export type TDossierSummary = z.infer<typeof ZDossierSummary>;

export const ZDossier = ZDossierSummary.extend({
  members: z.array(ZMember),
  milestones: z.array(ZMilestone),
  checklist: z.array(ZChecklistEntry),
  /** Documents not tied to a checklist item, latest first. */
  otherDocuments: z.array(ZDocument),
  pendingRequest: ZAssignmentRequest.nullable(),
  nextAction: ZNextAction.nullable(),
  /** What the viewer may do. */
  viewerRole: z.enum(['owner', 'pro']),
  /**
   * The firm's legal hold, which suspends the file's destruction at the end of its retention: shown to
   * the pro only (null for the candidate).
   */
  legalHold: z
    .object({ held: z.boolean(), reason: ZString.nullable(), since: ZDateTime.nullable() })
    .nullable(),
});
export type TDossier = z.infer<typeof ZDossier>;

export const ZCreateDossierBody = z.strictObject({
  programId: ZLine.min(1).max(80),
  principalDateOfBirth: ZDate.nullable().optional(),
});

export const ZDossierPatch = z.strictObject({
  status: ZDossierStatus.optional(),
  fileNumber: ZLine.trim().max(40).nullable().optional(),
});

export const ZDossierListQuery = z.object({
  cursor: ZLine.max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  status: ZDossierStatus.optional(),
  programId: ZLine.max(80).optional(),
});
export const ZDossierPage = z.object({ items: z.array(ZDossierSummary), nextCursor: ZString.nullable() });

export const ZAssignmentBody = z.strictObject({
  proId: z.uuid(),
  message: ZText.trim().max(1000).nullable().optional(),
});
export const ZAssignmentDecision = z.discriminatedUnion('decision', [
  z.strictObject({ decision: z.literal('accept') }),
  z.strictObject({
    decision: z.literal('decline'),
    reason: ZText.trim().max(1000).nullable().optional(),
  }),
]);

export const ZInvitationBody = z.strictObject({
  email: ZLine.trim().toLowerCase().pipe(z.email().max(254)),
  programId: ZLine.min(1).max(80),
  message: ZText.trim().max(1000).nullable().optional(),
});
export const ZInvitation = z.object({
  id: z.uuid(),
  programId: ZString,
  pro: ZProSummary,
  message: ZString.nullable(),
  createdAt: ZDateTime,
});

export const ZNote = z.object({
  id: z.uuid(),
  author: ZPerson,
  body: ZString,
  createdAt: ZDateTime,
});
export const ZNoteBody = z.strictObject({ body: ZText.trim().min(1).max(5000) });

export const ZProListQuery = z.object({
  q: ZLine.trim().max(100).optional(),
  cursor: ZLine.max(300).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
export const ZProPage = z.object({ items: z.array(ZProSummary), nextCursor: ZString.nullable() });

/** What a pro sees of a request before accepting it: never the dossier's documents. */
export const ZIncomingRequest = z.object({
  id: z.uuid(),
  dossierId: z.uuid(),
  programId: ZString,
  candidate: ZPerson,
  message: ZString.nullable(),
  createdAt: ZDateTime,
});

export const ZDashboard = z.object({
  role: z.enum(['candidate', 'pro', 'admin']),
  dossiers: z.array(ZDossierSummary),
  nextActions: z.array(ZNextAction),
  incomingRequests: z.array(ZIncomingRequest),
  invitations: z.array(ZInvitation),
  upcomingMilestones: z.array(ZMilestone.extend({ dossierId: z.uuid() })),
  /** The next webinar the user holds a seat in. */
  nextWebinar: z
    .object({
      id: z.uuid(),
      title: ZString,
      startsAt: ZDateTime,
      endsAt: ZDateTime,
      timeZone: ZString,
    })
    .nullable(),
  recentNotifications: z.array(
    z.object({
      id: z.uuid(),
      type: ZString,
      params: z.record(ZString, z.union([ZString, z.number(), z.null()])),
      link: ZString.nullable(),
      readAt: ZDateTime.nullable(),
      createdAt: ZDateTime,
    }),
  ),
});
export type TDashboard = z.infer<typeof ZDashboard>;

export const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;
export const allowedUploadTypes = [
  'application/pdf',
  'image/jpeg',
  'image/png',
  'image/heic',
  'image/webp',
] as const;

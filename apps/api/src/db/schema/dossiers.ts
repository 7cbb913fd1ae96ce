import type { TExpiryRule, TLocalized } from '@capitune/contracts';
import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  date,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { organisations } from './organisations';
import { citext, users } from './users';

/** Reference data, upserted at start from `db/seed/catalogue.ts`. */
export const programs = pgTable('programs', {
  id: text().primaryKey(),
  name: jsonb().$type<TLocalized>().notNull(),
  description: jsonb().$type<TLocalized>().notNull(),
  sortOrder: integer().notNull(),
  active: boolean().notNull().default(true),
});

export const itemConcerns = pgEnum('item_concerns', [
  'principal',
  'spouse',
  'each_dependant',
  'sponsor',
  'each_adult',
]);

export const checklistItems = pgTable(
  'checklist_items',
  {
    /** `<program>.<document type>`: stable, so documents keep pointing at their item. */
    id: text().primaryKey(),
    programId: text()
      .notNull()
      .references(() => programs.id),
    documentType: text().notNull(),
    required: boolean().notNull(),
    concerns: itemConcerns().notNull(),
    label: jsonb().$type<TLocalized>().notNull(),
    help: jsonb().$type<TLocalized>().notNull(),
    expiryRule: jsonb().$type<TExpiryRule>(),
    sortOrder: integer().notNull(),
    active: boolean().notNull().default(true),
  },
  (table) => [index().on(table.programId, table.sortOrder)],
);

export const dossierStatus = pgEnum('dossier_status', [
  'draft',
  'preparing',
  'submitted',
  'processing',
  'approved',
  'refused',
  'closed',
]);

export const dossiers = pgTable(
  'dossiers',
  {
    id: uuid().primaryKey().default(sql`gen_random_uuid()`),
    ownerId: uuid()
      .notNull()
      .references(() => users.id),
    programId: text()
      .notNull()
      .references(() => programs.id),
    status: dossierStatus().notNull().default('draft'),
    /** The assigned firm; every pro of it sees the dossier. */
    organisationId: uuid().references(() => organisations.id),
    /** The assigned pro, the candidate's contact in that firm. */
    agentId: uuid().references(() => users.id),
    /** Since when `agentId` follows the dossier: a candidate reviews a pro after 30 days of it. */
    agentSince: timestamp({ withTimezone: true }),
    /** IRCC application number or MIFI file number. */
    fileNumber: text(),
    /** When the dossier was last closed: a client file's retention period counts from it. */
    closedAt: timestamp({ withTimezone: true }),
    /** A legal hold suspends the file's destruction (litigation, an inspection, a complaint) until lifted. */
    legalHoldAt: timestamp({ withTimezone: true }),
    legalHoldReason: text(),
    legalHoldBy: uuid(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    index('dossiers_owner_idx').on(
      table.ownerId,
      table.updatedAt.desc().nullsFirst(),
      table.id.desc().nullsFirst(),
    ),
    index('dossiers_organisation_idx').on(
      table.organisationId,
      table.updatedAt.desc().nullsFirst(),
      table.id.desc().nullsFirst(),
    ),
    // The retention job's closed client files, oldest closure first.
    index('dossiers_closed_idx').on(table.closedAt).where(sql`${table.closedAt} is not null`),
  ],
);

export const memberRole = pgEnum('member_role', ['principal', 'spouse', 'dependant', 'sponsor']);

export const dossierMembers = pgTable(
  'dossier_members',
  {
    id: uuid().primaryKey().default(sql`gen_random_uuid()`),
    dossierId: uuid()
      .notNull()
      .references(() => dossiers.id, { onDelete: 'cascade' }),
    role: memberRole().notNull(),
    fullName: text().notNull(),
    dateOfBirth: date({ mode: 'string' }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    index().on(table.dossierId),
    // One principal applicant, one spouse and one sponsor at most per dossier.
    uniqueIndex('dossier_members_single_role_idx')
      .on(table.dossierId, table.role)
      .where(sql`${table.role} in ('principal', 'spouse', 'sponsor')`),
  ],
);

export const milestoneKind = pgEnum('milestone_kind', [
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
]);

export const milestones = pgTable(
  'milestones',
  {
    id: uuid().primaryKey().default(sql`gen_random_uuid()`),
    dossierId: uuid()
      .notNull()
      .references(() => dossiers.id, { onDelete: 'cascade' }),
    kind: milestoneKind().notNull(),
    label: text(),
    date: date({ mode: 'string' }),
    done: boolean().notNull().default(false),
    note: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index().on(table.dossierId, table.date)],
);

export const assignmentStatus = pgEnum('assignment_status', ['pending', 'accepted', 'declined', 'cancelled']);

/** A candidate asking a pro to take their dossier; the pro accepts or declines. */
export const assignmentRequests = pgTable(
  'assignment_requests',
  {
    id: uuid().primaryKey().default(sql`gen_random_uuid()`),
    dossierId: uuid()
      .notNull()
      .references(() => dossiers.id, { onDelete: 'cascade' }),
    proId: uuid()
      .notNull()
      .references(() => users.id),
    organisationId: uuid()
      .notNull()
      .references(() => organisations.id),
    status: assignmentStatus().notNull().default('pending'),
    message: text(),
    decisionReason: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    decidedAt: timestamp({ withTimezone: true }),
  },
  (table) => [
    // At most one pending request per dossier.
    uniqueIndex('assignment_requests_pending_idx')
      .on(table.dossierId)
      .where(sql`${table.status} = 'pending'`),
    index('assignment_requests_pro_idx').on(table.proId, table.status),
  ],
);

/** A pro inviting a client, by email, to open a dossier with them. */
export const dossierInvitations = pgTable(
  'dossier_invitations',
  {
    id: uuid().primaryKey().default(sql`gen_random_uuid()`),
    email: citext().notNull(),
    programId: text()
      .notNull()
      .references(() => programs.id),
    proId: uuid()
      .notNull()
      .references(() => users.id),
    organisationId: uuid()
      .notNull()
      .references(() => organisations.id),
    message: text(),
    status: assignmentStatus().notNull().default('pending'),
    dossierId: uuid().references(() => dossiers.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    decidedAt: timestamp({ withTimezone: true }),
  },
  (table) => [index().on(table.email, table.status)],
);

export const documentStatus = pgEnum('document_status', ['pending', 'approved', 'rejected', 'withdrawn']);

export const documents = pgTable(
  'documents',
  {
    id: uuid().primaryKey().default(sql`gen_random_uuid()`),
    dossierId: uuid()
      .notNull()
      .references(() => dossiers.id, { onDelete: 'cascade' }),
    /** Null for a document outside the checklist. */
    itemId: text().references(() => checklistItems.id),
    memberId: uuid()
      .notNull()
      .references(() => dossierMembers.id),
    version: integer().notNull(),
    status: documentStatus().notNull().default('pending'),
    rejectionReason: text(),
    /** Key of the file in the blob store; null once a withdrawn document's file is erased. */
    blobKey: text(),
    originalName: text().notNull(),
    contentType: text().notNull(),
    sizeBytes: bigint({ mode: 'number' }).notNull(),
    sha256: text().notNull(),
    issueDate: date({ mode: 'string' }),
    expiryDate: date({ mode: 'string' }),
    /** True when a person typed the expiry date; false when it comes from the item's rule. */
    expiryDateManual: boolean().notNull().default(false),
    uploadedBy: uuid()
      .notNull()
      .references(() => users.id),
    reviewedBy: uuid().references(() => users.id),
    reviewedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex('documents_version_idx').on(table.dossierId, table.itemId, table.memberId, table.version),
    index('documents_dossier_idx').on(table.dossierId, table.createdAt),
    // A person's own uploads: their data export and the erasure of their account.
    index('documents_uploaded_by_idx').on(table.uploadedBy),
    // Documents waiting for review, oldest first.
    index('documents_pending_idx').on(table.createdAt).where(sql`${table.status} = 'pending'`),
    index('documents_expiry_idx')
      .on(table.expiryDate)
      .where(sql`${table.status} in ('pending', 'approved') and ${table.expiryDate} is not null`),
  ],
);

/**
 * Files being uploaded. A row is written before the first byte reaches the store and removed in the
 * transaction that records the document: a row left behind (a cut-off upload, a killed process) names a
 * file to delete, so no file outlives an upload that did not finish.
 */
export const pendingUploads = pgTable('pending_uploads', {
  blobKey: text().primaryKey(),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

/** Expiry warnings already sent, once per document and threshold (30 and 7 days). */
export const expiryNotices = pgTable(
  'expiry_notices',
  {
    documentId: uuid()
      .notNull()
      .references(() => documents.id, { onDelete: 'cascade' }),
    thresholdDays: integer().notNull(),
    sentAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [primaryKey({ columns: [table.documentId, table.thresholdDays] })],
);

/** A firm's internal notes on a dossier; the candidate never sees them. */
export const dossierNotes = pgTable(
  'dossier_notes',
  {
    id: uuid().primaryKey().default(sql`gen_random_uuid()`),
    dossierId: uuid()
      .notNull()
      .references(() => dossiers.id, { onDelete: 'cascade' }),
    organisationId: uuid()
      .notNull()
      .references(() => organisations.id),
    authorId: uuid()
      .notNull()
      .references(() => users.id),
    body: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index().on(table.dossierId, table.organisationId, table.createdAt)],
);

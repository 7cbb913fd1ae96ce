import type { TDecisionFactor } from '@capitune/contracts';
import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { users } from './users';

export const consentPurpose = pgEnum('consent_purpose', [
  'terms',
  'privacy_policy',
  'optional_emails',
  'testimonials',
  'anonymised_statistics',
]);

/**
 * Every consent given or withdrawn, never updated: what stands now is a purpose's latest row. Kept after
 * the account is deleted (the row is the proof of what was agreed, to which version, when).
 */
export const consents = pgTable(
  'consents',
  {
    id: uuid().primaryKey().default(sql`gen_random_uuid()`),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    purpose: consentPurpose().notNull(),
    granted: boolean().notNull(),
    /** The version of the terms or the policy in force when it was given or withdrawn. */
    version: text().notNull(),
    /** sign_up, settings, prompt (a new version asked at sign-in), review, preferences. */
    source: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    index('consents_user_idx').on(table.userId, table.purpose, table.createdAt.desc().nullsFirst()),
  ],
);

export const dataExportStatus = pgEnum('data_export_status', [
  'queued',
  'building',
  'ready',
  'failed',
  'expired',
]);

/** A person's request for their data: a ZIP built by a job, kept 7 days in the file store. */
export const dataExports = pgTable(
  'data_exports',
  {
    id: uuid().primaryKey().default(sql`gen_random_uuid()`),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    status: dataExportStatus().notNull().default('queued'),
    blobKey: text(),
    sizeBytes: bigint({ mode: 'number' }),
    requestedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    readyAt: timestamp({ withTimezone: true }),
    /** The signed link works until then; the retention job removes the file after it. */
    expiresAt: timestamp({ withTimezone: true }),
    downloadedAt: timestamp({ withTimezone: true }),
    downloadCount: integer().notNull().default(0),
    error: text(),
  },
  (table) => [
    index('data_exports_user_idx').on(table.userId, table.requestedAt.desc().nullsFirst()),
    index('data_exports_expiry_idx').on(table.expiresAt).where(sql`${table.status} = 'ready'`),
  ],
);

/**
 * A request to delete an account: done by the retention job at `due_at` (30 days of grace) unless
 * cancelled, by the person or by their signing in. One waiting request per person.
 */
export const accountDeletions = pgTable(
  'account_deletions',
  {
    id: uuid().primaryKey().default(sql`gen_random_uuid()`),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    requestedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    dueAt: timestamp({ withTimezone: true }).notNull(),
    cancelledAt: timestamp({ withTimezone: true }),
    /** `request` (the person cancelled) or `sign_in` (signing in during the grace cancelled it). */
    cancelledBy: text(),
    completedAt: timestamp({ withTimezone: true }),
    /** What was shown as kept by firms when it was asked (dossier ids, firms, retention). */
    kept: jsonb().$type<unknown[]>().notNull().default([]),
  },
  (table) => [
    uniqueIndex('account_deletions_waiting_idx')
      .on(table.userId)
      .where(sql`${table.cancelledAt} is null and ${table.completedAt} is null`),
    index('account_deletions_due_idx')
      .on(table.dueAt)
      .where(sql`${table.cancelledAt} is null and ${table.completedAt} is null`),
  ],
);

/**
 * The destruction register: what the retention job destroyed, when and under which rule. Individual
 * records (a dossier, an account, an export) have a line each; short-lived rows (rate limits, expired
 * tokens) a counted line per run. It never names a person.
 */
export const destructions = pgTable(
  'destructions',
  {
    id: uuid().primaryKey().default(sql`gen_random_uuid()`),
    rule: text().notNull(),
    recordType: text().notNull(),
    recordId: text(),
    count: integer().notNull().default(1),
    files: integer().notNull().default(0),
    detail: jsonb().$type<Record<string, unknown>>().notNull().default({}),
    destroyedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    index('destructions_destroyed_idx').on(
      table.destroyedAt.desc().nullsFirst(),
      table.id.desc().nullsFirst(),
    ),
    index('destructions_rule_idx').on(
      table.rule,
      table.destroyedAt.desc().nullsFirst(),
      table.id.desc().nullsFirst(),
    ),
  ],
);

export const incidentKind = pgEnum('incident_kind', [
  'unauthorised_access',
  'unauthorised_use',
  'unauthorised_disclosure',
  'loss',
  'other',
]);
export const incidentRisk = pgEnum('incident_risk', ['not_assessed', 'low', 'serious']);

/**
 * The register of confidentiality incidents (Québec's Law 25 s. 3.8, PIPEDA s. 10.3): never destroyed by
 * the retention job.
 */
export const privacyIncidents = pgTable(
  'privacy_incidents',
  {
    id: uuid().primaryKey().default(sql`gen_random_uuid()`),
    title: text().notNull(),
    kind: incidentKind().notNull(),
    description: text().notNull(),
    occurredAt: timestamp({ withTimezone: true }),
    discoveredAt: timestamp({ withTimezone: true }).notNull(),
    affectedDescription: text().notNull(),
    affectedCount: integer(),
    dataConcerned: text().notNull(),
    risk: incidentRisk().notNull().default('not_assessed'),
    riskAssessment: text(),
    measures: text(),
    closedAt: timestamp({ withTimezone: true }),
    peopleNotifiedAt: timestamp({ withTimezone: true }),
    caiNotifiedAt: timestamp({ withTimezone: true }),
    opcNotifiedAt: timestamp({ withTimezone: true }),
    lastEntryAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    createdBy: uuid().references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    index('privacy_incidents_discovered_idx').on(
      table.discoveredAt.desc().nullsFirst(),
      table.id.desc().nullsFirst(),
    ),
  ],
);

/** The dated history of an incident: assessments, measures, notifications sent. Never edited. */
export const privacyIncidentEntries = pgTable(
  'privacy_incident_entries',
  {
    id: uuid().primaryKey().default(sql`gen_random_uuid()`),
    incidentId: uuid()
      .notNull()
      .references(() => privacyIncidents.id, { onDelete: 'cascade' }),
    kind: text().notNull(),
    note: text().notNull(),
    occurredAt: timestamp({ withTimezone: true }).notNull(),
    authorId: uuid().references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index('privacy_incident_entries_incident_idx').on(table.incidentId, table.createdAt)],
);

export const automatedDecisionKind = pgEnum('automated_decision_kind', ['moderation_hold', 'trust_level']);

/**
 * A decision the product took about a person by automation alone, with its main factors, and the human
 * review the person may ask for (Law 25 s. 12.1).
 */
export const automatedDecisions = pgTable(
  'automated_decisions',
  {
    id: uuid().primaryKey().default(sql`gen_random_uuid()`),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    kind: automatedDecisionKind().notNull(),
    subjectType: text().notNull(),
    subjectId: uuid(),
    outcome: text().notNull(),
    factors: jsonb().$type<TDecisionFactor[]>().notNull().default([]),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    reviewRequestedAt: timestamp({ withTimezone: true }),
    reviewMessage: text(),
    reviewedAt: timestamp({ withTimezone: true }),
    reviewedBy: uuid().references(() => users.id),
    /** `upheld` or `reversed`. */
    reviewOutcome: text(),
    reviewNote: text(),
  },
  (table) => [
    index('automated_decisions_user_idx').on(
      table.userId,
      table.createdAt.desc().nullsFirst(),
      table.id.desc().nullsFirst(),
    ),
    index('automated_decisions_review_idx')
      .on(table.reviewRequestedAt, table.id)
      .where(sql`${table.reviewRequestedAt} is not null and ${table.reviewedAt} is null`),
  ],
);

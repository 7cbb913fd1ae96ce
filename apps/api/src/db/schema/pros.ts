import {
  licenceClasses,
  professions,
  regulators,
  type TLocalized,
  type TRegisterEntry,
  verificationStatuses,
} from '@capitune/contracts';
import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  date,
  index,
  inet,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  pgView,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { dossiers } from './dossiers';
import { organisations } from './organisations';
import { citext, locale, users } from './users';

export const proProfession = pgEnum('pro_profession', professions);
export const regulator = pgEnum('regulator', regulators);
export const licenceClass = pgEnum('licence_class', licenceClasses);
export const verificationStatus = pgEnum('verification_status', verificationStatuses);
export const referenceStatus = pgEnum('reference_status', ['waiting', 'confirmed', 'declined']);
export const reviewDisplay = pgEnum('review_display', ['name', 'anonymous']);
export const reviewStatus = pgEnum('review_status', ['published', 'hidden']);

/** A file kept for a verification (identity document, capture of the register page): never public. */
export interface StoredFileRef {
  key: string;
  originalName: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
  uploadedAt: string;
  uploadedBy: string;
}

/** A public picture (a pro's photo). */
export interface PhotoRef {
  key: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
  uploadedAt: string;
}

/**
 * A pro's licence verification: one file per pro, created at sign-up. Candidates can reach a pro only
 * while it is `verified` and the renewal date has not passed (then a 30-day grace for current clients).
 */
export const proVerifications = pgTable(
  'pro_verifications',
  {
    id: uuid().primaryKey().default(sql`gen_random_uuid()`),
    userId: uuid()
      .notNull()
      .unique()
      .references(() => users.id, { onDelete: 'cascade' }),
    profession: proProfession().notNull().default('rcic'),
    regulator: regulator().notNull().default('cicc'),
    /** Normalised (upper case, no spaces). Null only for a file whose claim was given up. */
    licenceNumber: text(),
    licenceClass: licenceClass(),
    status: verificationStatus().notNull().default('pending'),
    /** When the pro last submitted the file for review; null while they prepare it. */
    submittedAt: timestamp({ withTimezone: true }),
    /** An admin asked for more: the file is editable again until resubmitted. */
    infoRequest: text(),
    decisionReason: text(),
    /** The register entry as the admin saw it, typed in; with a capture of the page. */
    registerEntry: jsonb().$type<TRegisterEntry>(),
    registerCapture: jsonb().$type<StoredFileRef>(),
    identityDocument: jsonb().$type<StoredFileRef>(),
    entitledToPractise: boolean(),
    restrictions: text(),
    checkedAt: timestamp({ withTimezone: true }),
    checkedBy: uuid().references(() => users.id),
    /** First approval; kept across re-checks. */
    verifiedSince: timestamp({ withTimezone: true }),
    renewalDate: date({ mode: 'string' }),
    nextCheckDate: date({ mode: 'string' }),
    /** The renewal date for which the 30-day and 7-day reminders went out (sent once per date). */
    remindedAt30For: date({ mode: 'string' }),
    remindedAt7For: date({ mode: 'string' }),
    /** The renewal date whose lapse clients were told of. */
    lapseNotifiedFor: date({ mode: 'string' }),
    appealText: text(),
    appealedAt: timestamp({ withTimezone: true }),
    /** The appeal came back to the queue and was decided: one appeal per pro. */
    appealDecidedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    // One licence per regulator for one pending, verified or suspended pro at a time.
    uniqueIndex('pro_verifications_licence_claim_idx')
      .on(table.regulator, table.licenceNumber)
      .where(
        sql`${table.status} in ('pending', 'verified', 'suspended') and ${table.licenceNumber} is not null`,
      ),
    // The admins' member search by a part of the licence number.
    index('pro_verifications_licence_trgm_idx').using('gin', sql`lower(${table.licenceNumber}) gin_trgm_ops`),
    index('pro_verifications_queue_idx').on(table.status, table.submittedAt, table.id),
    index('pro_verifications_renewal_idx').on(table.renewalDate).where(sql`${table.status} = 'verified'`),
    // The directory's "newest" order, read backwards.
    index('pro_verifications_listed_idx')
      .on(table.verifiedSince, table.userId)
      .where(sql`${table.status} = 'verified'`),
  ],
);

/** A professional reference named by the pro, asked by email to confirm or decline through a signed link. */
export const proReferences = pgTable(
  'pro_references',
  {
    id: uuid().primaryKey().default(sql`gen_random_uuid()`),
    verificationId: uuid()
      .notNull()
      .references(() => proVerifications.id, { onDelete: 'cascade' }),
    /** 1 or 2. */
    position: smallint().notNull(),
    name: text().notNull(),
    email: citext().notNull(),
    relationship: text().notNull(),
    locale: locale().notNull().default('fr'),
    /** SHA-256 of the link's token; null until the file is submitted and the email sent. */
    tokenHash: text().unique(),
    status: referenceStatus().notNull().default('waiting'),
    comment: text(),
    sentAt: timestamp({ withTimezone: true }),
    answeredAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [uniqueIndex('pro_references_position_idx').on(table.verificationId, table.position)],
);

/** A refused claim of a licence already held: the admin queue shows it as a conflict on the holder's file. */
export const licenceConflicts = pgTable(
  'licence_conflicts',
  {
    id: uuid().primaryKey().default(sql`gen_random_uuid()`),
    /** The file that holds the licence. */
    verificationId: uuid()
      .notNull()
      .references(() => proVerifications.id, { onDelete: 'cascade' }),
    /** The account that tried (null when refused at sign-up, before any account existed). */
    claimantUserId: uuid().references(() => users.id, { onDelete: 'set null' }),
    claimantName: text().notNull(),
    claimantEmail: citext().notNull(),
    organisationName: text(),
    regulator: regulator().notNull(),
    licenceNumber: text().notNull(),
    ip: inet(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    resolvedAt: timestamp({ withTimezone: true }),
    resolvedBy: uuid().references(() => users.id),
  },
  (table) => [
    index('licence_conflicts_verification_idx').on(table.verificationId),
    index('licence_conflicts_open_idx').on(table.createdAt).where(sql`${table.resolvedAt} is null`),
  ],
);

/** What a pro shows in the directory and on their public profile. */
export const proProfiles = pgTable(
  'pro_profiles',
  {
    userId: uuid()
      .primaryKey()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** Stable address of the public profile: `/pros/<slug>`. */
    slug: text().notNull().unique(),
    bio: jsonb().$type<TLocalized>().notNull().default({ fr: '', en: '' }),
    /** ISO 639-1 codes. */
    languages: text().array().notNull().default(sql`'{}'::text[]`),
    /** Provinces and territories served (two-letter codes). */
    provinces: text().array().notNull().default(sql`'{}'::text[]`),
    city: text(),
    remote: boolean().notNull().default(true),
    inPerson: boolean().notNull().default(false),
    acceptingClients: boolean().notNull().default(true),
    /** Shown in the public directory: the pro's choice, off until they make it (privacy by default). */
    listed: boolean().notNull().default(false),
    /** Program ids of the catalogue: the pro's specialties. */
    programs: text().array().notNull().default(sql`'{}'::text[]`),
    photo: jsonb().$type<PhotoRef>(),
    /** Published reviews: their count and the sum of their overall scores, kept by the review service. */
    ratingCount: integer().notNull().default(0),
    ratingSum: integer().notNull().default(0),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    // The directory's rating order (directory.queries.ts `scoreKey`): read backwards, keyset on all three.
    index('pro_profiles_rank_idx').on(
      sql`((20 + ${table.ratingSum})::bigint * 1000000 / (5 + ${table.ratingCount}))`,
      table.ratingCount,
      table.userId,
    ),
  ],
);

/** A candidate's review of the pro who followed their dossier: one per dossier. */
export const proReviews = pgTable(
  'pro_reviews',
  {
    id: uuid().primaryKey().default(sql`gen_random_uuid()`),
    proId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    dossierId: uuid()
      .notNull()
      .unique()
      .references(() => dossiers.id, { onDelete: 'cascade' }),
    authorId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    responsiveness: smallint().notNull(),
    feesClarity: smallint().notNull(),
    processExplanation: smallint().notNull(),
    overall: smallint().notNull(),
    body: text().notNull(),
    display: reviewDisplay().notNull(),
    featureConsent: boolean().notNull().default(false),
    featured: boolean().notNull().default(false),
    reply: text(),
    repliedAt: timestamp({ withTimezone: true }),
    status: reviewStatus().notNull().default('published'),
    /** `flags` (hidden at the flag threshold) or `admin`: why a review is hidden, as for Inside content. */
    moderationReason: text(),
    /** Set while the review waits in the moderation queue (flagged). */
    needsReviewAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    index('pro_reviews_pro_idx').on(
      table.proId,
      table.createdAt.desc().nullsFirst(),
      table.id.desc().nullsFirst(),
    ),
    index('pro_reviews_author_idx').on(table.authorId),
    index('pro_reviews_needs_review_idx')
      .on(table.needsReviewAt, table.id)
      .where(sql`${table.needsReviewAt} is not null`),
    check(
      'pro_reviews_scores_check',
      sql`${table.responsiveness} between 1 and 5 and ${table.feesClarity} between 1 and 5
        and ${table.processExplanation} between 1 and 5 and ${table.overall} between 1 and 5`,
    ),
  ],
);

/**
 * An agent of a firm: a pro account with no licence of its own (no verification file), who works on the
 * firm's dossiers under a named licensee of the firm, and only while that licensee's standing allows it.
 */
export const firmAgents = pgTable(
  'firm_agents',
  {
    userId: uuid()
      .primaryKey()
      .references(() => users.id, { onDelete: 'cascade' }),
    organisationId: uuid()
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    supervisorId: uuid()
      .notNull()
      .references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    index('firm_agents_organisation_idx').on(table.organisationId),
    index('firm_agents_supervisor_idx').on(table.supervisorId),
  ],
);

/** A licensee's invitation to join the firm as an agent, emailed as a link (the token stored hashed). */
export const firmAgentInvitations = pgTable(
  'firm_agent_invitations',
  {
    id: uuid().primaryKey().default(sql`gen_random_uuid()`),
    organisationId: uuid()
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    supervisorId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    invitedBy: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    email: citext().notNull(),
    firstName: text().notNull(),
    lastName: text().notNull(),
    locale: locale().notNull().default('fr'),
    tokenHash: text().notNull().unique(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    acceptedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index('firm_agent_invitations_organisation_idx').on(table.organisationId, table.createdAt)],
);

/**
 * What a pro's standing rests on: a licensee's own file, an agent's supervisor's file. Every rule that
 * reads "may this pro work on the firm's dossiers" reads it here, so a supervisor suspended or lapsed takes
 * their agents' access with them.
 */
// Columns named explicitly: drizzle's snake_case casing does not reach a view's columns.
export const proStandingBasis = pgView('pro_standing_basis', {
  userId: uuid('user_id').notNull(),
  status: verificationStatus('status').notNull(),
  renewalDate: date('renewal_date', { mode: 'string' }),
}).as(sql`
  select v.user_id, v.status, v.renewal_date from pro_verifications v
  union all
  select a.user_id, s.status, s.renewal_date
  from firm_agents a join pro_verifications s on s.user_id = a.supervisor_id`);

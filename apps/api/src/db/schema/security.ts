import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  cidr,
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
import { sessions } from './auth';
import { organisations } from './organisations';
import { users } from './users';

/**
 * Second factors and what protects them: the authenticator (TOTP) secret, recovery codes, passkeys,
 * one-time codes sent by email or SMS, sign-in challenges, devices seen, firm network ranges, and the
 * wrapped data keys of encrypted files. Secrets are stored encrypted (TOTP) or hashed (codes, tokens).
 */

/** The authenticator app of a user: unconfirmed until a first code is checked. */
export const totpFactors = pgTable('totp_factors', {
  userId: uuid()
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  /** The shared secret, encrypted by the keyring (`platform/crypto`), never stored in clear. */
  secretEncrypted: text().notNull(),
  confirmedAt: timestamp({ withTimezone: true }),
  /** The last time step whose code was accepted: a code of that step or before is a replay. */
  lastUsedStep: bigint({ mode: 'number' }),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

/** Ten single-use codes for a user who lost their factors; only their SHA-256 is kept. */
export const recoveryCodes = pgTable(
  'recovery_codes',
  {
    id: uuid().primaryKey().default(sql`gen_random_uuid()`),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    codeHash: text().notNull().unique(),
    usedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index().on(table.userId)],
);

/** A WebAuthn credential (passkey) of a user, named by them. */
export const passkeys = pgTable(
  'passkeys',
  {
    id: uuid().primaryKey().default(sql`gen_random_uuid()`),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** The credential id, base64url. */
    credentialId: text().notNull().unique(),
    /** The COSE public key, base64url. */
    publicKey: text().notNull(),
    signCount: bigint({ mode: 'number' }).notNull().default(0),
    transports: jsonb().$type<string[]>().notNull().default([]),
    deviceType: text().notNull(),
    backedUp: boolean().notNull().default(false),
    name: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    lastUsedAt: timestamp({ withTimezone: true }),
  },
  (table) => [index().on(table.userId)],
);

export const webauthnPurpose = pgEnum('webauthn_purpose', [
  'register',
  'sign_in',
  'second_factor',
  'step_up',
]);

/** A WebAuthn challenge handed to a browser, single use, for a few minutes. */
export const webauthnChallenges = pgTable(
  'webauthn_challenges',
  {
    id: uuid().primaryKey().default(sql`gen_random_uuid()`),
    purpose: webauthnPurpose().notNull(),
    /** Null for a passkey sign-in, where the user is not known until the passkey answers. */
    userId: uuid().references(() => users.id, { onDelete: 'cascade' }),
    challenge: text().notNull(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    usedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index().on(table.expiresAt)],
);

/**
 * A sign-in whose password was right and that waits for a second factor. The client holds a random
 * token (the `challengeId`); only its hash is kept. Wrong codes are counted against it.
 */
export const signInChallenges = pgTable(
  'sign_in_challenges',
  {
    id: uuid().primaryKey().default(sql`gen_random_uuid()`),
    tokenHash: text().notNull().unique(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    ip: text(),
    userAgent: text(),
    failedAttempts: integer().notNull().default(0),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    completedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index().on(table.userId)],
);

export const oneTimeCodeChannel = pgEnum('one_time_code_channel', ['email', 'sms']);
export const oneTimeCodePurpose = pgEnum('one_time_code_purpose', [
  'sign_in',
  'step_up',
  'sms_setup',
  // Issue 19: the number that receives notifications by text.
  'notification_phone',
]);

/** A six-digit code sent by email or SMS; only its hash is kept, single use, a few wrong tries at most. */
export const oneTimeCodes = pgTable(
  'one_time_codes',
  {
    id: uuid().primaryKey().default(sql`gen_random_uuid()`),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    channel: oneTimeCodeChannel().notNull(),
    purpose: oneTimeCodePurpose().notNull(),
    /** The sign-in it completes (purpose sign_in), or the session stepping up (purpose step_up). */
    signInChallengeId: uuid().references(() => signInChallenges.id, { onDelete: 'cascade' }),
    sessionId: uuid().references(() => sessions.id, { onDelete: 'cascade' }),
    /** The phone number being confirmed (purpose sms_setup). */
    phone: text(),
    codeHash: text().notNull(),
    failedAttempts: integer().notNull().default(0),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    usedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index().on(table.userId, table.purpose, table.createdAt)],
);

/**
 * A browser a user signed in from, known by a random id kept in a long-lived cookie (only its hash is
 * stored). A sign-in from an unknown device or a new country sends an alert.
 */
export const knownDevices = pgTable(
  'known_devices',
  {
    id: uuid().primaryKey().default(sql`gen_random_uuid()`),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    deviceHash: text().notNull(),
    country: text(),
    firstSeenAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [uniqueIndex('known_devices_user_device_idx').on(table.userId, table.deviceHash)],
);

/** A network range (IPv4 or IPv6 CIDR) from which a firm's members may reach its client dossiers. */
export const firmIpRanges = pgTable(
  'firm_ip_ranges',
  {
    id: uuid().primaryKey().default(sql`gen_random_uuid()`),
    organisationId: uuid()
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    range: cidr().notNull(),
    label: text().notNull().default(''),
    createdBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index().on(table.organisationId)],
);

/**
 * The data key of one encrypted file (AES-256-GCM), wrapped by a master key of the keyring. Rotating the
 * master key re-wraps these rows; the files stay as they are.
 */
export const blobKeys = pgTable('blob_keys', {
  blobKey: text().primaryKey(),
  /** The id of the master key that wrapped it (`ENCRYPTION_KEYS`). */
  masterKeyId: text().notNull(),
  /** IV, wrapped key and tag, base64url. */
  wrappedKey: text().notNull(),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  rewrappedAt: timestamp({ withTimezone: true }),
});

/** SMS kept for the dev mailbox in embedded mode (the SMS port's local adapter); never used with a provider. */
export const devSmsMessages = pgTable('dev_sms_messages', {
  id: uuid().primaryKey().default(sql`gen_random_uuid()`),
  to: text().notNull(),
  body: text().notNull(),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

import { z } from 'zod';
import { ZProvince } from './geo';
import { ZLocale } from './locale';
import { ZDate, ZDateTime, ZLine, ZString, ZText } from './primitives';
import { ZConsentPurpose } from './privacy';
import {
  licenceCheckParams,
  normalizeLicence,
  refineLicence,
  ZLicenceClass,
  ZProfession,
  ZProStanding,
  ZRegulator,
} from './pros';

export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 256;

export const ZEmail = ZLine.trim().toLowerCase().pipe(z.email().max(254));
export const ZPassword = ZLine.min(PASSWORD_MIN_LENGTH).max(PASSWORD_MAX_LENGTH);
const ZName = ZLine.trim().min(1).max(100);

export const userRoles = ['candidate', 'pro', 'admin'] as const;
export const ZUserRole = z.enum(userRoles);
export type TUserRole = z.infer<typeof ZUserRole>;
/** The roles a person can choose at sign-up: an admin is never self-assigned. */
export const ZSignupRole = z.enum(['candidate', 'pro']);

/** An IANA time zone the runtime knows (America/Montreal, Africa/Dakar…). */
export const ZTimeZone = ZLine.max(64).refine((value) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}, 'Unknown time zone');

export const ZRegisterBody = z.discriminatedUnion('role', [
  z.strictObject({
    role: z.literal('candidate'),
    email: ZEmail,
    password: ZPassword,
    firstName: ZName,
    lastName: ZName,
    locale: ZLocale,
    timeZone: ZTimeZone.optional(),
  }),
  z
    .strictObject({
      role: z.literal('pro'),
      email: ZEmail,
      password: ZPassword,
      firstName: ZName,
      lastName: ZName,
      locale: ZLocale,
      timeZone: ZTimeZone.optional(),
      /** Who regulates the pro; an RCIC of the CICC unless said otherwise. */
      profession: ZProfession.default('rcic'),
      regulator: ZRegulator.default('cicc'),
      /** In the regulator's own format: the CICC's R + 6 digits, a law society's member number. */
      licenceNumber: ZLine.trim().min(1).max(40).transform(normalizeLicence),
      licenceClass: ZLicenceClass.nullable().optional(),
      organisationName: ZLine.trim().min(2).max(200),
    })
    .superRefine(refineLicence, licenceCheckParams),
]);
export type TRegisterBody = z.infer<typeof ZRegisterBody>;

export const ZTokenBody = z.strictObject({ token: ZLine.min(20).max(200) });
export const ZEmailBody = z.strictObject({ email: ZEmail });
export const ZLoginBody = z.strictObject({
  email: ZEmail,
  // Any password that could have been set before new passwords became single-line text still logs in.
  password: ZString.min(1).max(PASSWORD_MAX_LENGTH),
});
export const ZResetPasswordBody = z.strictObject({ token: ZLine.min(20).max(200), password: ZPassword });
export const ZChangePasswordBody = z.strictObject({
  currentPassword: ZString.min(1).max(PASSWORD_MAX_LENGTH),
  newPassword: ZPassword,
});

/** The signed-in user as the API shows them to themselves. */
export const ZMe = z.object({
  id: z.uuid(),
  email: ZString,
  role: ZUserRole,
  firstName: ZString,
  lastName: ZString,
  locale: ZLocale,
  emailVerified: z.boolean(),
  phone: ZString.nullable(),
  countryOfResidence: ZString.nullable(),
  citizenship: ZString.nullable(),
  timeZone: ZString,
  organisation: z.object({ id: z.uuid(), name: ZString }).nullable(),
  licenceNumber: ZString.nullable(),
  /** Pros: whether candidates can reach them now (null for candidates and admins). */
  proStanding: ZProStanding.nullable(),
  /** Pros: `licensee` (a licence of their own) or `agent` (works under a licensee of the firm); else null. */
  firmRole: z.enum(['licensee', 'agent']).nullable(),
  createdAt: ZDateTime,
  /**
   * The required consents (terms, privacy policy) whose current version the person has not agreed to:
   * when not empty, the web asks for them before anything else.
   */
  pendingConsents: z.array(ZConsentPurpose),
});
export type TMe = z.infer<typeof ZMe>;

export const ZLoginResponse = z.object({
  accessToken: ZString,
  expiresIn: z.number().int(),
  user: ZMe,
  /** True when this sign-in cancelled the account's waiting deletion (signing in during the grace does). */
  deletionCancelled: z.boolean().optional(),
});
export type TLoginResponse = z.infer<typeof ZLoginResponse>;

/** ISO 3166-1 alpha-2 country code. */
const ZCountry = ZLine.regex(/^[A-Z]{2}$/).nullable();

export const ZUpdateMeBody = z
  .strictObject({
    firstName: ZName,
    lastName: ZName,
    phone: ZLine.trim()
      .regex(/^\+?[0-9 ().-]{7,25}$/)
      .nullable(),
    countryOfResidence: ZCountry,
    citizenship: ZCountry,
    locale: ZLocale,
    /** An IANA time zone name, e.g. America/Montreal. */
    timeZone: ZLine.max(64),
  })
  .partial();
export type TUpdateMeBody = z.infer<typeof ZUpdateMeBody>;

export const immigrationPrograms = [
  'express_entry_fsw',
  'express_entry_cec',
  'express_entry_fst',
  'quebec_skilled_worker',
  'study_permit',
  'work_permit',
  'family_sponsorship',
  'visitor_visa',
  'undecided',
] as const;
export const ZImmigrationProgram = z.enum(immigrationPrograms);

export const ZGoals = z.strictObject({
  targetProgram: ZImmigrationProgram.nullable(),
  targetProvince: ZProvince.nullable(),
  /** YYYY-MM-DD */
  targetDate: ZDate.nullable(),
  notes: ZText.max(2000).nullable(),
});
export type TGoals = z.infer<typeof ZGoals>;

/**
 * The kinds of event a person chooses channels for (the rows of the profile's table). Each notification
 * type belongs to one (`notificationPreferenceOf`).
 */
export const notificationKinds = [
  'messages',
  'document_decisions',
  'milestones',
  'assignments',
  'webinar_reminders',
  'verification',
  'community_replies',
  'moderation',
  'announcements',
] as const;
export const ZNotificationKind = z.enum(notificationKinds);
export type TNotificationKind = z.infer<typeof ZNotificationKind>;

/** The ways a person is told: in the app, by email, by web push on their devices, by text message. */
export const notificationChannels = ['in_app', 'email', 'push', 'sms'] as const;
export const ZNotificationChannel = z.enum(notificationChannels);
export type TNotificationChannel = z.infer<typeof ZNotificationChannel>;

/** One kind's channels. */
export const ZChannelChoice = z.strictObject({
  inApp: z.boolean(),
  email: z.boolean(),
  push: z.boolean(),
  sms: z.boolean(),
});
export type TChannelChoice = z.infer<typeof ZChannelChoice>;

/** `HH:MM`, 24-hour, in the person's own time zone. */
export const ZTimeOfDay = ZLine.regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time such as 22:00');

/**
 * While quiet, push and text messages wait for the end (in the person's time zone, `users.time_zone`);
 * in-app notifications appear and emails leave as the digest says. `start` after `end` spans midnight.
 */
export const ZQuietHours = z
  .strictObject({ start: ZTimeOfDay, end: ZTimeOfDay })
  .refine((hours) => hours.start !== hours.end, { message: 'start and end must differ', path: ['end'] });
export type TQuietHours = z.infer<typeof ZQuietHours>;

/** Emails: each at once, or gathered in one email an hour, or one a day (at 08:00 in the person's time zone). */
export const digestFrequencies = ['immediate', 'hourly', 'daily'] as const;
export const ZDigestFrequency = z.enum(digestFrequencies);
export type TDigestFrequency = z.infer<typeof ZDigestFrequency>;

export const ZNotificationPreferences = z.strictObject({
  messages: ZChannelChoice,
  document_decisions: ZChannelChoice,
  milestones: ZChannelChoice,
  assignments: ZChannelChoice,
  webinar_reminders: ZChannelChoice,
  verification: ZChannelChoice,
  community_replies: ZChannelChoice,
  moderation: ZChannelChoice,
  /** The admins' announcements. Their email is an optional email (the `optional_emails` consent): off until the person agrees. */
  announcements: ZChannelChoice,
  quietHours: ZQuietHours.nullable(),
  digest: ZDigestFrequency,
});
export type TNotificationPreferences = z.infer<typeof ZNotificationPreferences>;

/**
 * `PUT /api/me/notification-preferences`: what to change. A kind, a channel, the quiet hours or the digest
 * left out keeps its value, so a client that knows fewer channels changes only what it shows.
 */
const ZChannelChange = ZChannelChoice.partial().optional();
export const ZNotificationPreferencesUpdate = z.strictObject({
  messages: ZChannelChange,
  document_decisions: ZChannelChange,
  milestones: ZChannelChange,
  assignments: ZChannelChange,
  webinar_reminders: ZChannelChange,
  verification: ZChannelChange,
  community_replies: ZChannelChange,
  moderation: ZChannelChange,
  announcements: ZChannelChange,
  quietHours: ZQuietHours.nullable().optional(),
  digest: ZDigestFrequency.optional(),
});

/** As saved in a member's row: what they changed; every kind, channel or setting absent takes its default. */
export type TStoredNotificationPreferences = z.infer<typeof ZNotificationPreferencesUpdate>;

export const defaultNotificationPreferences: TNotificationPreferences = {
  messages: { inApp: true, email: true, push: true, sms: false },
  // What gets a file complete (a document asked for or refused): by text too, once the person verified a number.
  document_decisions: { inApp: true, email: true, push: true, sms: true },
  milestones: { inApp: true, email: true, push: true, sms: false },
  assignments: { inApp: true, email: true, push: true, sms: false },
  webinar_reminders: { inApp: true, email: true, push: true, sms: false },
  verification: { inApp: true, email: true, push: false, sms: false },
  community_replies: { inApp: true, email: false, push: false, sms: false },
  moderation: { inApp: true, email: true, push: false, sms: false },
  // Privacy by default: no optional emails until the person agrees to them.
  announcements: { inApp: true, email: false, push: false, sms: false },
  quietHours: null,
  digest: 'immediate',
};

/** A member's stored choices over the defaults: the preferences in force. */
export function resolveNotificationPreferences(
  stored: TStoredNotificationPreferences | null | undefined,
): TNotificationPreferences {
  const resolved = structuredClone(defaultNotificationPreferences);
  if (!stored) return resolved;
  for (const kind of notificationKinds) Object.assign(resolved[kind], stored[kind] ?? {});
  if (stored.quietHours !== undefined) resolved.quietHours = stored.quietHours;
  if (stored.digest !== undefined) resolved.digest = stored.digest;
  return resolved;
}

/** How a session was opened. */
export const ZSignInFactor = z.enum(['password', 'totp', 'passkey', 'recovery_code', 'email', 'sms']);
export type TSignInFactor = z.infer<typeof ZSignInFactor>;

export const ZSession = z.object({
  id: z.uuid(),
  device: ZString,
  ip: ZString.nullable(),
  /** How it was signed in (null for sessions older than two-factor sign-in). */
  factor: ZSignInFactor.nullable(),
  /** Approximate place: ISO 3166-1 country code of the address, when known. */
  country: ZString.nullable(),
  createdAt: ZDateTime,
  lastUsedAt: ZDateTime,
  current: z.boolean(),
});
export type TSession = z.infer<typeof ZSession>;

export const ZDevEmail = z.object({
  id: z.uuid(),
  to: ZString,
  subject: ZString,
  text: ZString,
  html: ZString,
  createdAt: ZDateTime,
});
export type TDevEmail = z.infer<typeof ZDevEmail>;

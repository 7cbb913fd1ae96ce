import { z } from 'zod';
import { ZLoginResponse } from './auth';
import { ZDateTime, ZLine, ZString } from './primitives';

/**
 * Two-factor sign-in, step-up and firm network ranges. A sign-in whose password is right but that needs
 * a second factor answers `second_factor_required` with a challenge; `POST /api/auth/second-factor`
 * completes it. Sensitive actions answer 401 STEP_UP_REQUIRED (with `methods`) until
 * `POST /api/auth/step-up` proves the person again.
 */

/** Ways to complete a sign-in or a step-up. `password` is offered for step-up only, to those with no factor. */
export const secondFactorMethods = ['totp', 'passkey', 'recovery_code', 'email', 'sms'] as const;
export const ZSecondFactorMethod = z.enum(secondFactorMethods);
export type TSecondFactorMethod = z.infer<typeof ZSecondFactorMethod>;
export const ZStepUpMethod = z.enum([...secondFactorMethods, 'password']);
export type TStepUpMethod = z.infer<typeof ZStepUpMethod>;

/** Six digits, spaces allowed (people copy "123 456"). */
export const ZOneTimeCode = ZLine.trim()
  .transform((value) => value.replaceAll(' ', ''))
  .pipe(ZLine.regex(/^\d{6}$/, 'six digits'));
/** A recovery code as shown: `xxxxx-xxxxx` (letters and digits), case and dash optional when typed. */
export const ZRecoveryCode = ZLine.trim().min(10).max(24);

/**
 * A browser's WebAuthn answer (`RegistrationResponseJSON` / `AuthenticationResponseJSON` of
 * @simplewebauthn/browser), checked in depth by @simplewebauthn/server.
 */
export const ZWebAuthnResponse = z.looseObject({
  id: ZLine.min(1).max(1500),
  rawId: ZLine.min(1).max(1500),
  type: z.literal('public-key'),
  response: z.looseObject({ clientDataJSON: ZLine.min(1).max(20_000) }),
});
export type TWebAuthnResponse = z.infer<typeof ZWebAuthnResponse>;
/** Options for `startRegistration` / `startAuthentication` of @simplewebauthn/browser. */
export const ZWebAuthnOptions = z.looseObject({ challenge: ZString });
export type TWebAuthnOptions = z.infer<typeof ZWebAuthnOptions>;

// Sign-in

export const ZSecondFactorRequired = z.object({
  status: z.literal('second_factor_required'),
  /** Opaque, valid 10 minutes: send it back with the factor. */
  challengeId: ZString,
  methods: z.array(ZSecondFactorMethod),
});
export type TSecondFactorRequired = z.infer<typeof ZSecondFactorRequired>;
/** `POST /api/auth/login`: signed in, or a second factor is needed. */
export const ZLoginResult = z.union([ZLoginResponse, ZSecondFactorRequired]);
export type TLoginResult = z.infer<typeof ZLoginResult>;

const ZChallengeId = ZLine.min(20).max(200);

/** Sends the email or SMS code, or gives the passkey options, for a waiting sign-in. */
export const ZSecondFactorStartBody = z.strictObject({
  challengeId: ZChallengeId,
  method: z.enum(['passkey', 'email', 'sms']),
});
export const ZFactorStart = z.union([
  z.object({ method: z.enum(['email', 'sms']), sentTo: ZString }),
  z.object({ method: z.literal('passkey'), options: ZWebAuthnOptions }),
]);
export type TFactorStart = z.infer<typeof ZFactorStart>;

/** The proof itself: a code for totp/recovery_code/email/sms, the browser's answer for passkey. */
const proofs = {
  totp: z.strictObject({ method: z.literal('totp'), code: ZOneTimeCode }),
  recovery: z.strictObject({ method: z.literal('recovery_code'), code: ZRecoveryCode }),
  email: z.strictObject({ method: z.literal('email'), code: ZOneTimeCode }),
  sms: z.strictObject({ method: z.literal('sms'), code: ZOneTimeCode }),
  passkey: z.strictObject({ method: z.literal('passkey'), credential: ZWebAuthnResponse }),
};
export const ZSecondFactorBody = z.discriminatedUnion('method', [
  proofs.totp.extend({ challengeId: ZChallengeId }),
  proofs.recovery.extend({ challengeId: ZChallengeId }),
  proofs.email.extend({ challengeId: ZChallengeId }),
  proofs.sms.extend({ challengeId: ZChallengeId }),
  proofs.passkey.extend({ challengeId: ZChallengeId }),
]);
export type TSecondFactorBody = z.infer<typeof ZSecondFactorBody>;

/** `POST /api/auth/passkey/options`: a discoverable-credential request for a sign-in with a passkey alone. */
export const ZPasskeySignInOptions = z.object({ challengeId: z.uuid(), options: ZWebAuthnOptions });
export const ZPasskeySignInBody = z.strictObject({ challengeId: z.uuid(), credential: ZWebAuthnResponse });

// Step-up

export const ZStepUpStartBody = z.strictObject({ method: z.enum(['passkey', 'email', 'sms']) });
export const ZStepUpBody = z.discriminatedUnion('method', [
  proofs.totp,
  proofs.recovery,
  proofs.email,
  proofs.sms,
  proofs.passkey,
  z.strictObject({ method: z.literal('password'), password: ZString.min(1).max(1000) }),
]);
export type TStepUpBody = z.infer<typeof ZStepUpBody>;
export const ZStepUpResult = z.object({ validUntil: ZDateTime });

// The account's factors

export const ZTwoFactorPolicy = z.object({
  /** A second factor is required of this account (pro, admin, or its firm requires it). */
  required: z.boolean(),
  reason: z.enum(['role', 'firm']).nullable(),
  /** Until when the account may still sign in without one (null: no grace, or not required). */
  graceEndsAt: ZDateTime.nullable(),
  /** The account has a factor that satisfies the policy (an authenticator or a passkey for a pro or an admin). */
  satisfied: z.boolean(),
  /** Required, not satisfied and the grace is over: only setting up a factor is open. */
  setupRequiredNow: z.boolean(),
});
export type TTwoFactorPolicy = z.infer<typeof ZTwoFactorPolicy>;

/** `GET /api/me/security`. */
export const ZSecurityOverview = z.object({
  totp: z.object({ enabled: z.boolean(), confirmedAt: ZDateTime.nullable() }),
  passkeys: z.object({ count: z.number().int() }),
  recoveryCodes: z.object({ remaining: z.number().int() }),
  email: z.object({ enabled: z.boolean(), address: ZString }),
  sms: z.object({
    enabled: z.boolean(),
    /** The confirmed number, masked (`+1 ••• ••• 12 34`). */
    phone: ZString.nullable(),
    /** Whether this installation can send SMS at all. */
    available: z.boolean(),
  }),
  policy: ZTwoFactorPolicy,
  /** How this account proves itself for a step-up, and until when the last proof holds. */
  stepUp: z.object({ methods: z.array(ZStepUpMethod), validUntil: ZDateTime.nullable() }),
});
export type TSecurityOverview = z.infer<typeof ZSecurityOverview>;

export const ZTotpSetup = z.object({
  /** Base32, for typing into the app by hand. */
  secret: ZString,
  otpauthUrl: ZString,
  /** The otpauth URL as an SVG QR code (an `<svg>` document). */
  qrCodeSvg: ZString,
});
export type TTotpSetup = z.infer<typeof ZTotpSetup>;
export const ZTotpConfirmBody = z.strictObject({ code: ZOneTimeCode });
/** Recovery codes, shown once. Empty when the account already had some (they stay valid). */
export const ZRecoveryCodes = z.object({ codes: z.array(ZString) });
export type TRecoveryCodes = z.infer<typeof ZRecoveryCodes>;

export const ZPasskeyName = ZLine.trim().min(1).max(60);
export const ZPasskey = z.object({
  id: z.uuid(),
  name: ZString,
  /** Synced between the person's devices (a platform passkey) or bound to one device or key. */
  backedUp: z.boolean(),
  createdAt: ZDateTime,
  lastUsedAt: ZDateTime.nullable(),
});
export type TPasskey = z.infer<typeof ZPasskey>;
export const ZPasskeyRegistrationBody = z.strictObject({ name: ZPasskeyName, credential: ZWebAuthnResponse });
export const ZPasskeyRenameBody = z.strictObject({ name: ZPasskeyName });

export const ZEmailFactorBody = z.strictObject({ enabled: z.boolean() });
/** E.164 once spaces, dashes and parentheses are removed. */
export const ZPhoneNumber = ZLine.trim()
  .transform((value) => value.replace(/[\s().-]/g, ''))
  .pipe(ZLine.regex(/^\+[1-9]\d{7,14}$/, 'international format, +15145550123'));
export const ZSmsFactorSetupBody = z.strictObject({ phone: ZPhoneNumber });
export const ZSmsFactorConfirmBody = z.strictObject({ code: ZOneTimeCode });

/** A sign-in alert's link: ends the session it speaks of. */
export const ZEndSessionByLinkBody = z.strictObject({ token: ZLine.min(20).max(200) });

/** An admin's recovery of an account that lost every factor, after checking the person's identity. */
export const ZTwoFactorResetBody = z.strictObject({
  /** How the identity was checked (video call with the ID document, the firm's confirmation…). */
  identityCheck: ZLine.trim().min(10).max(500),
});

// Firms

/** One IPv4 or IPv6 range in CIDR notation (`203.0.113.0/24`, `2001:db8::/48`); a bare address is a /32 or /128. */
export const ZIpRange = z.strictObject({
  cidr: ZLine.trim().min(2).max(49),
  label: ZLine.trim().max(80).default(''),
});
export const ZIpAllowlistBody = z.strictObject({
  enabled: z.boolean(),
  ranges: z.array(ZIpRange).max(100),
});
export type TIpAllowlistBody = z.input<typeof ZIpAllowlistBody>;
export const ZIpAllowlist = z.object({
  enabled: z.boolean(),
  ranges: z.array(z.object({ id: z.uuid(), cidr: ZString, label: ZString })),
  /** The address this request came from, as the API sees it (`TRUST_PROXY`). */
  yourAddress: ZString.nullable(),
  /** Whether that address is inside the ranges. */
  yourAddressAllowed: z.boolean(),
});
export type TIpAllowlist = z.infer<typeof ZIpAllowlist>;
/** A firm's two-factor rule for its members. */
export const ZFirmSecurityPolicyBody = z.strictObject({ requireTwoFactor: z.boolean() });
/** `GET|PUT /api/firms/{id}/security-policy`: every member must sign in with a second factor. */
export const ZFirmSecurityPolicy = z.object({ requireTwoFactor: z.boolean() });
export type TFirmSecurityPolicy = z.infer<typeof ZFirmSecurityPolicy>;
/** A member outside the firm's networks opens the dossiers for an hour after a fresh second factor (audited). */
export const ZIpBypassBody = z.strictObject({ reason: ZLine.trim().min(5).max(300) });
export const ZIpBypass = z.object({ until: ZDateTime });

// Dev mailbox (embedded mode): the text messages the SMS port kept instead of sending them

export const ZDevSms = z.object({
  id: z.uuid(),
  to: ZString,
  body: ZString,
  createdAt: ZDateTime,
});
export type TDevSms = z.infer<typeof ZDevSms>;

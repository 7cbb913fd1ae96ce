import { z } from 'zod';
import { ZString } from './primitives';

/**
 * Every error the API returns carries one of these stable codes. The web app translates them
 * (`errors.<CODE>` in its locale files), so a code is never renamed once shipped.
 */
export const appErrorStatus = {
  VALIDATION_FAILED: 400,
  BAD_REQUEST: 400,
  INVALID_JSON: 400,
  /** A `cursor` the API did not write (forged, truncated, or of another list): start from the first page. */
  INVALID_CURSOR: 400,
  INVALID_TOKEN: 400,
  TOKEN_EXPIRED: 400,
  PASSWORD_TOO_WEAK: 400,
  WRONG_PASSWORD: 400,
  STREAM_LINK_NOT_ALLOWED: 400,
  /** Inside: a post or comment contains a refused word (the word is in `detail` and `errors`). */
  CONTENT_BLOCKED: 400,
  UNAUTHENTICATED: 401,
  INVALID_CREDENTIALS: 401,
  SESSION_EXPIRED: 401,
  REFRESH_TOKEN_REUSED: 401,
  /** A second-factor code, recovery code or passkey answer that is wrong, used already or not this user's. */
  SECOND_FACTOR_INVALID: 401,
  /** The sign-in waiting for its second factor is over (10 minutes, or too many wrong codes): log in again. */
  SECOND_FACTOR_EXPIRED: 401,
  /** A sensitive action needs a fresh proof of identity (`methods` lists how): `POST /api/auth/step-up`. */
  STEP_UP_REQUIRED: 401,
  FORBIDDEN: 403,
  /** A pro whose licence is not verified (or no longer) cannot reach candidates: list, accept, invite, publish. */
  PRO_NOT_VERIFIED: 403,
  /** Only a candidate whose dossier this pro followed 30 days (or closed) may review them. */
  REVIEW_NOT_ALLOWED: 403,
  EMAIL_NOT_VERIFIED: 403,
  /** The policy requires a second factor and its grace is over: only setting one up is open. */
  TWO_FACTOR_SETUP_REQUIRED: 403,
  /** The firm's members may reach its client dossiers only from its network ranges (audited). */
  IP_NOT_ALLOWED: 403,
  ACCOUNT_SUSPENDED: 403,
  NOT_FOUND: 404,
  ROUTE_NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  CONFLICT: 409,
  /** Removing this factor would leave an account that must have one (pro, admin, firm policy) without it. */
  LAST_FACTOR_REQUIRED: 409,
  /** The authenticator is already set up: remove it before setting up another. */
  TOTP_ALREADY_ENABLED: 409,
  /** The passkey could not be registered (the browser's answer did not verify). */
  PASSKEY_REGISTRATION_FAILED: 400,
  /** The licence number is held by another pending or verified pro (who is never named). */
  LICENCE_ALREADY_CLAIMED: 409,
  /** One review per dossier. */
  REVIEW_ALREADY_EXISTS: 409,
  /** Past the 30 days a review can be edited, or a second reply. */
  REVIEW_NOT_EDITABLE: 409,
  /** Three testimonials are featured already, or the reviewer did not agree to it. */
  TESTIMONIAL_NOT_ALLOWED: 409,
  /** The verification file cannot change now (submitted, under review, or decided). */
  VERIFICATION_NOT_EDITABLE: 409,
  /** The file misses something (licence, identity document, two references, profile) to be submitted. */
  VERIFICATION_INCOMPLETE: 400,
  /** That decision does not apply to the file's current state (approving a revoked file…). */
  VERIFICATION_DECISION_NOT_ALLOWED: 409,
  /** Approving or re-checking needs a capture of the register page first. */
  REGISTER_CAPTURE_MISSING: 400,
  /** A batch run without its dry run, with a count that is not the dry run's, or a dry run already run or expired. */
  BATCH_NOT_CONFIRMED: 409,
  /** The batch cannot be undone: its action is not reversible, it is not finished, or its 24 hours are over. */
  BATCH_NOT_UNDOABLE: 409,
  /** An admin cannot suspend, ban, demote or merge away their own account. */
  SELF_ACTION_NOT_ALLOWED: 409,
  /** The platform must keep one active admin: the last one cannot be suspended, banned or demoted. */
  LAST_ADMIN: 409,
  /** Two accounts that cannot be merged (the same one, different roles, or one of them an admin). */
  MERGE_NOT_ALLOWED: 409,
  /** Inside: a watched word silenced this member for a while; they can read but not post. */
  AUTHOR_SILENCED: 403,
  /** Inside: a new member's text holds a link or an image, which their trust level does not allow yet. */
  TRUST_LEVEL_TOO_LOW: 403,
  /** A rejection or suspension can be appealed once. */
  APPEAL_NOT_ALLOWED: 409,
  /** A pro with client files still open cannot delete their account: hand them off or close them first. */
  OPEN_CLIENT_FILES: 409,
  /** The typed email does not match the account's: nothing was deleted. */
  DELETION_NOT_CONFIRMED: 400,
  /** No deletion of this account is waiting. */
  NO_PENDING_DELETION: 409,
  /** An export of this account is being prepared already: wait for it. */
  EXPORT_IN_PROGRESS: 409,
  /** The export is not ready (being prepared, or failed): nothing to download yet. */
  EXPORT_NOT_READY: 409,
  /** The export's link is past its 7 days (or the file is gone): request a new export. */
  EXPORT_EXPIRED: 410,
  /** The terms and the privacy policy cannot be withdrawn while the account exists: delete the account instead. */
  CONSENT_REQUIRED: 409,
  /** A human review of this decision was asked already (or given). */
  REVIEW_ALREADY_REQUESTED: 409,
  /**
   * A webhook's address is not https, or its host resolves to a private, loopback, link-local or otherwise
   * non-public address (no server-side request forgery). Also for a push subscription's endpoint.
   */
  WEBHOOK_URL_NOT_ALLOWED: 400,
  /** Push notifications are not configured on this server (no VAPID keys). */
  PUSH_UNAVAILABLE: 503,
  /** No number waits for a code: send one first (`POST /api/me/phone`). */
  NO_PHONE_PENDING: 409,
  /** The person's text messages for today are used up (the daily cap): try tomorrow. */
  SMS_DAILY_CAP: 429,
  /** Only a delivery that failed or was delivered can be sent again; this one is still being tried. */
  WEBHOOK_DELIVERY_PENDING: 409,
  ALREADY_ASSIGNED: 409,
  DOCUMENT_ALREADY_REVIEWED: 409,
  DOCUMENT_NOT_IN_DOSSIER: 400,
  REGISTRATION_CLOSED: 409,
  EVENT_NOT_EDITABLE: 409,
  PAYLOAD_TOO_LARGE: 413,
  ACCOUNT_LOCKED: 423,
  UNSUPPORTED_MEDIA_TYPE: 415,
  FILE_TYPE_NOT_ALLOWED: 415,
  UPLOAD_INCOMPLETE: 400,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  SERVICE_UNAVAILABLE: 503,
  /** SMS cannot be sent now (no provider configured, or it refused): use another method. */
  SMS_UNAVAILABLE: 503,
} as const satisfies Record<string, number>;

export type AppErrorCode = keyof typeof appErrorStatus;
export const appErrorCodes = Object.keys(appErrorStatus) as [AppErrorCode, ...AppErrorCode[]];
export const ZAppErrorCode = z.enum(appErrorCodes);

/** One failing field of a request: `path` is dotted (`body.email`, `query.limit`). */
export const ZFieldError = z.object({
  path: ZString,
  message: ZString,
  code: ZString,
});
export type TFieldError = z.infer<typeof ZFieldError>;

/** RFC 9457 problem details, as every error response of the API. */
export const ZProblem = z.object({
  type: ZString,
  title: ZString,
  status: z.number().int(),
  code: ZAppErrorCode,
  detail: ZString.optional(),
  instance: ZString.optional(),
  errors: z.array(ZFieldError).optional(),
  /** STEP_UP_REQUIRED: the ways the caller can prove it is them. */
  methods: z.array(ZString).optional(),
});
export type TProblem = z.infer<typeof ZProblem>;

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

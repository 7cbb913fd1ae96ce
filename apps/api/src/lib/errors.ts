import {
  type AppErrorCode,
  appErrorStatus,
  PROBLEM_CONTENT_TYPE,
  type TFieldError,
  type TProblem,
} from '@capitune/contracts';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';

/** An expected failure: carries a stable code that decides the HTTP status and that the web translates. */
export class AppError extends Error {
  readonly status: number;
  readonly fieldErrors: TFieldError[] | undefined;
  /** Sent as `Retry-After` (rate limits, locked accounts). */
  readonly retryAfterSeconds: number | undefined;
  /** STEP_UP_REQUIRED: how the caller can prove it is them (the problem's `methods`). */
  readonly methods: string[] | undefined;

  constructor(
    readonly code: AppErrorCode,
    message?: string,
    extra: { fieldErrors?: TFieldError[]; retryAfterSeconds?: number; methods?: string[] } = {},
  ) {
    super(message ?? titles[code] ?? code);
    this.name = 'AppError';
    this.status = appErrorStatus[code];
    this.fieldErrors = extra.fieldErrors;
    this.retryAfterSeconds = extra.retryAfterSeconds;
    this.methods = extra.methods;
  }
}

/**
 * A field of the request that the rules refuse (beyond its schema): 422-style VALIDATION_FAILED on that path.
 * `detail`, the problem's own message, is the field's message unless given.
 */
export function fieldError(path: string, code: string, message: string, detail = message): AppError {
  return new AppError('VALIDATION_FAILED', detail, { fieldErrors: [{ path, message, code }] });
}

/**
 * A state the code rules out (an insert that returned no row, a thread without its top comment): a bug,
 * answered as a 500 INTERNAL and logged with its message, never a client's fault.
 */
export class InvariantError extends Error {
  override name = 'InvariantError';
}

const titles: Partial<Record<AppErrorCode, string>> = {
  VALIDATION_FAILED: 'The request is not valid',
  BAD_REQUEST: 'The request cannot be processed',
  INVALID_JSON: 'The request body is not valid JSON',
  INVALID_CURSOR: 'This page cursor is not valid',
  UNAUTHENTICATED: 'Authentication is required',
  FORBIDDEN: 'You are not allowed to do this',
  NOT_FOUND: 'Not found',
  ROUTE_NOT_FOUND: 'No such API route',
  METHOD_NOT_ALLOWED: 'Method not allowed',
  CONFLICT: 'The request conflicts with the current state',
  PAYLOAD_TOO_LARGE: 'The request body is too large',
  UNSUPPORTED_MEDIA_TYPE: 'Unsupported content type',
  UPLOAD_INCOMPLETE: 'The upload was cut off before the end',
  RATE_LIMITED: 'Too many requests, try again later',
  INTERNAL: 'An unexpected error occurred',
  INVALID_TOKEN: 'This link is not valid or was already used',
  TOKEN_EXPIRED: 'This link has expired',
  PASSWORD_TOO_WEAK: 'This password is too easy to guess',
  WRONG_PASSWORD: 'The current password is not right',
  CONTENT_BLOCKED: 'This text contains a word that is not allowed',
  INVALID_CREDENTIALS: 'Wrong email or password',
  SESSION_EXPIRED: 'The session has ended, log in again',
  REFRESH_TOKEN_REUSED: 'This session was ended for safety, log in again',
  EMAIL_NOT_VERIFIED: 'Confirm your email address first',
  ACCOUNT_SUSPENDED: 'This account is suspended',
  ACCOUNT_LOCKED: 'Too many failed logins from this address; try again later',
  SECOND_FACTOR_INVALID: 'This code or passkey is not valid',
  SECOND_FACTOR_EXPIRED: 'This sign-in has expired, log in again',
  STEP_UP_REQUIRED: 'Confirm it is you to continue',
  TWO_FACTOR_SETUP_REQUIRED: 'Set up a second factor to continue',
  IP_NOT_ALLOWED: 'Your firm allows access to client files only from its own networks',
  LAST_FACTOR_REQUIRED: 'Your account must keep at least one authenticator or passkey',
  TOTP_ALREADY_ENABLED: 'An authenticator app is already set up',
  PASSKEY_REGISTRATION_FAILED: 'The passkey could not be registered',
  SMS_UNAVAILABLE: 'Text messages cannot be sent right now',
  SERVICE_UNAVAILABLE: 'The service is temporarily unavailable',
  BATCH_NOT_CONFIRMED: 'Run the dry run first and confirm with the number of people it counted',
  BATCH_NOT_UNDOABLE: 'This batch cannot be undone',
  SELF_ACTION_NOT_ALLOWED: 'An admin cannot do this to their own account',
  LAST_ADMIN: 'The platform must keep at least one active admin',
  MERGE_NOT_ALLOWED: 'These accounts cannot be merged',
  AUTHOR_SILENCED: 'You cannot post for a while',
  TRUST_LEVEL_TOO_LOW: 'New members cannot post links or images yet',
};

export function problemTitle(code: AppErrorCode): string {
  return titles[code] ?? code;
}

export function sendProblem(
  reply: FastifyReply,
  code: AppErrorCode,
  extra: { detail?: string; errors?: TFieldError[]; status?: number; methods?: string[] } = {},
): FastifyReply {
  const status = extra.status ?? appErrorStatus[code];
  const body: TProblem = {
    type: `urn:capitune:problem:${code.toLowerCase().replaceAll('_', '-')}`,
    title: problemTitle(code),
    status,
    code,
    instance: reply.request.url.split('?')[0],
    ...(extra.detail ? { detail: extra.detail } : {}),
    ...(extra.errors ? { errors: extra.errors } : {}),
    ...(extra.methods ? { methods: extra.methods } : {}),
  };
  return reply.code(status).type(PROBLEM_CONTENT_TYPE).send(body);
}

/** Fastify's own error codes that are the client's fault, mapped to ours. */
const fastifyCodes: Record<string, AppErrorCode> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'INVALID_JSON',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'BAD_REQUEST',
  FST_ERR_CTP_BODY_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'BAD_REQUEST',
  FST_ERR_CTP_INVALID_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  // @fastify/multipart's
  FST_INVALID_MULTIPART_CONTENT_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_MP_PREMATURE_CLOSE: 'UPLOAD_INCOMPLETE',
  FST_PARTS_LIMIT: 'PAYLOAD_TOO_LARGE',
  FST_FILES_LIMIT: 'PAYLOAD_TOO_LARGE',
  FST_FIELDS_LIMIT: 'PAYLOAD_TOO_LARGE',
  FST_REQ_FILE_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  FST_PROTO_VIOLATION: 'BAD_REQUEST',
  FST_INVALID_JSON_FIELD_ERROR: 'BAD_REQUEST',
};

/**
 * The multipart parser (busboy, under @fastify/multipart) throws plain errors, known by their message: a
 * body that stops before its closing boundary is UPLOAD_INCOMPLETE, a missing, empty or over-long boundary
 * BAD_REQUEST.
 */
function multipartProblem(error: Error): { code: AppErrorCode; detail: string } | undefined {
  if (/Unexpected end of multipart data|terminated early due to unexpected end/.test(error.message))
    return { code: 'UPLOAD_INCOMPLETE', detail: 'The upload was cut off before the end' };
  if (/^(Multipart: Boundary not found|Boundary required|The needle cannot )/.test(error.message))
    return { code: 'BAD_REQUEST', detail: 'The multipart boundary is missing or not valid' };
  return undefined;
}

/** Error codes of node-postgres and PostgreSQL meaning "the database is not reachable right now". */
const unavailableCodes = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'ENOTFOUND',
  '57P01',
  '57P03',
  '08006',
  '08001',
  '08003',
  '53300',
  // statement_timeout (a lock held too long, a stuck database) and lock_timeout
  '57014',
  '55P03',
]);

export function isDatabaseUnavailable(error: unknown): boolean {
  // drizzle wraps the driver's error ("Failed query: …") and keeps it as the cause.
  for (let current: unknown = error, depth = 0; current instanceof Error && depth < 5; depth++) {
    const code = (current as { code?: string }).code;
    if (code && unavailableCodes.has(code)) return true;
    if (
      /timeout exceeded when trying to connect|Connection terminated|connect ECONNREFUSED|Query read timeout/i.test(
        current.message,
      )
    )
      return true;
    current = current.cause;
  }
  return false;
}

/** Whether a query failed on this unique index or constraint (drizzle keeps the driver's error as the cause). */
export function isUniqueViolation(error: unknown, constraint: string): boolean {
  for (let current: unknown = error, depth = 0; current instanceof Error && depth < 5; depth++) {
    const { code, constraint: name } = current as { code?: string; constraint?: string };
    if (code === '23505') return name === constraint;
    current = current.cause;
  }
  return false;
}

function toFieldErrors(error: FastifyError): TFieldError[] {
  const context = error.validationContext ?? 'body';
  return (error.validation ?? []).map((item) => {
    const issue = (item.params as { issue?: { code?: string; path?: PropertyKey[] } } | undefined)?.issue;
    // A refinement's own code (`licence_format`…, zod's issue `params`) says more to the web than `custom`.
    const own = (item.params as { params?: { code?: unknown } } | undefined)?.params?.code;
    const ownCode = typeof own === 'string' ? own : undefined;
    const segments = issue?.path?.map(String) ?? item.instancePath.split('/').filter(Boolean);
    return {
      path: [context === 'querystring' ? 'query' : context, ...segments].join('.'),
      message: item.message ?? 'Invalid value',
      code: ownCode ?? issue?.code ?? item.keyword,
    };
  });
}

function errorHandler(
  this: FastifyInstance,
  error: FastifyError,
  request: FastifyRequest,
  reply: FastifyReply,
) {
  if (error instanceof AppError) {
    if (error.status >= 500) request.log.error({ err: error }, error.message);
    if (error.retryAfterSeconds) reply.header('retry-after', String(error.retryAfterSeconds));
    return sendProblem(reply, error.code, {
      ...(error.message !== problemTitle(error.code) ? { detail: error.message } : {}),
      ...(error.fieldErrors ? { errors: error.fieldErrors } : {}),
      ...(error.methods ? { methods: error.methods } : {}),
    });
  }
  if (hasZodFastifySchemaValidationErrors(error)) {
    return sendProblem(reply, 'VALIDATION_FAILED', { errors: toFieldErrors(error) });
  }
  const mapped = error.code ? fastifyCodes[error.code] : undefined;
  if (mapped) return sendProblem(reply, mapped, { detail: error.message });
  const multipart = multipartProblem(error);
  if (multipart) return sendProblem(reply, multipart.code, { detail: multipart.detail });
  if (error.statusCode === 429) return sendProblem(reply, 'RATE_LIMITED', { detail: error.message });
  if (isDatabaseUnavailable(error)) {
    request.log.warn({ err: error }, 'database unavailable');
    reply.header('retry-after', '5');
    return sendProblem(reply, 'SERVICE_UNAVAILABLE');
  }
  if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
    return sendProblem(reply, 'BAD_REQUEST', { detail: error.message, status: error.statusCode });
  }
  request.log.error({ err: error }, 'unhandled error');
  return sendProblem(reply, 'INTERNAL');
}

export function registerErrorHandler(app: FastifyInstance) {
  app.setErrorHandler(errorHandler);
}

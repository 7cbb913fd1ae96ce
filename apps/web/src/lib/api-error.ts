import type { AppErrorCode, TFieldError } from '@capitune/contracts';

/**
 * The codes the API sends, plus `NETWORK` when the server could not be reached at all and
 * `STEP_UP_CANCELLED` when the person closed the "confirm it is you" dialog of a sensitive action.
 */
export type ApiErrorCode = AppErrorCode | 'NETWORK' | 'STEP_UP_CANCELLED';

/** A failed API call: HTTP status (0 when there was no response), stable code, and failing fields. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  readonly status: number;
  readonly code: ApiErrorCode;
  readonly fieldErrors: TFieldError[];
  readonly detail: string | undefined;
  /** From `Retry-After` (rate limits, locked accounts): how long to wait before trying again. */
  readonly retryAfterSeconds: number | undefined;
  /** STEP_UP_REQUIRED: the ways the person can prove it is them. */
  readonly methods: string[];

  constructor(options: {
    status: number;
    code: ApiErrorCode;
    message?: string;
    detail?: string;
    fieldErrors?: TFieldError[];
    retryAfterSeconds?: number;
    methods?: string[];
    cause?: unknown;
  }) {
    super(options.message ?? options.code, { cause: options.cause });
    this.status = options.status;
    this.code = options.code;
    this.detail = options.detail;
    this.fieldErrors = options.fieldErrors ?? [];
    this.retryAfterSeconds = options.retryAfterSeconds;
    this.methods = options.methods ?? [];
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

/** `Retry-After` as seconds: a number of seconds or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null, now: number = Date.now()): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, Math.ceil((date - now) / 1000));
}

/** Worth retrying: the network or the server failed, not the request itself. */
export function isTransientError(error: unknown): boolean {
  if (!isApiError(error)) return false;
  return error.code === 'NETWORK' || error.status === 502 || error.status === 503 || error.status === 504;
}

/** The message to show for any error, in the current language: `errors.<code>`, else the generic one. */
export function getErrorMessage(t: (...args: never[]) => unknown, error: unknown): string {
  // Any `t` (whatever its namespaces): the keys are built from the code, and the namespace is explicit.
  const translate = t as unknown as (key: string, options?: Record<string, unknown>) => string;
  const fallback = translate('errors.INTERNAL', { ns: 'common' });
  if (isApiError(error)) {
    return translate(`errors.${error.code}`, { ns: 'common', defaultValue: fallback });
  }
  return fallback;
}

import type { AppErrorCode, TFieldError } from '@capitune/contracts';
import type { TFunction } from 'i18next';

/** The codes the API sends, plus `NETWORK` when the server could not be reached at all. */
export type ApiErrorCode = AppErrorCode | 'NETWORK';

/** A failed API call: HTTP status (0 when there was no response), stable code, and failing fields. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  readonly status: number;
  readonly code: ApiErrorCode;
  readonly fieldErrors: TFieldError[];
  readonly detail: string | undefined;

  constructor(options: {
    status: number;
    code: ApiErrorCode;
    message?: string;
    detail?: string;
    fieldErrors?: TFieldError[];
    cause?: unknown;
  }) {
    super(options.message ?? options.code, { cause: options.cause });
    this.status = options.status;
    this.code = options.code;
    this.detail = options.detail;
    this.fieldErrors = options.fieldErrors ?? [];
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

/** Worth retrying: the network or the server failed, not the request itself. */
export function isTransientError(error: unknown): boolean {
  if (!isApiError(error)) return false;
  return error.code === 'NETWORK' || error.status === 502 || error.status === 503 || error.status === 504;
}

/** The message to show for any error, in the current language: `errors.<code>`, else the generic one. */
export function getErrorMessage(t: TFunction, error: unknown): string {
  if (isApiError(error)) {
    const key = `errors.${error.code}` as const;
    return t(key, { ns: 'common', defaultValue: t('errors.INTERNAL', { ns: 'common' }) });
  }
  return t('errors.INTERNAL', { ns: 'common' });
}

import { type AppErrorCode, PROBLEM_CONTENT_TYPE, ZProblem } from '@capitune/contracts';
import { ApiError, parseRetryAfter } from './api-error';
import { session } from './auth';
import { requestStepUp } from './step-up';
import { twoFactorGate } from './two-factor-gate';

export {
  ApiError,
  type ApiErrorCode,
  getErrorMessage,
  isApiError,
  isTransientError,
  parseRetryAfter,
} from './api-error';

/** Anything with zod's `parse` (a zod schema from `@capitune/contracts`, typically). */
export interface ResponseSchema<T> {
  parse(data: unknown): T;
}

export interface ApiFetchOptions<T> {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Sent as JSON; a FormData is sent as is (file uploads). */
  body?: unknown;
  /** Validates and types the response body. */
  schema?: ResponseSchema<T>;
  headers?: HeadersInit;
  signal?: AbortSignal;
  /** On a 401, refresh the session once and retry (default true; false for the login itself). */
  retryOnUnauthorised?: boolean;
  /**
   * On a 401 STEP_UP_REQUIRED, ask the person to confirm it is them, then send the request once more
   * (default true; false for the requests of the confirmation itself).
   */
  stepUp?: boolean;
}

const statusCodes: Record<number, AppErrorCode> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  423: 'ACCOUNT_LOCKED',
  429: 'RATE_LIMITED',
  502: 'SERVICE_UNAVAILABLE',
  503: 'SERVICE_UNAVAILABLE',
  504: 'SERVICE_UNAVAILABLE',
};

/** The code for an error response that is not problem+json (a proxy's HTML page, say). */
export function codeForStatus(status: number): AppErrorCode {
  return statusCodes[status] ?? 'INTERNAL';
}

async function readBody(response: Response): Promise<unknown> {
  const text = await response.text();
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** Turns an error response into an ApiError, using its problem+json body when there is one. */
export async function toApiError(response: Response): Promise<ApiError> {
  const body = await readBody(response);
  const retryAfterSeconds = parseRetryAfter(response.headers.get('retry-after'));
  const contentType = response.headers.get('content-type') ?? '';
  const problem = contentType.includes(PROBLEM_CONTENT_TYPE) ? ZProblem.safeParse(body) : undefined;
  if (problem?.success) {
    return new ApiError({
      status: response.status,
      code: problem.data.code,
      message: problem.data.title,
      detail: problem.data.detail,
      fieldErrors: problem.data.errors,
      retryAfterSeconds,
      methods: problem.data.methods,
    });
  }
  return new ApiError({ status: response.status, code: codeForStatus(response.status), retryAfterSeconds });
}

export interface AuthorisedRequestOptions {
  retryOnUnauthorised?: boolean | undefined;
  stepUp?: boolean | undefined;
}

/**
 * Sends a request of the session (`session.fetch`: the access token, one refresh on an expired one) and
 * resolves with the response once it is a success. A sensitive action refused for want of a fresh proof
 * (401 STEP_UP_REQUIRED) asks for one through the step-up dialog and is sent once more; cancelling it
 * rejects with `STEP_UP_CANCELLED`. A 403 TWO_FACTOR_SETUP_REQUIRED tells the layout to open the
 * security page. Any other error response rejects with its ApiError, a network failure with `NETWORK`.
 */
export async function authorisedRequest(
  path: string,
  init: RequestInit,
  options: AuthorisedRequestOptions = {},
): Promise<Response> {
  const send = async () => {
    try {
      return await session.fetch(path, init, { retryOnUnauthorised: options.retryOnUnauthorised });
    } catch (error) {
      if (init.signal?.aborted) throw error;
      throw new ApiError({
        status: 0,
        code: 'NETWORK',
        message: 'The server could not be reached',
        cause: error,
      });
    }
  };

  let response = await send();
  if (response.ok) return response;
  let error = await toApiError(response);
  if (error.code === 'STEP_UP_REQUIRED' && options.stepUp !== false) {
    if (!(await requestStepUp(error.methods))) {
      throw new ApiError({ status: 401, code: 'STEP_UP_CANCELLED', cause: error });
    }
    // Once only: a second refusal is the answer.
    response = await send();
    if (response.ok) return response;
    error = await toApiError(response);
  }
  if (error.code === 'TWO_FACTOR_SETUP_REQUIRED') twoFactorGate.report();
  throw error;
}

/**
 * Calls the API (same origin, cookies included, with the access token of the session when signed in: a
 * 401 refreshes the session once and retries; a step-up asked for is given, then the call is sent once
 * more). Resolves with the JSON body, checked by `schema` when given; rejects with an ApiError for any
 * error response or network failure.
 */
export async function apiFetch<T = unknown>(path: string, options: ApiFetchOptions<T> = {}): Promise<T> {
  const { method = 'GET', body, schema, signal, retryOnUnauthorised, stepUp } = options;
  const headers = new Headers(options.headers);
  headers.set('accept', `application/json, ${PROBLEM_CONTENT_TYPE}`);
  let payload: BodyInit | undefined;
  if (body instanceof FormData) {
    payload = body;
  } else if (body !== undefined) {
    headers.set('content-type', 'application/json');
    payload = JSON.stringify(body);
  }

  const response = await authorisedRequest(
    path,
    { method, headers, body: payload, signal },
    { retryOnUnauthorised, stepUp },
  );
  const data = response.status === 204 ? undefined : await readBody(response);
  if (!schema) return data as T;
  try {
    return schema.parse(data);
  } catch (error) {
    throw new ApiError({
      status: response.status,
      code: 'INTERNAL',
      message: `Unexpected response from ${method} ${path}`,
      cause: error,
    });
  }
}

import { PROBLEM_CONTENT_TYPE } from '@capitune/contracts';
import { ApiError, authorisedRequest, type ResponseSchema, toApiError } from './api-client';
import { session } from './auth';

/** Turns the XMLHttpRequest's answer into a Response, to read errors as `apiFetch` does. */
function toResponse(xhr: XMLHttpRequest): Response {
  const headers = new Headers();
  for (const line of xhr
    .getAllResponseHeaders()
    .trim()
    .split(/[\r\n]+/)) {
    const index = line.indexOf(':');
    if (index > 0) headers.append(line.slice(0, index).trim(), line.slice(index + 1).trim());
  }
  return new Response(xhr.status === 204 ? null : xhr.responseText, { status: xhr.status, headers });
}

function send(
  method: 'POST' | 'PUT',
  path: string,
  file: File,
  token: string | null,
  onProgress: (fraction: number) => void,
  options: UploadOptions,
): Promise<Response> {
  // The fields go before the file: the server reads them first, then streams the file.
  const form = new FormData();
  for (const [name, value] of Object.entries(options.fields ?? {})) form.append(name, value);
  form.append('file', file, file.name);
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open(method, path);
    xhr.withCredentials = true;
    xhr.setRequestHeader('accept', `application/json, ${PROBLEM_CONTENT_TYPE}`);
    if (token) xhr.setRequestHeader('authorization', `Bearer ${token}`);
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) onProgress(event.loaded / event.total);
    };
    xhr.onload = () => resolve(toResponse(xhr));
    xhr.onerror = () => reject(new ApiError({ status: 0, code: 'NETWORK' }));
    xhr.onabort = () => reject(new DOMException('Upload cancelled', 'AbortError'));
    options.signal?.addEventListener('abort', () => xhr.abort(), { once: true });
    xhr.send(form);
  });
}

export interface UploadOptions {
  /** Form fields sent before the file. */
  fields?: Record<string, string>;
  /** Aborting cancels the upload (the promise rejects with an AbortError). */
  signal?: AbortSignal | undefined;
}

/**
 * Sends one file as the multipart field `file` (after `options.fields`), with XMLHttpRequest, whose upload reports progress
 * (fetch's does not). A 401 renews the session once and sends the file again. The answer is checked by
 * `schema`, as `apiFetch` does.
 */
export async function uploadFile<T>(
  method: 'POST' | 'PUT',
  path: string,
  file: File,
  schema: ResponseSchema<T>,
  onProgress: (fraction: number) => void,
  options: UploadOptions = {},
): Promise<T> {
  const token = session.getAccessToken();
  let response = await send(method, path, file, token, onProgress, options);
  if (response.status === 401 && token && (await session.refresh())) {
    onProgress(0);
    response = await send(method, path, file, session.getAccessToken(), onProgress, options);
  }
  if (!response.ok) throw await toApiError(response);
  try {
    return schema.parse(await response.json());
  } catch (error) {
    throw new ApiError({ status: response.status, code: 'INTERNAL', cause: error });
  }
}

/**
 * Downloads a private file (sent only with the access token) and hands it to the browser as a
 * download named `fileName`. A `POST` with a JSON body asks for a file built from the body (an
 * inspection export for a date range).
 */
export async function downloadFile(
  path: string,
  fileName: string,
  request: { method: 'POST'; body: unknown } | undefined = undefined,
): Promise<void> {
  const headers: Record<string, string> = { accept: `*/*, ${PROBLEM_CONTENT_TYPE}` };
  const init: RequestInit = request
    ? {
        method: request.method,
        headers: { ...headers, 'content-type': 'application/json' },
        body: JSON.stringify(request.body),
      }
    : { headers };
  // A whole dossier or an export may ask the person to confirm it is them first (step-up).
  const response = await authorisedRequest(path, init);
  const url = URL.createObjectURL(await response.blob());
  const link = window.document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  window.document.body.append(link);
  link.click();
  link.remove();
  // Give the browser time to start the download before the URL goes.
  window.setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

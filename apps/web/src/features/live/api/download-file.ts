import { useMutation } from '@tanstack/react-query';
import { authorisedRequest } from '../../../lib/api-client';
import { eventPath } from './keys';

/** `attachment; filename="capitune-1a2b3c4d.ics"` → the name. */
export function filenameOf(disposition: string | null, fallback: string): string {
  const match = disposition ? /filename="?([^";]+)"?/i.exec(disposition) : null;
  return match?.[1]?.trim() || fallback;
}

/**
 * Downloads a file of the API with the session's access token (a plain link would go without it: drafts and
 * registrant lists need it), by way of a blob and a temporary link; named as the server says.
 */
export async function downloadFile(path: string, fallbackName: string): Promise<void> {
  // A registrant list is an export: the person may be asked to confirm it is them first (step-up).
  const response = await authorisedRequest(path, { headers: { accept: '*/*' } });
  const blob = await response.blob();
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filenameOf(response.headers.get('content-disposition'), fallbackName);
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // Give the browser time to start the download before the blob goes.
  window.setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** `GET /api/events/{id}/ics`: the webinar's calendar file. */
export const eventIcsPath = (id: string) => eventPath(id, '/ics');

/** `GET /api/events/{id}/registrations?format=csv`: the registrants, for the hosts. */
export const registrationsCsvPath = (id: string) => eventPath(id, '/registrations?format=csv');

/** Downloads `path` (saved as `fallbackName` unless the server names it). */
export const useDownloadFile = (path: string, fallbackName: string) =>
  useMutation({ mutationFn: () => downloadFile(path, fallbackName) });

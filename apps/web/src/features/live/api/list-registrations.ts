import { type TRegistrationStatus, ZRegistrationPage } from '@capitune/contracts';
import { apiFetch } from '../../../lib/api-client';
import { useCursorPages } from '../lib/use-cursor-pages';
import { eventPath, liveKeys, searchOf } from './keys';

/** `GET /api/events/{id}/registrations`: for the hosts, by status, with the counts on the first page. */
export const listRegistrations = (
  id: string,
  status: TRegistrationStatus,
  cursor?: string,
  signal?: AbortSignal,
) =>
  apiFetch(eventPath(id, `/registrations${searchOf({ status, cursor, limit: 100 })}`), {
    schema: ZRegistrationPage,
    signal,
  });

export const useRegistrations = (id: string, status: TRegistrationStatus) =>
  useCursorPages(liveKeys.registrations(id, status), (cursor, signal) =>
    listRegistrations(id, status, cursor, signal),
  );

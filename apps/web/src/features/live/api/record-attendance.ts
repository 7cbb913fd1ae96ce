import { ZAttendanceResult } from '@capitune/contracts';
import { useMutation } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client';
import { eventPath } from './keys';

/** `POST /api/events/{id}/attendance`: the registrant is counted as attending (once). */
export const recordAttendance = (id: string) =>
  apiFetch(eventPath(id, '/attendance'), { method: 'POST', schema: ZAttendanceResult });

export const useRecordAttendance = (id: string) => useMutation({ mutationFn: () => recordAttendance(id) });

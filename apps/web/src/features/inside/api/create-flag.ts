import { type TCreateFlagBody, ZFlagResult } from '@capitune/contracts';
import { useMutation } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client';

/** `POST /api/flags`: a report to the moderators (`created: false` when already reported). */
export const createFlag = (body: TCreateFlagBody) =>
  apiFetch('/api/flags', { method: 'POST', body, schema: ZFlagResult });

export const useCreateFlag = () => useMutation({ mutationFn: createFlag });

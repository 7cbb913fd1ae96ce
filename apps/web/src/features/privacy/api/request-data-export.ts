import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client';
import { privacyKeys } from './keys';

/**
 * `POST /api/me/data-export` (202): a background job prepares the ZIP. A sensitive action: the API asks
 * for a step-up first, which the API client answers with the confirmation dialog.
 */
export const requestDataExport = () => apiFetch<unknown>('/api/me/data-export', { method: 'POST', body: {} });

export function useRequestDataExport() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: requestDataExport,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: privacyKeys.dataExports }),
  });
}

import { type TIpAllowlistBody, ZIpAllowlist } from '@capitune/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client';
import { firmPath, ipAllowlistKey } from './keys';

/**
 * `PUT /api/firms/{id}/ip-allowlist`: replaces the ranges (a verified licensee, after confirming it is
 * them). Refused with field errors: a malformed or repeated range (`cidr_invalid`, `duplicate`), a list
 * switched on with no range (`ranges_required`) or without the address saving it (`locks_you_out`).
 */
export const putIpAllowlist = ({ firmId, body }: { firmId: string; body: TIpAllowlistBody }) =>
  apiFetch(firmPath(firmId, '/ip-allowlist'), { method: 'PUT', body, schema: ZIpAllowlist });

export function usePutIpAllowlist() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: putIpAllowlist,
    onSuccess: (saved, { firmId }) => queryClient.setQueryData(ipAllowlistKey(firmId), saved),
  });
}

import { ZFirmSecurityPolicy } from '@capitune/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client';
import { firmPath, securityPolicyKey } from './keys';

/**
 * `PUT /api/firms/{id}/security-policy`: require (or stop requiring) two-factor sign-in of every member.
 * A verified licensee, after confirming it is them (the API client asks when the API says so).
 */
export const putSecurityPolicy = ({
  firmId,
  requireTwoFactor,
}: {
  firmId: string;
  requireTwoFactor: boolean;
}) =>
  apiFetch(firmPath(firmId, '/security-policy'), {
    method: 'PUT',
    body: { requireTwoFactor },
    schema: ZFirmSecurityPolicy,
  });

export function usePutSecurityPolicy() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: putSecurityPolicy,
    onSuccess: (saved, { firmId }) => queryClient.setQueryData(securityPolicyKey(firmId), saved),
  });
}

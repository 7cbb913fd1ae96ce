import { ZPasskey } from '@capitune/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client';
import { securityKeys } from './keys';

/** `PATCH /api/me/passkeys/{id}`. */
export const renamePasskey = ({ id, name }: { id: string; name: string }) =>
  apiFetch(`/api/me/passkeys/${encodeURIComponent(id)}`, {
    method: 'PATCH',
    body: { name },
    schema: ZPasskey,
  });

export function useRenamePasskey() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: renamePasskey,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: securityKeys.passkeys }),
  });
}

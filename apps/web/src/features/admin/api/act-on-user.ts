import { type TAdminUserAction, ZAdminUserActionResult } from '@capitune/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client';
import { adminUserKeys } from './keys';

/** Some actions (ban, role change, merge) need a recent step-up: the API client asks for it. */
export const actOnUser = (id: string, body: TAdminUserAction) =>
  apiFetch(`/api/admin/users/${encodeURIComponent(id)}/actions`, {
    method: 'POST',
    body,
    schema: ZAdminUserActionResult,
  });

/** An action on a member: the answer is the member as they now stand (or an opened dossier's summary). */
export function useActOnUser(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: TAdminUserAction) => actOnUser(id, body),
    onSuccess: (result, body) => {
      if (result.kind === 'user') queryClient.setQueryData(adminUserKeys.detail(id), result.user);
      else void queryClient.invalidateQueries({ queryKey: adminUserKeys.detail(id) });
      // A merge bans the duplicate; any action may change how the member shows in the lists.
      if (body.action === 'merge') {
        void queryClient.invalidateQueries({ queryKey: adminUserKeys.detail(body.duplicateId) });
      }
      void queryClient.invalidateQueries({ queryKey: [...adminUserKeys.all, 'list'] });
    },
  });
}

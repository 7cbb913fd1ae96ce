import type { TFirmInvitationBody } from '@capitune/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client';
import { myFirmKey } from './keys';

export const inviteAgent = (body: TFirmInvitationBody) =>
  apiFetch('/api/me/firm/agents/invitations', { method: 'POST', body });

/** Emails the invitation; the firm is read again to list it. */
export function useInviteAgent() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: inviteAgent,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: myFirmKey }),
  });
}

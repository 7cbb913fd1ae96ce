import type { TConsentPurpose, TMyConsents } from '@capitune/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client';
import { session } from '../../../lib/auth';
import { consentsQuery } from './get-consents';
import { privacyKeys } from './keys';

export interface ConsentChanges {
  changes: { purpose: TConsentPurpose; granted: boolean }[];
  source: 'settings' | 'prompt';
}

/** `POST /api/me/consents`: gives or withdraws, at the versions in force. */
export const postConsents = (body: ConsentChanges) =>
  apiFetch<unknown>('/api/me/consents', { method: 'POST', body });

/**
 * Gives or withdraws consents, then reads them again: the page shows the new state and its history, and
 * the session learns what is still asked (the consent page lets the person through once nothing is).
 */
export function usePostConsents() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: postConsents,
    onSuccess: async (): Promise<TMyConsents> => {
      await queryClient.invalidateQueries({ queryKey: privacyKeys.consents });
      const consents = await queryClient.fetchQuery(consentsQuery());
      const { user } = session.getSnapshot();
      if (user) session.updateUser({ ...user, pendingConsents: consents.pending });
      return consents;
    },
  });
}

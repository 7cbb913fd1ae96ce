import { ZMyVerification } from '@capitune/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client';
import { myVerificationKey } from './keys';

export const appealMyVerification = (text: string) =>
  apiFetch('/api/me/verification/appeal', { method: 'POST', body: { text }, schema: ZMyVerification });

/** The one appeal of a rejection or a suspension. */
export function useAppealMyVerification() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: appealMyVerification,
    onSuccess: (file) => queryClient.setQueryData(myVerificationKey, file),
  });
}

import { ZMyVerification } from '@capitune/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client';
import { myVerificationKey } from './keys';

export const submitMyVerification = () =>
  apiFetch('/api/me/verification/submit', { method: 'POST', body: {}, schema: ZMyVerification });

/** Sends the file to the CAPITUNE team (and the references their links). */
export function useSubmitMyVerification() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: submitMyVerification,
    onSuccess: (file) => queryClient.setQueryData(myVerificationKey, file),
    // A refusal (something missing) may mean the page showed an old state: read it again.
    onError: () => queryClient.invalidateQueries({ queryKey: myVerificationKey }),
  });
}

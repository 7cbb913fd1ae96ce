import { type TMyVerificationBody, ZMyVerification } from '@capitune/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client';
import { myVerificationKey } from './keys';

/** The declaration as the API takes it (before its transforms: the licence as typed). */
export type MyVerificationInput = Omit<TMyVerificationBody, 'references'> & {
  references: Array<Omit<TMyVerificationBody['references'][number], 'locale'> & { locale: 'fr' | 'en' }>;
};

export const saveMyVerification = (body: MyVerificationInput) =>
  apiFetch('/api/me/verification', { method: 'PUT', body, schema: ZMyVerification });

/** Saves the declaration; the answer is the whole file (what is still missing included). */
export function useSaveMyVerification() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: saveMyVerification,
    onSuccess: (file) => queryClient.setQueryData(myVerificationKey, file),
  });
}

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client';
import { referenceKey } from './keys';

export interface ReferenceAnswer {
  token: string;
  answer: 'confirm' | 'decline';
  comment: string | null;
}

export const answerReference = (body: ReferenceAnswer) =>
  apiFetch('/api/references/answer', { method: 'POST', body });

/** The reference's answer, given once; the request is read again to show it as answered. */
export function useAnswerReference() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: answerReference,
    onSuccess: (_data, body) => queryClient.invalidateQueries({ queryKey: referenceKey(body.token) }),
  });
}

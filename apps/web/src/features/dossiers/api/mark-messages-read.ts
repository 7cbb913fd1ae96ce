import { useMutation, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { apiFetch } from '../../../lib/api-client';
import { queryKeys } from '../../../lib/query-keys';
import { dossierPath } from './keys';

/** `POST /api/dossiers/{id}/messages/read`: answers the reader's last read message. */
export const markMessagesRead = (dossierId: string, upToSeq: number) =>
  apiFetch(dossierPath(dossierId, '/messages/read'), {
    method: 'POST',
    body: { upToSeq },
    schema: z.object({ lastReadSeq: z.number() }),
  });

/** The badges of the header and the Messages page follow. */
export function useMarkMessagesRead(dossierId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (upToSeq: number) => markMessagesRead(dossierId, upToSeq),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.unreadMessages });
      void queryClient.invalidateQueries({ queryKey: queryKeys.conversations });
    },
  });
}

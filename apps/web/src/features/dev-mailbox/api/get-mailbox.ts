import { ZDevEmail } from '@capitune/contracts';
import { useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { apiFetch } from '../../../lib/api-client';
import { mailboxKeys } from './keys';

const ZMailbox = z.object({ items: z.array(ZDevEmail) });

/** `GET /api/dev/mailbox`: the outbox in embedded mode (404 elsewhere). */
export const getMailbox = async () => (await apiFetch('/api/dev/mailbox', { schema: ZMailbox })).items;

export function useMailbox() {
  return useQuery({
    queryKey: mailboxKeys.all,
    queryFn: getMailbox,
    staleTime: 0,
    retry: false,
    refetchOnWindowFocus: true,
  });
}

import { ZDevSms } from '@capitune/contracts';
import { useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { apiFetch } from '../../../lib/api-client';
import { mailboxKeys } from './keys';

const ZSmsList = z.object({ items: z.array(ZDevSms) });

/** `GET /api/dev/sms`: the text messages kept instead of sent, in embedded mode (404 elsewhere). */
export const getSms = async () => (await apiFetch('/api/dev/sms', { schema: ZSmsList })).items;

export function useSms() {
  return useQuery({
    queryKey: mailboxKeys.sms,
    queryFn: getSms,
    staleTime: 0,
    retry: false,
    refetchOnWindowFocus: true,
  });
}

import { type TMe, type TUpdateMeBody, ZMe } from '@capitune/contracts';
import { type QueryClient, useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client';
import { accountKeys } from './keys';

/** `PATCH /api/me`: the person's name, countries, language, time zone… */
export const updateMe = (body: TUpdateMeBody): Promise<TMe> =>
  apiFetch('/api/me', { method: 'PATCH', body, schema: ZMe });

/** Saves the account and puts the answer in the cache (the header and the page show it at once). */
export function useUpdateMe() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateMe,
    onSuccess: (updated) => queryClient.setQueryData(accountKeys.me, updated),
  });
}

/** The same outside a component (the header's language switch loads it on demand). */
export async function updateMeAndCache(queryClient: QueryClient, body: TUpdateMeBody): Promise<TMe> {
  const updated = await updateMe(body);
  queryClient.setQueryData(accountKeys.me, updated);
  return updated;
}

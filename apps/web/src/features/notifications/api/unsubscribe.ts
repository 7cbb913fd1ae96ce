import { ZUnsubscribeInfo } from '@capitune/contracts';
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client';

/*
 * One-click unsubscribe of a non-essential email (RFC 8058): the signed token of its `List-Unsubscribe`
 * link. No session needed: the token alone says who and which kind of email.
 */

const unsubscribeKey = (token: string) => ['email-unsubscribe', token] as const;
const unsubscribePath = (token: string) => `/api/email/unsubscribe/${encodeURIComponent(token)}`;

/** `GET`: what the link would turn off (the kind of email, the address, masked) and whether it already is. */
export const useUnsubscribeInfo = (token: string) =>
  useQuery(
    queryOptions({
      queryKey: unsubscribeKey(token),
      queryFn: () =>
        apiFetch(unsubscribePath(token), { schema: ZUnsubscribeInfo, retryOnUnauthorised: false }),
      retry: false,
    }),
  );

/** `POST`: turns that kind of email off (what the mail client's one click does too). */
export function useUnsubscribe(token: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => apiFetch(unsubscribePath(token), { method: 'POST', retryOnUnauthorised: false }),
    onSuccess: () =>
      queryClient.setQueryData(unsubscribeKey(token), (info: { unsubscribed: boolean } | undefined) =>
        info ? { ...info, unsubscribed: true } : info,
      ),
  });
}

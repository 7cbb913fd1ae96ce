import { ZFirmInvitationLookup } from '@capitune/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client';
import { firmInvitationKey } from './keys';

/** What an invitation to join a firm says, from the token of its emailed link (no account needed). */
export const lookupInvitation = (token: string) =>
  apiFetch('/api/firm-invitations/lookup', {
    method: 'POST',
    body: { token },
    schema: ZFirmInvitationLookup,
  });

export const firmInvitationQuery = (token: string) =>
  queryOptions({ queryKey: firmInvitationKey(token), queryFn: () => lookupInvitation(token), retry: false });

export const useFirmInvitation = (token: string) => useQuery(firmInvitationQuery(token));

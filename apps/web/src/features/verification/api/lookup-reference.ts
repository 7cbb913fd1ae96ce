import { ZReferenceRequest } from '@capitune/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client';
import { referenceKey } from './keys';

/** What a reference is asked about, from the token of their emailed link (no account needed). */
export const lookupReference = (token: string) =>
  apiFetch('/api/references/lookup', { method: 'POST', body: { token }, schema: ZReferenceRequest });

export const referenceQuery = (token: string) =>
  queryOptions({ queryKey: referenceKey(token), queryFn: () => lookupReference(token), retry: false });

export const useReferenceRequest = (token: string) => useQuery(referenceQuery(token));

import { ZMyConsents } from '@capitune/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client';
import { privacyKeys } from './keys';

/** `GET /api/me/consents`: each purpose as it stands, what is asked again, and the history. */
export const getConsents = () => apiFetch('/api/me/consents', { schema: ZMyConsents });

export const consentsQuery = () => queryOptions({ queryKey: privacyKeys.consents, queryFn: getConsents });

export const useConsents = () => useQuery(consentsQuery());

import { ZMe } from '@capitune/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client';
import { accountKeys } from './keys';

/** `GET /api/me`: the signed-in person's account. */
export const getMe = () => apiFetch('/api/me', { schema: ZMe });

export const meQuery = () => queryOptions({ queryKey: accountKeys.me, queryFn: getMe });

export const useMe = () => useQuery(meQuery());

import { ZPasskey } from '@capitune/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { apiFetch } from '../../../lib/api-client';
import { securityKeys } from './keys';

const ZPasskeyList = z.object({ items: z.array(ZPasskey) });

/** `GET /api/me/passkeys`: oldest first. */
export const listPasskeys = async () => (await apiFetch('/api/me/passkeys', { schema: ZPasskeyList })).items;

export const passkeysQuery = () => queryOptions({ queryKey: securityKeys.passkeys, queryFn: listPasskeys });

export const usePasskeys = () => useQuery(passkeysQuery());

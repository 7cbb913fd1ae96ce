import { ZSession } from '@capitune/contracts';
import { useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { apiFetch } from '../../../lib/api-client';
import { accountKeys } from './keys';

const ZSessionList = z.object({ items: z.array(ZSession) });

/** `GET /api/me/sessions`: the devices signed in to the account. */
export const listSessions = async () => (await apiFetch('/api/me/sessions', { schema: ZSessionList })).items;

export const useSessions = () => useQuery({ queryKey: accountKeys.sessions, queryFn: listSessions });

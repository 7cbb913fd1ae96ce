import { ZFirm } from '@capitune/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client';
import { myFirmKey } from './keys';

export const getMyFirm = () => apiFetch('/api/me/firm', { schema: ZFirm });

export const myFirmQuery = () => queryOptions({ queryKey: myFirmKey, queryFn: getMyFirm });

/** The pro's firm: licensees with their standing, agents with their supervisor, open invitations. */
export const useMyFirm = () => useQuery(myFirmQuery());

import { ZPrivacyInfo } from '@capitune/contracts';
import { useQuery } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client';

/** `GET /api/privacy` (public): the officer, the versions in force, where data is stored, retention. */
export const getPrivacyInfo = () => apiFetch('/api/privacy', { schema: ZPrivacyInfo });

export const usePrivacyInfo = () =>
  useQuery({ queryKey: ['privacy-info'], queryFn: getPrivacyInfo, staleTime: 10 * 60_000 });

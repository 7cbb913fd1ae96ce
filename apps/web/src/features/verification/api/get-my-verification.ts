import { ZMyVerification } from '@capitune/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client';
import { myVerificationKey } from './keys';

export const getMyVerification = () => apiFetch('/api/me/verification', { schema: ZMyVerification });

export const myVerificationQuery = () =>
  queryOptions({ queryKey: myVerificationKey, queryFn: getMyVerification });

/** The pro's own verification file. */
export const useMyVerification = () => useQuery(myVerificationQuery());

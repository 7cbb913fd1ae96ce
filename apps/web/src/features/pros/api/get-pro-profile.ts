import { ZProProfile } from '@capitune/contracts';
import { useQuery } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client';
import { isApiError } from '../../../lib/api-error';
import { prosKeys, slugPath } from './keys';

/** `GET /api/pros/{slug}`: a verified pro's public profile (the pro themself sees theirs at any time). */
export const getProProfile = (slug: string, signal?: AbortSignal) =>
  apiFetch(slugPath(slug), { schema: ZProProfile, signal });

export function useProProfile(slug: string) {
  return useQuery({
    queryKey: prosKeys.profile(slug),
    queryFn: ({ signal }) => getProProfile(slug, signal),
    // A pro who is not (or no longer) listed answers 404: asking again will not change it.
    retry: (count, error) => !(isApiError(error) && error.status === 404) && count < 2,
  });
}

import { ZProProfile } from '@capitune/contracts';
import { useQuery } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client';
import { dossierKeys } from './keys';

/** `GET /api/pros/{slug}`: a pro chosen in the directory (`?pro=<slug>`), shown first and selected in the chooser. */
export const getPro = (slug: string) =>
  apiFetch(`/api/pros/${encodeURIComponent(slug)}`, { schema: ZProProfile });

export function usePreselectedPro(slug: string | undefined, enabled: boolean) {
  return useQuery({
    queryKey: dossierKeys.pro(slug),
    queryFn: () => getPro(slug ?? ''),
    enabled: enabled && Boolean(slug),
  });
}

import { useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { queryKeys } from '../../../lib/query-keys';

/** After a change to a dossier: its page, the lists and the dashboard show it fresh. */
export function useRefreshDossier(dossierId: string) {
  const queryClient = useQueryClient();
  return useCallback(
    () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: queryKeys.dossier(dossierId) }),
        queryClient.invalidateQueries({ queryKey: queryKeys.dossiers, refetchType: 'none' }),
        queryClient.invalidateQueries({ queryKey: queryKeys.dashboard, refetchType: 'none' }),
      ]),
    [queryClient, dossierId],
  );
}

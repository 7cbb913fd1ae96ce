import type { QueryClient } from '@tanstack/react-query';
import { queryKeys } from '../../../lib/query-keys';
import { dossierKeys } from './keys';

/** After a change to a dossier: its page shows it fresh, the lists and the dashboard on their next visit. */
export const refreshDossier = (queryClient: QueryClient, dossierId: string) =>
  Promise.all([
    queryClient.invalidateQueries({ queryKey: dossierKeys.detail(dossierId) }),
    queryClient.invalidateQueries({ queryKey: dossierKeys.all, refetchType: 'none' }),
    queryClient.invalidateQueries({ queryKey: queryKeys.dashboard, refetchType: 'none' }),
  ]);

/** Options of the dossier's mutation hooks: `onSuccess` runs first (close a dialog…), then the refresh. */
export interface DossierMutationOptions<T = unknown> {
  onSuccess?: (data: T) => void;
}

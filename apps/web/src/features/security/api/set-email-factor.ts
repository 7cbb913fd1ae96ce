import { useMutation } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client';
import { useFactorsChanged } from './factors-changed';

/** `PUT /api/me/email-factor`: codes by email offered (or no longer) as a second factor. */
export const setEmailFactor = (enabled: boolean) =>
  apiFetch('/api/me/email-factor', { method: 'PUT', body: { enabled } });

export function useSetEmailFactor() {
  const changed = useFactorsChanged();
  return useMutation({ mutationFn: setEmailFactor, onSuccess: changed });
}

import { useMutation } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client';
import { useFactorsChanged } from './factors-changed';

/** `POST /api/me/sms-factor/confirm`: the code received turns SMS codes on for that number. */
export const confirmSmsFactor = (code: string) =>
  apiFetch('/api/me/sms-factor/confirm', { method: 'POST', body: { code } });

export function useConfirmSmsFactor() {
  const changed = useFactorsChanged();
  return useMutation({ mutationFn: confirmSmsFactor, onSuccess: changed });
}

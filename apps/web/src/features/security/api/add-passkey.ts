import { type TPasskey, ZPasskey, ZWebAuthnOptions } from '@capitune/contracts';
import { useMutation } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client';
import { createPasskey } from '../../../lib/webauthn';
import { useFactorsChanged } from './factors-changed';

/**
 * `POST /api/me/passkeys/options`, the browser's prompt, then `POST /api/me/passkeys`: a new passkey
 * named by its owner.
 */
export async function addPasskey(name: string): Promise<TPasskey> {
  const options = await apiFetch('/api/me/passkeys/options', { method: 'POST', schema: ZWebAuthnOptions });
  const credential = await createPasskey(options);
  return apiFetch('/api/me/passkeys', { method: 'POST', body: { name, credential }, schema: ZPasskey });
}

export function useAddPasskey() {
  const changed = useFactorsChanged();
  return useMutation({ mutationFn: addPasskey, onSuccess: changed });
}

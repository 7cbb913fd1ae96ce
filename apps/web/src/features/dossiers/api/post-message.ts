import { type TMessage, ZMessage } from '@capitune/contracts';
import { apiFetch } from '../../../lib/api-client';
import { dossierPath } from './keys';

/** `POST /api/dossiers/{id}/messages`: idempotent on `clientId` (a retry after a lost answer stores it once). */
export const postMessage = (
  dossierId: string,
  body: { clientId: string; body: string; documentIds: string[] },
): Promise<TMessage> =>
  apiFetch(dossierPath(dossierId, '/messages'), { method: 'POST', body, schema: ZMessage });

/** A random UUID for a new message (crypto.randomUUID where the page is a secure context). */
export function newClientId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = [...bytes].map((byte) => byte.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

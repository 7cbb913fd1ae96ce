import { type TMessage, type TMessagePage, ZMessage, ZMessagePage } from '@capitune/contracts';
import { z } from 'zod';
import { apiFetch } from '../../../lib/api-client';

const path = (dossierId: string, rest = '') =>
  `/api/dossiers/${encodeURIComponent(dossierId)}/messages${rest}`;

export const PAGE_SIZE = 30;

/** The latest messages (newest first), or the page before `before`. */
export function getMessages(
  dossierId: string,
  options: { before?: number; after?: number; limit?: number } = {},
): Promise<TMessagePage> {
  const query = new URLSearchParams({ limit: String(options.limit ?? PAGE_SIZE) });
  if (options.before !== undefined) query.set('before', String(options.before));
  if (options.after !== undefined) query.set('after', String(options.after));
  return apiFetch(`${path(dossierId)}?${query}`, { schema: ZMessagePage });
}

/** Idempotent on `clientId`: a retry after a lost answer stores the message once. */
export const postMessage = (
  dossierId: string,
  body: { clientId: string; body: string; documentIds: string[] },
): Promise<TMessage> => apiFetch(path(dossierId), { method: 'POST', body, schema: ZMessage });

export const markRead = (dossierId: string, upToSeq: number) =>
  apiFetch(path(dossierId, '/read'), {
    method: 'POST',
    body: { upToSeq },
    schema: z.object({ lastReadSeq: z.number() }),
  });

/** A random UUID for a new message (crypto.randomUUID where the page is a secure context). */
export function newClientId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = [...bytes].map((byte) => byte.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

import { ZNotificationPage } from '@capitune/contracts';
import { z } from 'zod';
import { apiFetch } from '../../../lib/api-client';

export function listNotifications(cursor?: string) {
  const query = new URLSearchParams({ limit: '20' });
  if (cursor) query.set('cursor', cursor);
  return apiFetch(`/api/notifications?${query}`, { schema: ZNotificationPage });
}

const ZUnread = z.object({ unreadCount: z.number() });

export const markNotificationsRead = (body: { ids: string[] } | { all: true }) =>
  apiFetch('/api/notifications/read', { method: 'POST', body, schema: ZUnread });

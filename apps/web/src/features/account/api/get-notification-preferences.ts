import { ZNotificationPreferences } from '@capitune/contracts';
import { useQuery } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client';
import { accountKeys } from './keys';

/** `GET /api/me/notification-preferences`: kinds × channels. */
export const getNotificationPreferences = () =>
  apiFetch('/api/me/notification-preferences', { schema: ZNotificationPreferences });

export const useNotificationPreferences = () =>
  useQuery({ queryKey: accountKeys.notificationPreferences, queryFn: getNotificationPreferences });

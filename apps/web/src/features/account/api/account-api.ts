import {
  type TGoals,
  type TMe,
  type TNotificationPreferences,
  type TUpdateMeBody,
  ZGoals,
  ZMe,
  ZNotificationPreferences,
  ZSession,
} from '@capitune/contracts';
import { z } from 'zod';
import { apiFetch } from '../../../lib/api-client';

/** One key per resource; every key starts with `me`, so a change of user can drop them all. */
export const accountKeys = {
  me: ['me'] as const,
  goals: ['me', 'goals'] as const,
  notificationPreferences: ['me', 'notification-preferences'] as const,
  sessions: ['me', 'sessions'] as const,
};

export const getMe = () => apiFetch('/api/me', { schema: ZMe });

export const updateMe = (body: TUpdateMeBody): Promise<TMe> =>
  apiFetch('/api/me', { method: 'PATCH', body, schema: ZMe });

export const getGoals = () => apiFetch('/api/me/goals', { schema: ZGoals });

export const putGoals = (body: TGoals) => apiFetch('/api/me/goals', { method: 'PUT', body, schema: ZGoals });

export const getNotificationPreferences = () =>
  apiFetch('/api/me/notification-preferences', { schema: ZNotificationPreferences });

export const putNotificationPreferences = (body: TNotificationPreferences) =>
  apiFetch('/api/me/notification-preferences', { method: 'PUT', body, schema: ZNotificationPreferences });

export const changePassword = (body: { currentPassword: string; newPassword: string }) =>
  apiFetch('/api/me/password', { method: 'PUT', body });

const ZSessionList = z.object({ items: z.array(ZSession) });

export const listSessions = async () => (await apiFetch('/api/me/sessions', { schema: ZSessionList })).items;

export const endSession = (id: string) =>
  apiFetch(`/api/me/sessions/${encodeURIComponent(id)}`, { method: 'DELETE' });

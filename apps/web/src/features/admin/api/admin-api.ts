import {
  type TFlagTargetType,
  type TModerationAction,
  type TWatchedWordAction,
  ZModerationQueue,
  ZModerationResult,
  ZWatchedWord,
  ZWatchedWordPage,
} from '@capitune/contracts';
import { apiFetch } from '../../../lib/api-client';

export const adminKeys = {
  queue: ['admin', 'moderation-queue'] as const,
  watchedWords: ['admin', 'watched-words'] as const,
};

export const getQueue = (cursor?: string) =>
  apiFetch(`/api/admin/moderation/queue${cursor ? `?cursor=${encodeURIComponent(cursor)}` : ''}`, {
    schema: ZModerationQueue,
  });

export const moderate = (targetType: TFlagTargetType, id: string, action: TModerationAction, note?: string) =>
  apiFetch(`/api/admin/moderation/${targetType}/${encodeURIComponent(id)}/${action}`, {
    method: 'POST',
    body: note ? { note } : {},
    schema: ZModerationResult,
  });

export const listWatchedWords = () => apiFetch('/api/admin/watched-words', { schema: ZWatchedWordPage });

export const addWatchedWord = (word: string, action: TWatchedWordAction) =>
  apiFetch('/api/admin/watched-words', { method: 'POST', body: { word, action }, schema: ZWatchedWord });

export const changeWatchedWord = (id: string, action: TWatchedWordAction) =>
  apiFetch(`/api/admin/watched-words/${encodeURIComponent(id)}`, {
    method: 'PATCH',
    body: { action },
    schema: ZWatchedWord,
  });

export const removeWatchedWord = (id: string) =>
  apiFetch(`/api/admin/watched-words/${encodeURIComponent(id)}`, { method: 'DELETE' });

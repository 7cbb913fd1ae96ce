import { ZDeletionPreview } from '@capitune/contracts';
import { useQuery } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client';
import { privacyKeys } from './keys';

/** `GET /api/me/deletion`: what deleting the account erases and keeps, what blocks it, and a pending request. */
export const getDeletion = () => apiFetch('/api/me/deletion', { schema: ZDeletionPreview });

export const useDeletionPreview = () => useQuery({ queryKey: privacyKeys.deletion, queryFn: getDeletion });

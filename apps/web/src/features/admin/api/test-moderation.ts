import { type TLocale, ZModerationTestResult } from '@capitune/contracts';
import { useMutation } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client';

/** `POST /api/admin/moderation/test`: what the rules would do with a text, and which matched. */
export const testModeration = (input: { text: string; language?: TLocale | undefined }) =>
  apiFetch('/api/admin/moderation/test', { method: 'POST', body: input, schema: ZModerationTestResult });

export const useTestModeration = () => useMutation({ mutationFn: testModeration });

import { ZReviewable } from '@capitune/contracts';
import { useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { apiFetch } from '../../../lib/api-client';
import { dossierKeys } from './keys';

const ZReviewableList = z.array(ZReviewable);

/** `GET /api/me/reviewable`: the candidate's dossiers whose pro they may review, or whose review they may edit. */
export const listReviewable = () => apiFetch('/api/me/reviewable', { schema: ZReviewableList });

export const useReviewable = () => useQuery({ queryKey: dossierKeys.reviewable, queryFn: listReviewable });

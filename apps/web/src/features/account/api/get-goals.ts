import { ZGoals } from '@capitune/contracts';
import { useQuery } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client';
import { accountKeys } from './keys';

/** `GET /api/me/goals`: the candidate's immigration goals. */
export const getGoals = () => apiFetch('/api/me/goals', { schema: ZGoals });

export const useGoals = () => useQuery({ queryKey: accountKeys.goals, queryFn: getGoals });

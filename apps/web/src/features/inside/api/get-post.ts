import { ZPost } from '@capitune/contracts';
import { useQuery } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client';
import { insideKeys, postPath } from './keys';

/** `GET /api/posts/{id}`. */
export const getPost = (postId: string) => apiFetch(postPath(postId), { schema: ZPost });

export const usePost = (postId: string) =>
  useQuery({ queryKey: insideKeys.post(postId), queryFn: () => getPost(postId) });

import type { TFeedQuery } from '@capitune/contracts';
import { queryKeys } from '../../../lib/query-keys';

export type FeedFilters = Partial<Pick<TFeedQuery, 'category' | 'tag' | 'sort' | 'q'>>;

/** Query keys of Inside: everything under `inside`, so a write can refresh what it touches. */
export const insideKeys = {
  all: queryKeys.inside,
  feeds: ['inside', 'feed'] as const,
  feed: (filters: FeedFilters) => ['inside', 'feed', filters] as const,
  post: (id: string) => ['inside', 'post', id] as const,
  comments: (postId: string) => ['inside', 'comments', postId] as const,
};

/** `?a=1&b=2` of the defined, non-empty parameters ('' when none). */
export const searchOf = (params: Record<string, string | number | undefined>) => {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== '') search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
};

export const postPath = (postId: string, rest = '') => `/api/posts/${encodeURIComponent(postId)}${rest}`;
export const commentPath = (commentId: string, rest = '') =>
  `/api/comments/${encodeURIComponent(commentId)}${rest}`;

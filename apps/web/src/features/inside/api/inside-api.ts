import {
  type TCreateCommentBody,
  type TCreateFlagBody,
  type TCreatePostBody,
  type TFeedQuery,
  type TUpdatePostBody,
  ZComment,
  ZCommentPage,
  ZFlagResult,
  ZLikeState,
  ZModerationResult,
  ZPost,
  ZPostPage,
} from '@capitune/contracts';
import { apiFetch } from '../../../lib/api-client';

export type FeedFilters = Partial<Pick<TFeedQuery, 'category' | 'tag' | 'sort' | 'q'>>;

/** Query keys of Inside: everything under `inside`, so a write can refresh what it touches. */
export const insideKeys = {
  all: ['inside'] as const,
  feeds: ['inside', 'feed'] as const,
  feed: (filters: FeedFilters) => ['inside', 'feed', filters] as const,
  post: (id: string) => ['inside', 'post', id] as const,
  comments: (postId: string) => ['inside', 'comments', postId] as const,
};

const query = (params: Record<string, string | number | undefined>) => {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== '') search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
};

const id = (value: string) => encodeURIComponent(value);

export const FEED_PAGE_SIZE = 20;

export const getFeed = (filters: FeedFilters, cursor?: string, signal?: AbortSignal) =>
  apiFetch(`/api/posts${query({ ...filters, cursor, limit: FEED_PAGE_SIZE })}`, {
    schema: ZPostPage,
    signal,
  });

export const getPost = (postId: string) => apiFetch(`/api/posts/${id(postId)}`, { schema: ZPost });

export const createPost = (body: TCreatePostBody) =>
  apiFetch('/api/posts', { method: 'POST', body, schema: ZPost });

export const updatePost = (postId: string, body: TUpdatePostBody) =>
  apiFetch(`/api/posts/${id(postId)}`, { method: 'PATCH', body, schema: ZPost });

export const deletePost = (postId: string) => apiFetch(`/api/posts/${id(postId)}`, { method: 'DELETE' });

export const COMMENT_PAGE_SIZE = 50;

export const getComments = (postId: string, cursor?: string) =>
  apiFetch(`/api/posts/${id(postId)}/comments${query({ cursor, limit: COMMENT_PAGE_SIZE })}`, {
    schema: ZCommentPage,
  });

export const createComment = (postId: string, body: TCreateCommentBody) =>
  apiFetch(`/api/posts/${id(postId)}/comments`, { method: 'POST', body, schema: ZComment });

export const updateComment = (commentId: string, body: string) =>
  apiFetch(`/api/comments/${id(commentId)}`, { method: 'PATCH', body: { body }, schema: ZComment });

export const deleteComment = (commentId: string) =>
  apiFetch(`/api/comments/${id(commentId)}`, { method: 'DELETE' });

export type LikeTarget = 'post' | 'comment';

export const setLike = (target: LikeTarget, targetId: string, liked: boolean) =>
  apiFetch(`/api/${target === 'post' ? 'posts' : 'comments'}/${id(targetId)}/like`, {
    method: liked ? 'PUT' : 'DELETE',
    schema: ZLikeState,
  });

export const createFlag = (body: TCreateFlagBody) =>
  apiFetch('/api/flags', { method: 'POST', body, schema: ZFlagResult });

/** Admins moderate a post from its page too (the queue only lists what waits for a decision). */
export const moderatePost = (postId: string, action: 'hide' | 'restore') =>
  apiFetch(`/api/admin/moderation/post/${id(postId)}/${action}`, {
    method: 'POST',
    body: {},
    schema: ZModerationResult,
  });

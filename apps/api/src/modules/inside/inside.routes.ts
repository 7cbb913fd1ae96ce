import {
  ZComment,
  ZCommentPage,
  ZCommentPageQuery,
  ZCreateCommentBody,
  ZCreateFlagBody,
  ZCreatePostBody,
  ZFeedQuery,
  ZFlagResult,
  ZLikeState,
  ZPost,
  ZPostPage,
  ZUpdateCommentBody,
  ZUpdatePostBody,
} from '@capitune/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireUser, verifiedEmail } from '../../plugins/auth';
import { listFeed } from './inside.feed';
import { createFlag } from './inside.moderation';
import {
  createComment,
  createPost,
  deleteComment,
  deletePost,
  getPost,
  listComments,
  setCommentLike,
  setPostLike,
  updateComment,
  updatePost,
} from './inside.service';

const tags = ['inside'];
const security = [{ bearerAuth: [] }];
const ZIdParams = z.object({ id: z.uuid() });

/**
 * Inside, the community. Reading (feed, posts, comments) is public: anonymous visitors see published
 * content. Writing (posting, commenting, liking, flagging) needs a verified email.
 */
export const insideRoutes: FastifyPluginAsyncZod = async (app) => {
  // Runs before the body is parsed: an anonymous caller gets 401, not a validation error.
  const writer = { onRequest: verifiedEmail };

  app.get(
    '/api/posts',
    {
      schema: {
        tags,
        summary: 'The feed: newest or top posts, by category or tag, or a full-text search with `q`',
        querystring: ZFeedQuery,
        response: { 200: ZPostPage },
      },
    },
    (request) => listFeed(app.deps, request.user, request.query),
  );

  app.post(
    '/api/posts',
    {
      ...writer,
      schema: {
        tags,
        security,
        summary: 'Publish a post (held for review when it contains a watched word)',
        body: ZCreatePostBody,
        response: { 201: ZPost },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await createPost(app.deps, requireUser(request), request.body)),
  );

  app.get(
    '/api/posts/:id',
    { schema: { tags, summary: 'One post', params: ZIdParams, response: { 200: ZPost } } },
    (request) => getPost(app.deps, request.user, request.params.id),
  );

  app.patch(
    '/api/posts/:id',
    {
      ...writer,
      schema: {
        tags,
        security,
        summary: 'Edit one’s own post',
        params: ZIdParams,
        body: ZUpdatePostBody,
        response: { 200: ZPost },
      },
    },
    (request) => updatePost(app.deps, requireUser(request), request.params.id, request.body),
  );

  app.delete(
    '/api/posts/:id',
    {
      ...writer,
      schema: {
        tags,
        security,
        summary: 'Delete one’s own post',
        params: ZIdParams,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await deletePost(app.deps, requireUser(request), request.params.id);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/posts/:id/comments',
    {
      schema: {
        tags,
        summary: 'The comments of a post in thread order (each top comment followed by its replies)',
        params: ZIdParams,
        querystring: ZCommentPageQuery,
        response: { 200: ZCommentPage },
      },
    },
    (request) => listComments(app.deps, request.user, request.params.id, request.query),
  );

  app.post(
    '/api/posts/:id/comments',
    {
      ...writer,
      schema: {
        tags,
        security,
        summary: 'Comment on a post, or reply to a comment with `parentId`',
        params: ZIdParams,
        body: ZCreateCommentBody,
        response: { 201: ZComment },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(await createComment(app.deps, requireUser(request), request.params.id, request.body)),
  );

  app.patch(
    '/api/comments/:id',
    {
      ...writer,
      schema: {
        tags,
        security,
        summary: 'Edit one’s own comment',
        params: ZIdParams,
        body: ZUpdateCommentBody,
        response: { 200: ZComment },
      },
    },
    (request) => updateComment(app.deps, requireUser(request), request.params.id, request.body),
  );

  app.delete(
    '/api/comments/:id',
    {
      ...writer,
      schema: {
        tags,
        security,
        summary: 'Delete one’s own comment',
        params: ZIdParams,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await deleteComment(app.deps, requireUser(request), request.params.id);
      return reply.code(204).send(null);
    },
  );

  for (const target of ['posts', 'comments'] as const) {
    const set = target === 'posts' ? setPostLike : setCommentLike;
    app.put(
      `/api/${target}/:id/like`,
      {
        ...writer,
        schema: {
          tags,
          security,
          summary: `Like a ${target.slice(0, -1)} (idempotent)`,
          params: ZIdParams,
          response: { 200: ZLikeState },
        },
      },
      (request) => set(app.deps, requireUser(request), request.params.id, true),
    );
    app.delete(
      `/api/${target}/:id/like`,
      {
        ...writer,
        schema: {
          tags,
          security,
          summary: `Take back one’s like of a ${target.slice(0, -1)} (idempotent)`,
          params: ZIdParams,
          response: { 200: ZLikeState },
        },
      },
      (request) => set(app.deps, requireUser(request), request.params.id, false),
    );
  }

  app.post(
    '/api/flags',
    {
      ...writer,
      schema: {
        tags,
        security,
        summary: 'Report a post or comment to the moderators (one open report per person and target)',
        body: ZCreateFlagBody,
        response: { 200: ZFlagResult, 201: ZFlagResult },
      },
    },
    async (request, reply) => {
      const result = await createFlag(app.deps, requireUser(request), request.body);
      return reply.code(result.created ? 201 : 200).send(result);
    },
  );
};

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
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireUser, verifiedEmail } from '../../plugins/auth';
import { type Caller, callerOf } from '../access';
import { createComment, deleteComment, listComments, updateComment } from './comments.service';
import { listFeed } from './feed.service';
import { createFlag } from './flags.service';
import { setCommentLike, setPostLike } from './likes.service';
import { createPost, deletePost, getPost, updatePost } from './posts.service';

const tags = ['inside'];
const security = [{ bearerAuth: [] }];
const ZIdParams = z.object({ id: z.uuid() });

/** The caller of a service: the signed-in user (401 for nobody), or null on public reads. */
const caller = (request: FastifyRequest): Caller => callerOf(requireUser(request), request.ip);
const viewer = (request: FastifyRequest): Caller | null =>
  request.user ? callerOf(request.user, request.ip) : null;

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
        operationId: 'listInsidePosts',
        security: [],
        problems: ['INVALID_CURSOR'],
        querystring: ZFeedQuery,
        response: { 200: ZPostPage },
      },
    },
    (request) => listFeed(app.deps, viewer(request), request.query),
  );

  app.post(
    '/api/posts',
    {
      ...writer,
      schema: {
        tags,
        security,
        summary: 'Publish a post (held for review when it contains a watched word)',
        operationId: 'createInsidePost',
        problems: ['EMAIL_NOT_VERIFIED', 'ACCOUNT_SUSPENDED', 'RATE_LIMITED', 'CONTENT_BLOCKED'],
        body: ZCreatePostBody,
        response: { 201: ZPost },
      },
    },
    async (request, reply) => reply.code(201).send(await createPost(app.deps, caller(request), request.body)),
  );

  app.get(
    '/api/posts/:id',
    {
      schema: {
        operationId: 'getInsidePost',
        tags,
        security: [],
        problems: ['NOT_FOUND'],
        summary: 'One post',
        params: ZIdParams,
        response: { 200: ZPost },
      },
    },
    (request) => getPost(app.deps, viewer(request), request.params.id),
  );

  app.patch(
    '/api/posts/:id',
    {
      ...writer,
      schema: {
        tags,
        security,
        summary: 'Edit one’s own post',
        operationId: 'updateInsidePost',
        problems: ['EMAIL_NOT_VERIFIED', 'ACCOUNT_SUSPENDED', 'NOT_FOUND', 'FORBIDDEN', 'CONTENT_BLOCKED'],
        params: ZIdParams,
        body: ZUpdatePostBody,
        response: { 200: ZPost },
      },
    },
    (request) => updatePost(app.deps, caller(request), request.params.id, request.body),
  );

  app.delete(
    '/api/posts/:id',
    {
      ...writer,
      schema: {
        tags,
        security,
        summary: 'Delete one’s own post',
        operationId: 'deleteInsidePost',
        problems: ['EMAIL_NOT_VERIFIED', 'NOT_FOUND', 'FORBIDDEN'],
        params: ZIdParams,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await deletePost(app.deps, caller(request), request.params.id);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/posts/:id/comments',
    {
      schema: {
        tags,
        summary: 'The comments of a post in thread order (each top comment followed by its replies)',
        operationId: 'listInsideComments',
        security: [],
        problems: ['NOT_FOUND', 'INVALID_CURSOR'],
        params: ZIdParams,
        querystring: ZCommentPageQuery,
        response: { 200: ZCommentPage },
      },
    },
    (request) => listComments(app.deps, viewer(request), request.params.id, request.query),
  );

  app.post(
    '/api/posts/:id/comments',
    {
      ...writer,
      schema: {
        tags,
        security,
        summary: 'Comment on a post, or reply to a comment with `parentId`',
        operationId: 'createInsideComment',
        problems: [
          'EMAIL_NOT_VERIFIED',
          'ACCOUNT_SUSPENDED',
          'RATE_LIMITED',
          'NOT_FOUND',
          'CONFLICT',
          'CONTENT_BLOCKED',
        ],
        params: ZIdParams,
        body: ZCreateCommentBody,
        response: { 201: ZComment },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await createComment(app.deps, caller(request), request.params.id, request.body)),
  );

  app.patch(
    '/api/comments/:id',
    {
      ...writer,
      schema: {
        tags,
        security,
        summary: 'Edit one’s own comment',
        operationId: 'updateInsideComment',
        problems: ['EMAIL_NOT_VERIFIED', 'ACCOUNT_SUSPENDED', 'NOT_FOUND', 'FORBIDDEN', 'CONTENT_BLOCKED'],
        params: ZIdParams,
        body: ZUpdateCommentBody,
        response: { 200: ZComment },
      },
    },
    (request) => updateComment(app.deps, caller(request), request.params.id, request.body),
  );

  app.delete(
    '/api/comments/:id',
    {
      ...writer,
      schema: {
        tags,
        security,
        summary: 'Delete one’s own comment',
        operationId: 'deleteInsideComment',
        problems: ['EMAIL_NOT_VERIFIED', 'NOT_FOUND', 'FORBIDDEN'],
        params: ZIdParams,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await deleteComment(app.deps, caller(request), request.params.id);
      return reply.code(204).send(null);
    },
  );

  for (const target of ['posts', 'comments'] as const) {
    const set = target === 'posts' ? setPostLike : setCommentLike;
    const noun = target === 'posts' ? 'InsidePost' : 'InsideComment';
    app.put(
      `/api/${target}/:id/like`,
      {
        ...writer,
        schema: {
          tags,
          security,
          summary: `Like a ${target.slice(0, -1)} (idempotent)`,
          operationId: `like${noun}`,
          problems: ['EMAIL_NOT_VERIFIED', 'ACCOUNT_SUSPENDED', 'NOT_FOUND'],
          params: ZIdParams,
          response: { 200: ZLikeState },
        },
      },
      (request) => set(app.deps, caller(request), request.params.id, true),
    );
    app.delete(
      `/api/${target}/:id/like`,
      {
        ...writer,
        schema: {
          tags,
          security,
          summary: `Take back one’s like of a ${target.slice(0, -1)} (idempotent)`,
          operationId: `unlike${noun}`,
          problems: ['EMAIL_NOT_VERIFIED', 'ACCOUNT_SUSPENDED', 'NOT_FOUND'],
          params: ZIdParams,
          response: { 200: ZLikeState },
        },
      },
      (request) => set(app.deps, caller(request), request.params.id, false),
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
        operationId: 'createFlag',
        problems: ['EMAIL_NOT_VERIFIED', 'ACCOUNT_SUSPENDED', 'RATE_LIMITED', 'NOT_FOUND', 'FORBIDDEN'],
        body: ZCreateFlagBody,
        response: { 200: ZFlagResult, 201: ZFlagResult },
      },
    },
    async (request, reply) => {
      const result = await createFlag(app.deps, caller(request), request.body);
      return reply.code(result.created ? 201 : 200).send(result);
    },
  );

  // A review of a pro's directory page is reported into the same moderation queue (target type `review`).
  app.post(
    '/api/reviews/:id/flags',
    {
      ...writer,
      schema: {
        tags: ['pros'],
        operationId: 'flagReview',
        problems: ['EMAIL_NOT_VERIFIED', 'ACCOUNT_SUSPENDED', 'FORBIDDEN', 'NOT_FOUND', 'RATE_LIMITED'],
        security,
        summary: 'Report a review to the moderators (one open report per person and review)',
        params: ZIdParams,
        body: ZCreateFlagBody.omit({ targetType: true, targetId: true }),
        response: { 200: ZFlagResult, 201: ZFlagResult },
      },
    },
    async (request, reply) => {
      const body = { ...request.body, targetType: 'review' as const, targetId: request.params.id };
      const result = await createFlag(app.deps, caller(request), body);
      return reply.code(result.created ? 201 : 200).send(result);
    },
  );
};

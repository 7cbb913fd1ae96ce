import {
  ZFlagTargetType,
  ZModerationAction,
  ZModerationActionBody,
  ZModerationQueue,
  ZModerationQueueQuery,
  ZModerationResult,
  ZUpdateWatchedWordBody,
  ZWatchedWord,
  ZWatchedWordBody,
  ZWatchedWordPage,
  ZWatchedWordQuery,
} from '@capitune/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireUser, withRole } from '../../plugins/auth';
import {
  createWatchedWord,
  deleteWatchedWord,
  listWatchedWords,
  moderate,
  moderationQueue,
  updateWatchedWord,
} from './inside.moderation';

const tags = ['inside-admin'];
const security = [{ bearerAuth: [] }];
const ZIdParams = z.object({ id: z.uuid() });

/** Moderation of Inside: admins only (401 for nobody, 403 for candidates and pros). */
export const insideAdminRoutes: FastifyPluginAsyncZod = async (app) => {
  app.addHook('onRequest', withRole('admin'));

  app.get(
    '/api/admin/moderation/queue',
    {
      schema: {
        tags,
        security,
        summary: 'Flagged, held and hidden content waiting for a decision, oldest first',
        querystring: ZModerationQueueQuery,
        response: { 200: ZModerationQueue },
      },
    },
    (request) => moderationQueue(app.deps, request.query),
  );

  app.post(
    '/api/admin/moderation/:targetType/:id/:action',
    {
      schema: {
        tags,
        security,
        summary:
          'Decide on a post, comment or review: hide, restore, dismiss (the flags), warn or suspend (the author; a note is required)',
        params: z.object({ targetType: ZFlagTargetType, id: z.uuid(), action: ZModerationAction }),
        body: ZModerationActionBody.optional(),
        response: { 200: ZModerationResult },
      },
    },
    (request) =>
      moderate(
        app.deps,
        requireUser(request),
        request.params.targetType,
        request.params.id,
        request.params.action,
        request.body?.note,
        request.ip,
      ),
  );

  app.get(
    '/api/admin/watched-words',
    {
      schema: {
        tags,
        security,
        summary: 'The watched words, alphabetically',
        querystring: ZWatchedWordQuery,
        response: { 200: ZWatchedWordPage },
      },
    },
    (request) => listWatchedWords(app.deps, request.query),
  );

  app.post(
    '/api/admin/watched-words',
    {
      schema: {
        tags,
        security,
        summary: 'Watch a word or phrase: `block` refuses the text, `hold` publishes it for review only',
        body: ZWatchedWordBody,
        response: { 201: ZWatchedWord },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await createWatchedWord(app.deps, requireUser(request), request.body, request.ip)),
  );

  app.patch(
    '/api/admin/watched-words/:id',
    {
      schema: {
        tags,
        security,
        summary: 'Change a watched word',
        params: ZIdParams,
        body: ZUpdateWatchedWordBody,
        response: { 200: ZWatchedWord },
      },
    },
    (request) =>
      updateWatchedWord(app.deps, requireUser(request), request.params.id, request.body, request.ip),
  );

  app.delete(
    '/api/admin/watched-words/:id',
    {
      schema: {
        tags,
        security,
        summary: 'Stop watching a word',
        params: ZIdParams,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await deleteWatchedWord(app.deps, requireUser(request), request.params.id, request.ip);
      return reply.code(204).send(null);
    },
  );
};

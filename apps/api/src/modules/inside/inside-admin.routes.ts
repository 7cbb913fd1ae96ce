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
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireUser, withRole } from '../../plugins/auth';
import { type Caller, callerOf } from '../access';
import { moderate, moderationQueue } from './moderation.service';
import {
  createWatchedWord,
  deleteWatchedWord,
  listWatchedWords,
  updateWatchedWord,
} from './watched-words.service';

const tags = ['inside-admin'];
const security = [{ bearerAuth: [] }];
const ZIdParams = z.object({ id: z.uuid() });

/** The admin calling, and from where (for the audit log). */
const caller = (request: FastifyRequest): Caller => callerOf(requireUser(request), request.ip);

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
        operationId: 'listModerationQueue',
        problems: ['FORBIDDEN', 'INVALID_CURSOR'],
        querystring: ZModerationQueueQuery,
        response: { 200: ZModerationQueue },
      },
    },
    (request) => moderationQueue(app.deps, caller(request), request.query),
  );

  app.post(
    '/api/admin/moderation/:targetType/:id/:action',
    {
      schema: {
        tags,
        security,
        summary:
          'Decide on a post, comment or review: hide, restore, dismiss (the flags), warn or suspend (the author; a note is required)',
        operationId: 'moderateContent',
        problems: ['FORBIDDEN', 'NOT_FOUND', 'STEP_UP_REQUIRED'],
        params: z.object({ targetType: ZFlagTargetType, id: z.uuid(), action: ZModerationAction }),
        body: ZModerationActionBody.optional(),
        response: { 200: ZModerationResult },
      },
    },
    (request) =>
      moderate(
        app.deps,
        caller(request),
        request.params.targetType,
        request.params.id,
        request.params.action,
        request.body?.note,
      ),
  );

  app.get(
    '/api/admin/watched-words',
    {
      schema: {
        tags,
        security,
        summary: 'The watched words, alphabetically',
        operationId: 'listWatchedWords',
        problems: ['FORBIDDEN', 'INVALID_CURSOR'],
        querystring: ZWatchedWordQuery,
        response: { 200: ZWatchedWordPage },
      },
    },
    (request) => listWatchedWords(app.deps, caller(request), request.query),
  );

  app.post(
    '/api/admin/watched-words',
    {
      schema: {
        tags,
        security,
        summary: 'Watch a word or phrase: `block` refuses the text, `hold` publishes it for review only',
        operationId: 'createWatchedWord',
        problems: ['FORBIDDEN', 'CONFLICT'],
        body: ZWatchedWordBody,
        response: { 201: ZWatchedWord },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await createWatchedWord(app.deps, caller(request), request.body)),
  );

  app.patch(
    '/api/admin/watched-words/:id',
    {
      schema: {
        tags,
        security,
        summary: 'Change a watched word',
        operationId: 'updateWatchedWord',
        problems: ['FORBIDDEN', 'NOT_FOUND', 'CONFLICT'],
        params: ZIdParams,
        body: ZUpdateWatchedWordBody,
        response: { 200: ZWatchedWord },
      },
    },
    (request) => updateWatchedWord(app.deps, caller(request), request.params.id, request.body),
  );

  app.delete(
    '/api/admin/watched-words/:id',
    {
      schema: {
        tags,
        security,
        summary: 'Stop watching a word',
        operationId: 'deleteWatchedWord',
        problems: ['FORBIDDEN', 'NOT_FOUND'],
        params: ZIdParams,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await deleteWatchedWord(app.deps, caller(request), request.params.id);
      return reply.code(204).send(null);
    },
  );
};

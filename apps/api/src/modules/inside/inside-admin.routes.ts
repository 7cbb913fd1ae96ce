import {
  WATCHED_WORDS_IMPORT_MAX_BYTES,
  ZFlagTargetType,
  ZModerationAction,
  ZModerationActionBody,
  ZModerationQueue,
  ZModerationQueueQuery,
  ZModerationResult,
  ZModerationTestBody,
  ZModerationTestResult,
  ZString,
  ZUpdateWatchedWordBody,
  ZWatchedWord,
  ZWatchedWordBody,
  ZWatchedWordImportBody,
  ZWatchedWordImportResult,
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
  exportWatchedWords,
  importWatchedWords,
  listWatchedWords,
  testModeration,
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
  // The watched words' import takes the CSV as it is (this plugin's routes only).
  app.addContentTypeParser(
    'text/csv',
    { parseAs: 'string', bodyLimit: WATCHED_WORDS_IMPORT_MAX_BYTES },
    (_request, body, done) => done(null, body),
  );

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
        summary:
          'Watch a word or phrase in a list (fr, en, or null for both): `block` refuses the text, `silence` refuses it and silences its author for 24 h, `hold` publishes it for review only, `flag` publishes it and queues it, `censor` replaces the word with ****, `tag` labels it',
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

  app.get(
    '/api/admin/watched-words.csv',
    {
      schema: {
        tags,
        security,
        summary: 'Every watched word as CSV: word, locale (empty for both lists), action, tag',
        operationId: 'exportWatchedWords',
        problems: ['FORBIDDEN'],
        // For OpenAPI only: the text is sent as it is, not through the JSON serialiser.
        response: { 200: ZString.describe('text/csv') },
      },
    },
    async (request, reply) => {
      const file = await exportWatchedWords(app.deps, caller(request));
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${file.filename}"`)
        .header('cache-control', 'no-store')
        .send(file.body);
    },
  );

  app.post(
    '/api/admin/watched-words/import',
    {
      bodyLimit: WATCHED_WORDS_IMPORT_MAX_BYTES + 1024,
      schema: {
        tags,
        security,
        summary:
          'Import watched words from CSV (text/csv, or JSON {csv}); 1 MB and 5,000 rows at most. Every row is checked first (400 with the bad rows as `csv.<row>.<column>`), then all are added or changed at once',
        operationId: 'importWatchedWords',
        problems: ['FORBIDDEN', 'PAYLOAD_TOO_LARGE', 'UNSUPPORTED_MEDIA_TYPE'],
        body: z.union([ZWatchedWordImportBody, z.string().max(WATCHED_WORDS_IMPORT_MAX_BYTES)]),
        response: { 200: ZWatchedWordImportResult },
      },
    },
    (request) =>
      importWatchedWords(
        app.deps,
        caller(request),
        typeof request.body === 'string' ? request.body : request.body.csv,
      ),
  );

  app.post(
    '/api/admin/moderation/test',
    {
      schema: {
        tags,
        security,
        summary:
          'Test a text against the rules (profanity, watched words, signals; with an author, their trust level): the outcome and the rules that matched',
        operationId: 'testModeration',
        problems: ['FORBIDDEN'],
        body: ZModerationTestBody,
        response: { 200: ZModerationTestResult },
      },
    },
    (request) => testModeration(app.deps, caller(request), request.body),
  );
};

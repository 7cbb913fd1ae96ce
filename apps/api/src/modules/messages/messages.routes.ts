import {
  ZConversationList,
  ZMessage,
  ZMessagePage,
  ZMessageQuery,
  ZPostMessageBody,
  ZReadBody,
  ZUnreadCounts,
} from '@capitune/contracts';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireUser, signedIn, verifiedEmail } from '../../plugins/auth';
import { rateLimit } from '../../plugins/rate-limit';
import { callerOf } from '../access';
import {
  listConversations,
  listMessages,
  markMessagesRead,
  postMessage,
  unreadCounts,
} from './messages.service';

const tags = ['messages'];
const security = [{ bearerAuth: [] }];
const ZParams = z.object({ id: z.uuid() });

export const messagesRoutes: FastifyPluginAsyncZod = async (app) => {
  app.addHook('onRequest', signedIn);
  app.addHook('onRequest', verifiedEmail);
  const caller = (request: FastifyRequest) => callerOf(requireUser(request), request.ip);

  app.get(
    '/api/dossiers/:id/messages',
    {
      schema: {
        operationId: 'listMessages',
        tags,
        security,
        problems: ['IP_NOT_ALLOWED', 'EMAIL_NOT_VERIFIED', 'NOT_FOUND'],
        summary:
          'The dossier’s conversation: newest first (`before`), or what came after a message (`after`)',
        params: ZParams,
        querystring: ZMessageQuery,
        response: { 200: ZMessagePage },
      },
    },
    async (request) => listMessages(app.deps, caller(request), request.params.id, request.query),
  );

  app.post(
    '/api/dossiers/:id/messages',
    {
      schema: {
        tags,
        security,
        operationId: 'postMessage',
        problems: ['IP_NOT_ALLOWED', 'EMAIL_NOT_VERIFIED', 'NOT_FOUND', 'DOCUMENT_NOT_IN_DOSSIER'],
        summary: 'Post a message (idempotent on `clientId`)',
        params: ZParams,
        body: ZPostMessageBody,
        response: { 200: ZMessage, 201: ZMessage },
      },
      preHandler: rateLimit({
        name: 'messages-user',
        limit: 60,
        windowMs: 60_000,
        key: (request) => request.user?.id,
      }),
    },
    async (request, reply) => {
      const { message, created } = await postMessage(
        app.deps,
        caller(request),
        request.params.id,
        request.body,
      );
      return reply.code(created ? 201 : 200).send(message);
    },
  );

  app.post(
    '/api/dossiers/:id/messages/read',
    {
      schema: {
        tags,
        security,
        operationId: 'markMessagesRead',
        problems: ['IP_NOT_ALLOWED', 'EMAIL_NOT_VERIFIED', 'NOT_FOUND'],
        summary: 'Mark the conversation read up to a message',
        params: ZParams,
        body: ZReadBody,
        response: { 200: z.object({ lastReadSeq: z.number().int() }) },
      },
    },
    async (request) => markMessagesRead(app.deps, caller(request), request.params.id, request.body.upToSeq),
  );

  app.get(
    '/api/messages/unread',
    {
      schema: {
        tags,
        security,
        operationId: 'getUnreadMessages',
        problems: ['EMAIL_NOT_VERIFIED'],
        summary: 'Unread messages, per dossier and in total',
        response: { 200: ZUnreadCounts },
      },
    },
    async (request) => unreadCounts(app.deps, caller(request)),
  );

  app.get(
    '/api/conversations',
    {
      schema: {
        tags,
        security,
        operationId: 'listConversations',
        problems: ['IP_NOT_ALLOWED', 'EMAIL_NOT_VERIFIED'],
        summary: 'My conversations, latest activity first, with unread counts',
        response: { 200: ZConversationList },
      },
    },
    async (request) => listConversations(app.deps, caller(request)),
  );
};

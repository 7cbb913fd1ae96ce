import { ZDeletionBody, ZDeletionPreview, ZDeletionRequest } from '@capitune/contracts';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireUser, signedIn } from '../../plugins/auth';
import { callerOf } from '../access';
import { cancelDeletion, deletionPreview, requestDeletion } from './deletion.service';

const tags = ['privacy'];
const security = [{ bearerAuth: [] }];

const caller = (request: FastifyRequest) => callerOf(requireUser(request), request.ip);

/** Deleting one's own account: the preview, the request (after a step-up) and its cancellation. */
export const deletionRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/me/deletion',
    {
      schema: {
        tags,
        security,
        operationId: 'getDeletionPreview',
        summary:
          'What deleting the account erases, the client files firms keep and until when, before asking',
        response: { 200: ZDeletionPreview },
      },
      onRequest: signedIn,
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return deletionPreview(app.deps, caller(request));
    },
  );

  app.post(
    '/api/me/deletion',
    {
      schema: {
        tags,
        security,
        operationId: 'requestDeletion',
        summary: 'Delete the account after a 30-day grace; signing in during it cancels',
        description:
          'Needs a fresh step-up and the account’s email typed again (400 DELETION_NOT_CONFIRMED). Refused for the last active admin (409 LAST_ADMIN) and for a pro still the agent of client files not closed (409 OPEN_CLIENT_FILES). Ends every session of the account.',
        problems: [
          'STEP_UP_REQUIRED',
          'DELETION_NOT_CONFIRMED',
          'LAST_ADMIN',
          'OPEN_CLIENT_FILES',
          'CONFLICT',
        ],
        body: ZDeletionBody,
        response: { 202: ZDeletionRequest },
      },
      onRequest: signedIn,
    },
    async (request, reply) => {
      const result = await requestDeletion(app.deps, caller(request), request.body);
      return reply.code(202).send(result);
    },
  );

  app.delete(
    '/api/me/deletion',
    {
      schema: {
        tags,
        security,
        operationId: 'cancelDeletion',
        summary: 'Cancel the waiting deletion of the account',
        problems: ['NO_PENDING_DELETION'],
        response: { 204: z.null() },
      },
      onRequest: signedIn,
    },
    async (request, reply) => {
      await cancelDeletion(app.deps, caller(request));
      return reply.code(204).send(null);
    },
  );
};

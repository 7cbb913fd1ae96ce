import {
  ZDestructionsPage,
  ZDestructionsQuery,
  ZLegalHold,
  ZLegalHoldBody,
  ZRetentionOverview,
} from '@capitune/contracts';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireUser, verifiedEmail, withRole } from '../../plugins/auth';
import { callerOf } from '../access';
import { changeLegalHold, listDestructions, retentionOverview } from './retention.service';

const security = [{ bearerAuth: [] }];

const caller = (request: FastifyRequest) => callerOf(requireUser(request), request.ip);

/** Retention for admins (the rules, what is due, the destruction register) and the legal hold of a dossier. */
export const retentionRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/admin/retention',
    {
      schema: {
        tags: ['admin'],
        security,
        operationId: 'getRetentionOverview',
        summary: 'Every retention rule with what is due now, the client files on hold and the last run',
        problems: ['FORBIDDEN'],
        response: { 200: ZRetentionOverview },
      },
      onRequest: withRole('admin'),
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return retentionOverview(app.deps, caller(request));
    },
  );

  app.get(
    '/api/admin/destructions',
    {
      schema: {
        tags: ['admin'],
        security,
        operationId: 'listDestructions',
        summary: 'The destruction register, newest first, by rule if asked (keyset-paginated)',
        problems: ['FORBIDDEN', 'INVALID_CURSOR'],
        querystring: ZDestructionsQuery,
        response: { 200: ZDestructionsPage },
      },
      onRequest: withRole('admin'),
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return listDestructions(app.deps, caller(request), request.query);
    },
  );

  app.post(
    '/api/dossiers/:id/legal-hold',
    {
      schema: {
        tags: ['dossiers'],
        security,
        operationId: 'changeLegalHold',
        summary: 'Place a legal hold on a client file (it is not destroyed while held), or lift it',
        description:
          'A professional of the dossier’s firm or an admin. A hold keeps the file past its retention period until lifted.',
        problems: ['FORBIDDEN', 'NOT_FOUND', 'IP_NOT_ALLOWED', 'EMAIL_NOT_VERIFIED'],
        params: z.object({ id: z.uuid() }),
        body: ZLegalHoldBody,
        response: { 200: ZLegalHold },
      },
      onRequest: verifiedEmail,
    },
    async (request) => changeLegalHold(app.deps, caller(request), request.params.id, request.body),
  );
};

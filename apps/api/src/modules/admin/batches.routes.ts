import {
  ZBatch,
  ZBatchDryRun,
  ZBatchIdParams,
  ZBatchListQuery,
  ZBatchPage,
  ZBatchRequestBody,
  ZBatchTargetPage,
  ZBatchTargetQuery,
} from '@capitune/contracts';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requireUser, withRole } from '../../plugins/auth';
import { type Caller, callerOf } from '../access';
import { getBatch, listBatches, listBatchTargets, requestBatch, undoBatch } from './batches.service';

const tags = ['admin-batches'];
const security = [{ bearerAuth: [] }];

/** The admin calling, and from where (for the audit log). */
const caller = (request: FastifyRequest): Caller => callerOf(requireUser(request), request.ip);

/** Batch operations on members: admins only (401 for nobody, 403 for candidates and pros). */
export const adminBatchesRoutes: FastifyPluginAsyncZod = async (app) => {
  app.addHook('onRequest', withRole('admin'));

  app.post(
    '/api/admin/batches',
    {
      schema: {
        tags,
        security,
        summary:
          'A dry run of a batch (who, how many: `dryRun: true`), or running a dry run (`dryRunId` and its `confirmCount`)',
        operationId: 'requestAdminBatch',
        problems: ['FORBIDDEN', 'BATCH_NOT_CONFIRMED', 'STEP_UP_REQUIRED'],
        body: ZBatchRequestBody,
        response: { 201: ZBatchDryRun, 202: ZBatch },
      },
    },
    async (request, reply) => {
      const outcome = await requestBatch(app.deps, caller(request), request.body);
      if ('dryRun' in outcome) return reply.code(201).send(outcome.dryRun);
      return reply.code(202).send(outcome.queued);
    },
  );

  app.get(
    '/api/admin/batches',
    {
      schema: {
        tags,
        security,
        summary: 'Recent batches, newest first',
        operationId: 'listAdminBatches',
        problems: ['FORBIDDEN', 'INVALID_CURSOR'],
        querystring: ZBatchListQuery,
        response: { 200: ZBatchPage },
      },
    },
    (request) => listBatches(app.deps, caller(request), request.query),
  );

  app.get(
    '/api/admin/batches/:id',
    {
      schema: {
        tags,
        security,
        summary: 'A batch and its progress',
        operationId: 'getAdminBatch',
        problems: ['FORBIDDEN', 'NOT_FOUND'],
        params: ZBatchIdParams,
        response: { 200: ZBatch },
      },
    },
    (request) => getBatch(app.deps, caller(request), request.params.id),
  );

  app.get(
    '/api/admin/batches/:id/targets',
    {
      schema: {
        tags,
        security,
        summary: 'Everyone a batch concerns, in order, with what happened to each',
        operationId: 'listAdminBatchTargets',
        problems: ['FORBIDDEN', 'NOT_FOUND', 'INVALID_CURSOR'],
        params: ZBatchIdParams,
        querystring: ZBatchTargetQuery,
        response: { 200: ZBatchTargetPage },
      },
    },
    (request) => listBatchTargets(app.deps, caller(request), request.params.id, request.query),
  );

  app.post(
    '/api/admin/batches/:id/undo',
    {
      schema: {
        tags,
        security,
        summary: 'Undo a finished batch (suspend, lift, tag, untag) within 24 hours of its end',
        operationId: 'undoAdminBatch',
        problems: ['FORBIDDEN', 'NOT_FOUND', 'BATCH_NOT_UNDOABLE', 'STEP_UP_REQUIRED'],
        params: ZBatchIdParams,
        response: { 202: ZBatch },
      },
    },
    async (request, reply) =>
      reply.code(202).send(await undoBatch(app.deps, caller(request), request.params.id)),
  );
};

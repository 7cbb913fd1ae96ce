import { ZDataExport, ZDataExportLinkQuery, ZDataExportList } from '@capitune/contracts';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { contentDisposition } from '../../platform/storage/upload';
import { requireUser, signedIn } from '../../plugins/auth';
import { callerOf } from '../access';
import { downloadDataExport, getDataExport, listDataExports, requestDataExport } from './data-export.service';

const tags = ['privacy'];
const security = [{ bearerAuth: [] }];
const ZParams = z.object({ id: z.uuid() });

/** Access and portability (Law 25 s. 27, PIPEDA Principle 4.9): a person's data as a ZIP. */
export const dataExportRoutes: FastifyPluginAsyncZod = async (app) => {
  const caller = (request: FastifyRequest) => callerOf(requireUser(request), request.ip);

  app.post(
    '/api/me/data-export',
    {
      onRequest: signedIn,
      schema: {
        operationId: 'requestDataExport',
        tags,
        security,
        summary: 'Ask for an export of one’s data (needs a fresh step-up)',
        description:
          'Queues the building of a ZIP (JSON, CSV and the files one uploaded); an email says when it is ready, for 7 days. One at a time. Audited.',
        problems: ['STEP_UP_REQUIRED', 'EXPORT_IN_PROGRESS'],
        response: { 202: ZDataExport },
      },
    },
    async (request, reply) => reply.code(202).send(await requestDataExport(app.deps, caller(request))),
  );

  app.get(
    '/api/me/data-exports',
    {
      onRequest: signedIn,
      schema: {
        operationId: 'listDataExports',
        tags,
        security,
        summary: 'One’s export requests, newest first (the last 20)',
        response: { 200: ZDataExportList },
      },
    },
    (request) => listDataExports(app.deps, caller(request)),
  );

  app.get(
    '/api/me/data-export/:id',
    {
      onRequest: signedIn,
      schema: {
        operationId: 'getDataExport',
        tags,
        security,
        summary: 'One of one’s exports, with its signed download link while it is ready',
        problems: ['NOT_FOUND'],
        params: ZParams,
        response: { 200: ZDataExport },
      },
    },
    (request) => getDataExport(app.deps, caller(request), request.params.id),
  );

  app.get(
    '/api/data-exports/:id/download',
    {
      schema: {
        operationId: 'downloadDataExport',
        tags,
        // The signed link is the credential: it is handed only to the owner, and works without a session.
        security: [],
        summary: 'Download an export through its signed link (until it expires)',
        description: 'Streams the ZIP. Audited as a download by the owner.',
        problems: ['FORBIDDEN', 'EXPORT_NOT_READY', 'EXPORT_EXPIRED'],
        params: ZParams,
        querystring: ZDataExportLinkQuery,
      },
    },
    async (request, reply) => {
      const file = await downloadDataExport(app.deps, {
        id: request.params.id,
        expires: request.query.expires,
        signature: request.query.signature,
        ip: request.ip,
      });
      if (file.size !== null) reply.header('content-length', file.size);
      return reply
        .header('content-type', 'application/zip')
        .header('content-disposition', contentDisposition(file.fileName))
        .header('cache-control', 'private, no-store')
        .send(file.stream);
    },
  );
};

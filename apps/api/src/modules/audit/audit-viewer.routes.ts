import { Readable } from 'node:stream';
import { ZAuditChainStatus, ZAuditFilter, ZAuditPage, ZAuditQuery, ZString } from '@capitune/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { contentDisposition } from '../../platform/storage/upload';
import { requireUser, withRole } from '../../plugins/auth';
import { type AuditReader, checkAuditChain, exportAuditCsv, listAuditEntries } from './audit-viewer.service';

const tags = ['audit'];
const security = [{ bearerAuth: [] }];

const reader = (request: FastifyRequest): AuditReader => {
  const user = requireUser(request);
  return { id: user.id, role: user.role, ip: request.ip };
};

/** A CSV sent as it is produced: its lines go out page by page, never held whole. */
function sendCsv(reply: FastifyReply, file: { filename: string; lines: AsyncIterable<string> }) {
  return reply
    .type('text/csv; charset=utf-8')
    .header('content-disposition', contentDisposition(file.filename))
    .header('cache-control', 'private, no-store')
    .send(Readable.from(file.lines));
}

/** The audit log viewer and the check of its hash chain: admins only (403 for candidates and pros). */
export const auditViewerRoutes: FastifyPluginAsyncZod = async (app) => {
  app.addHook('onRequest', withRole('admin'));

  app.get(
    '/api/admin/audit',
    {
      schema: {
        tags,
        security,
        summary:
          'The audit log, newest first, by actor (id or email), action or prefix, target, firm and dates',
        operationId: 'listAuditEntries',
        problems: ['FORBIDDEN', 'INVALID_CURSOR'],
        querystring: ZAuditQuery,
        response: { 200: ZAuditPage },
      },
    },
    (request) => listAuditEntries(app.deps, reader(request), request.query),
  );

  app.get(
    '/api/admin/audit.csv',
    {
      schema: {
        tags,
        security,
        summary: 'The entries the filters select, as CSV for spreadsheets (the export is itself recorded)',
        operationId: 'exportAuditEntries',
        problems: ['FORBIDDEN'],
        querystring: ZAuditFilter,
        // For OpenAPI only: the CSV is streamed as it is, not through the JSON serialiser.
        response: { 200: ZString.describe('text/csv') },
      },
    },
    async (request, reply) => sendCsv(reply, await exportAuditCsv(app.deps, reader(request), request.query)),
  );

  app.get(
    '/api/admin/audit/verify',
    {
      schema: {
        tags,
        security,
        summary: 'Walks the audit log’s hash chain and tells whether it is intact, or where it first breaks',
        operationId: 'verifyAuditChain',
        problems: ['FORBIDDEN'],
        response: { 200: ZAuditChainStatus },
      },
    },
    (request) => checkAuditChain(app.deps, reader(request)),
  );
};

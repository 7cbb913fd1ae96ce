import { ZInspectionExportBody } from '@capitune/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { contentDisposition } from '../../platform/storage/upload';
import { requireUser, signedIn, verifiedEmail } from '../../plugins/auth';
import { callerOf } from '../access';
import { exportForInspection } from './inspection-export.service';

const ZParams = z.object({ id: z.uuid() });

/** The inspection export of a client file, for the firm's pros. */
export const inspectionExportRoutes: FastifyPluginAsyncZod = async (app) => {
  app.addHook('onRequest', signedIn);
  app.addHook('onRequest', verifiedEmail);

  app.post(
    '/api/dossiers/:id/inspection-export',
    {
      schema: {
        operationId: 'exportDossierForInspection',
        tags: ['privacy'],
        security: [{ bearerAuth: [] }],
        problems: ['EMAIL_NOT_VERIFIED', 'FORBIDDEN', 'NOT_FOUND', 'IP_NOT_ALLOWED', 'STEP_UP_REQUIRED'],
        summary: 'Export a client file for an inspection, as a ZIP (the firm’s pros; needs a fresh step-up)',
        description:
          'Every document version with its review decision, the conversation (JSON and CSV), the file’s audit trail and milestones, with an index in PDF and JSON in `locale`; within `[from, to)` when given. Streamed; audited.',
        params: ZParams,
        body: ZInspectionExportBody,
      },
    },
    async (request, reply) => {
      const caller = callerOf(requireUser(request), request.ip);
      const bundle = await exportForInspection(app.deps, caller, request.params.id, request.body);
      return reply
        .header('content-type', 'application/zip')
        .header('content-disposition', contentDisposition(bundle.fileName))
        .header('cache-control', 'private, no-store')
        .send(bundle.stream);
    },
  );
};

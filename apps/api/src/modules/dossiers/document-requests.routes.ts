import { ZDateTime, ZLine, ZText } from '@capitune/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireUser } from '../../plugins/auth';
import { callerOf } from '../access';
import { requestDocument } from './document-requests.service';

const ZRequestParams = z.object({
  id: z.uuid(),
  /** A checklist item id: `<program>.<document type>`. */
  itemId: ZLine.min(1).max(120),
});
// No body at all (null to the validator) is a request without a note.
const ZRequestBody = z.strictObject({ note: ZText.trim().max(500).nullable().optional() }).nullish();
const ZRequestResult = z.object({ itemId: ZLine, requestedAt: ZDateTime });

/**
 * `POST /api/dossiers/{id}/checklist/{itemId}/request`: a pro of the firm in charge asks the candidate
 * for one checklist line. Registered inside the dossiers plugin (session and verified email required).
 */
export const documentRequestsRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/api/dossiers/:id/checklist/:itemId/request',
    {
      schema: {
        tags: ['dossiers'],
        security: [{ bearerAuth: [] }],
        operationId: 'requestChecklistDocument',
        summary: 'Ask the candidate for one checklist line (firm’s pros only)',
        description:
          'Notifies the dossier’s owner (`document_requested`), linking to `/dossiers/{id}?item={itemId}`. One request per line and dossier per hour: 429 RATE_LIMITED with Retry-After otherwise. The candidate gets 403; anyone outside the firm in charge, 404.',
        problems: ['IP_NOT_ALLOWED', 'EMAIL_NOT_VERIFIED', 'FORBIDDEN', 'NOT_FOUND', 'RATE_LIMITED'],
        params: ZRequestParams,
        body: ZRequestBody,
        response: { 200: ZRequestResult },
      },
    },
    async (request) =>
      requestDocument(
        app.deps,
        callerOf(requireUser(request), request.ip),
        request.params.id,
        request.params.itemId,
        request.body?.note || null,
      ),
  );
};

import {
  MAX_UPLOAD_BYTES,
  ZDate,
  ZDocument,
  ZDocumentPatch,
  ZLine,
  ZLocale,
  ZReviewBody,
} from '@capitune/contracts';
import multipart from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError, fieldError } from '../../lib/errors';
import { contentDisposition } from '../../platform/storage/upload';
import { requireUser, signedIn, verifiedEmail } from '../../plugins/auth';
import { callerOf } from '../access';
import { downloadDossierArchive } from './archive.service';
import {
  downloadDocument,
  reviewDocument,
  updateDocumentDates,
  uploadDocument,
  withdrawDocument,
} from './documents.service';

const tags = ['documents'];
const security = [{ bearerAuth: [] }];
const ZParams = z.object({ id: z.uuid() });

/** The form fields sent before the file. */
const ZUploadFields = z.strictObject({
  itemId: ZLine.max(120)
    .optional()
    .transform((value) => value || null),
  memberId: z.uuid(),
  issueDate: ZDate.optional()
    .or(z.literal(''))
    .transform((value) => value || null),
  expiryDate: ZDate.optional()
    .or(z.literal(''))
    .transform((value) => value || null),
});

export const documentsRoutes: FastifyPluginAsyncZod = async (app) => {
  await app.register(multipart, {
    limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 10, fieldSize: 1000, parts: 12 },
  });
  app.addHook('onRequest', signedIn);
  app.addHook('onRequest', verifiedEmail);
  // The caller's firm is read with the dossier (dossierFor).
  const caller = (request: FastifyRequest) => callerOf(requireUser(request), request.ip);

  app.post(
    '/api/dossiers/:id/documents',
    {
      schema: {
        operationId: 'uploadDocument',
        tags,
        security,
        problems: [
          'IP_NOT_ALLOWED',
          'EMAIL_NOT_VERIFIED',
          'NOT_FOUND',
          'BAD_REQUEST',
          'PAYLOAD_TOO_LARGE',
          'UNSUPPORTED_MEDIA_TYPE',
          'FILE_TYPE_NOT_ALLOWED',
          'UPLOAD_INCOMPLETE',
        ],
        summary: 'Upload a document (multipart: itemId, memberId, issueDate?, expiryDate?, then file)',
        description:
          'PDF, JPEG, PNG, HEIC or WebP, checked from the bytes; 20 MB at most. A new upload for the same item and member is a new version.',
        consumes: ['multipart/form-data'],
        params: ZParams,
        response: { 201: ZDocument },
      },
    },
    async (request, reply) => {
      if (!request.isMultipart())
        throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'Send the file as multipart/form-data');
      const who = caller(request);
      const fields: Record<string, string> = {};
      for await (const part of request.parts()) {
        if (part.type === 'field') {
          fields[part.fieldname] = String(part.value);
          continue;
        }
        const parsed = ZUploadFields.safeParse(fields);
        if (!parsed.success) {
          part.file.resume();
          throw new AppError('VALIDATION_FAILED', undefined, {
            fieldErrors: parsed.error.issues.map((issue) => ({
              path: ['body', ...issue.path].join('.'),
              message: issue.message,
              // A refinement's own code (`invalid_characters`, `date_out_of_range`), as for JSON bodies.
              code: issue.code === 'custom' ? String(issue.params?.code ?? issue.code) : issue.code,
            })),
          });
        }
        const document = await uploadDocument(app.deps, who, request.params.id, parsed.data, {
          filename: part.filename,
          stream: part.file,
          truncated: () => part.file.truncated,
        });
        return reply.code(201).send(document);
      }
      throw fieldError('body.file', 'required', 'Required', 'No file was sent');
    },
  );

  app.get(
    '/api/documents/:id/download',
    {
      schema: {
        operationId: 'downloadDocument',
        tags,
        security,
        problems: ['IP_NOT_ALLOWED', 'EMAIL_NOT_VERIFIED', 'NOT_FOUND'],
        summary: 'Download the file (the dossier’s participants only)',
        params: ZParams,
      },
    },
    async (request, reply) => {
      const { stream, document } = await downloadDocument(app.deps, caller(request), request.params.id);
      return reply
        .header('content-type', document.contentType)
        .header('content-disposition', contentDisposition(document.originalName))
        .header('cache-control', 'private, no-store')
        .send(stream);
    },
  );

  app.get(
    '/api/dossiers/:id/archive',
    {
      schema: {
        operationId: 'downloadDossierArchive',
        tags,
        security,
        problems: ['EMAIL_NOT_VERIFIED', 'NOT_FOUND', 'IP_NOT_ALLOWED', 'STEP_UP_REQUIRED'],
        summary: 'Download the whole dossier as a ZIP (its owner and the firm’s pros; needs a fresh step-up)',
        description:
          'The current version of each document, pending or approved, in a folder per member, named in `locale`. Audited.',
        params: ZParams,
        querystring: z.object({ locale: ZLocale.default('fr') }),
      },
    },
    async (request, reply) => {
      const archive = await downloadDossierArchive(
        app.deps,
        caller(request),
        request.params.id,
        request.query.locale,
      );
      if (archive.size >= 0) reply.header('content-length', archive.size);
      return reply
        .header('content-type', 'application/zip')
        .header('content-disposition', contentDisposition(archive.fileName))
        .header('cache-control', 'private, no-store')
        .send(archive.stream);
    },
  );

  app.post(
    '/api/documents/:id/review',
    {
      schema: {
        operationId: 'reviewDocument',
        tags,
        security,
        problems: [
          'IP_NOT_ALLOWED',
          'EMAIL_NOT_VERIFIED',
          'NOT_FOUND',
          'FORBIDDEN',
          'DOCUMENT_ALREADY_REVIEWED',
        ],
        summary: 'Approve, or reject with a reason (the pro in charge)',
        params: ZParams,
        body: ZReviewBody,
        response: { 200: ZDocument },
      },
    },
    async (request) => reviewDocument(app.deps, caller(request), request.params.id, request.body),
  );

  app.post(
    '/api/documents/:id/withdraw',
    {
      schema: {
        operationId: 'withdrawDocument',
        tags,
        security,
        problems: ['IP_NOT_ALLOWED', 'EMAIL_NOT_VERIFIED', 'NOT_FOUND', 'FORBIDDEN', 'CONFLICT'],
        summary: 'Withdraw a document not approved yet (the candidate); its file is erased',
        params: ZParams,
        response: { 200: ZDocument },
      },
    },
    async (request) => withdrawDocument(app.deps, caller(request), request.params.id),
  );

  app.patch(
    '/api/documents/:id',
    {
      schema: {
        operationId: 'updateDocumentDates',
        tags,
        security,
        problems: ['IP_NOT_ALLOWED', 'EMAIL_NOT_VERIFIED', 'NOT_FOUND'],
        summary: 'Set the issue date or the expiry date',
        params: ZParams,
        body: ZDocumentPatch,
        response: { 200: ZDocument },
      },
    },
    async (request) => updateDocumentDates(app.deps, caller(request), request.params.id, request.body),
  );
};

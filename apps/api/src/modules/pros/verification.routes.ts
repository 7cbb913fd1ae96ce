import {
  ZAdminVerification,
  ZAdminVerificationPage,
  ZAdminVerificationQuery,
  ZAppealBody,
  ZLine,
  ZMyVerification,
  ZMyVerificationBody,
  ZReferenceAnswerBody,
  ZReferenceRequest,
  ZVerificationDecisionBody,
} from '@capitune/contracts';
import multipart from '@fastify/multipart';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError, fieldError } from '../../lib/errors';
import { contentDisposition, type IncomingFile } from '../../platform/storage/upload';
import { requireUser, verifiedEmail, withRole } from '../../plugins/auth';
import { type Caller, callerOf } from '../access';
import { answerReference, lookupReference } from './references.service';
import {
  appealMyVerification,
  getMyVerification,
  submitMyVerification,
  updateMyVerification,
  uploadIdentityDocument,
  VERIFICATION_FILE_MAX_BYTES,
} from './verification.service';
import {
  decideVerification,
  downloadVerificationFile,
  getVerification,
  listVerifications,
  resolveConflict,
  uploadRegisterCapture,
} from './verification-admin.service';

const tags = ['verification'];
const security = [{ bearerAuth: [] }];
const ZParams = z.object({ id: z.uuid() });
const ZConflictParams = z.object({ id: z.uuid(), conflictId: z.uuid() });
const ZTokenBody = z.strictObject({ token: ZLine.min(20).max(200) });

const actor = (request: FastifyRequest): Caller => callerOf(requireUser(request), request.ip);

/** The one file of a multipart request (field `file`); other parts are ignored. */
async function withUploadedFile<T>(
  request: FastifyRequest,
  use: (file: IncomingFile) => Promise<T>,
): Promise<T> {
  if (!request.isMultipart())
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'Send the file as multipart/form-data');
  for await (const part of request.parts()) {
    if (part.type === 'field') continue;
    if (part.fieldname !== 'file') {
      part.file.resume();
      continue;
    }
    return use({ filename: part.filename, stream: part.file, truncated: () => part.file.truncated });
  }
  throw fieldError('body.file', 'required', 'Required', 'No file was sent');
}

function sendFile(
  reply: FastifyReply,
  file: { stream: NodeJS.ReadableStream; file: { contentType: string; originalName: string } },
) {
  return reply
    .header('content-type', file.file.contentType)
    .header('content-disposition', contentDisposition(file.file.originalName))
    .header('cache-control', 'private, no-store')
    .header('x-content-type-options', 'nosniff')
    .send(file.stream);
}

/**
 * Licence verification: the pro's own file, the references' answers (public, through their emailed
 * link), and the admins' queue and decisions.
 */
export const verificationRoutes: FastifyPluginAsyncZod = async (app) => {
  await app.register(multipart, {
    limits: { fileSize: VERIFICATION_FILE_MAX_BYTES, files: 1, fields: 5, fieldSize: 1000, parts: 6 },
  });
  const pro = { onRequest: [withRole('pro')] };
  const admin = { onRequest: [withRole('admin')] };

  // ————— The pro's file —————

  app.get(
    '/api/me/verification',
    {
      ...pro,
      schema: {
        tags,
        operationId: 'getMyVerification',
        problems: ['FORBIDDEN', 'NOT_FOUND'],
        security,
        summary: 'The pro’s verification file: where it stands and what is missing',
        response: { 200: ZMyVerification },
      },
    },
    (request) => getMyVerification(app.deps, actor(request)),
  );

  app.put(
    '/api/me/verification',
    {
      ...pro,
      schema: {
        tags,
        operationId: 'updateMyVerification',
        problems: ['FORBIDDEN', 'NOT_FOUND', 'VERIFICATION_NOT_EDITABLE', 'LICENCE_ALREADY_CLAIMED'],
        security,
        summary: 'Declare the licence and name two references (while the file is being prepared)',
        description:
          'Licence in the regulator’s format (400 otherwise); a licence another pro holds → 409 LICENCE_ALREADY_CLAIMED.',
        body: ZMyVerificationBody,
        response: { 200: ZMyVerification },
      },
    },
    (request) => updateMyVerification(app.deps, actor(request), request.body),
  );

  app.put(
    '/api/me/verification/identity-document',
    {
      ...pro,
      schema: {
        tags,
        operationId: 'uploadMyIdentityDocument',
        problems: [
          'FORBIDDEN',
          'NOT_FOUND',
          'VERIFICATION_NOT_EDITABLE',
          'UNSUPPORTED_MEDIA_TYPE',
          'VALIDATION_FAILED',
          'PAYLOAD_TOO_LARGE',
          'UPLOAD_INCOMPLETE',
          'FILE_TYPE_NOT_ALLOWED',
        ],
        security,
        summary: 'Upload the pro’s identity document (multipart, field `file`)',
        description:
          'PDF, JPEG, PNG, HEIC or WebP, checked from the bytes; 10 MB at most. Replaces the previous one.',
        consumes: ['multipart/form-data'],
        response: { 200: ZMyVerification },
      },
    },
    (request) => withUploadedFile(request, (file) => uploadIdentityDocument(app.deps, actor(request), file)),
  );

  app.post(
    '/api/me/verification/submit',
    {
      onRequest: [withRole('pro'), verifiedEmail],
      schema: {
        tags,
        operationId: 'submitMyVerification',
        problems: [
          'FORBIDDEN',
          'EMAIL_NOT_VERIFIED',
          'NOT_FOUND',
          'VERIFICATION_NOT_EDITABLE',
          'VERIFICATION_INCOMPLETE',
          'RATE_LIMITED',
        ],
        security,
        summary: 'Send the file to the admins; the references receive their link',
        description:
          '400 VERIFICATION_INCOMPLETE lists what is missing (errors[].path). 429 RATE_LIMITED when the pro or a reference’s address was asked too often today.',
        response: { 200: ZMyVerification },
      },
    },
    (request) => submitMyVerification(app.deps, actor(request)),
  );

  app.post(
    '/api/me/verification/appeal',
    {
      ...pro,
      schema: {
        tags,
        operationId: 'appealMyVerification',
        problems: ['FORBIDDEN', 'NOT_FOUND', 'APPEAL_NOT_ALLOWED'],
        security,
        summary: 'Appeal a rejection or a suspension (once)',
        body: ZAppealBody,
        response: { 200: ZMyVerification },
      },
    },
    (request) => appealMyVerification(app.deps, actor(request), request.body.text),
  );

  // ————— References (public: the emailed link is the credential) —————

  app.post(
    '/api/references/lookup',
    {
      schema: {
        tags,
        operationId: 'lookupReference',
        security: [],
        problems: ['INVALID_TOKEN'],
        summary: 'Who asks a reference, from the token of the emailed link',
        body: ZTokenBody,
        response: { 200: ZReferenceRequest },
      },
    },
    (request) => lookupReference(app.deps, request.body.token),
  );

  app.post(
    '/api/references/answer',
    {
      schema: {
        tags,
        operationId: 'answerReference',
        security: [],
        problems: ['INVALID_TOKEN', 'CONFLICT'],
        summary: 'Confirm or decline knowing the pro (once)',
        body: ZReferenceAnswerBody,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await answerReference(app.deps, request.body, request.ip);
      return reply.code(204).send(null);
    },
  );

  // ————— Admins —————

  app.get(
    '/api/admin/verifications',
    {
      ...admin,
      schema: {
        tags,
        operationId: 'listVerifications',
        problems: ['FORBIDDEN', 'INVALID_CURSOR'],
        security,
        summary: 'The verification queues: pending, conflicts, expiring, references, appeals, all',
        querystring: ZAdminVerificationQuery,
        response: { 200: ZAdminVerificationPage },
      },
    },
    (request) => listVerifications(app.deps, actor(request), request.query),
  );

  app.get(
    '/api/admin/verifications/:id',
    {
      ...admin,
      schema: {
        tags,
        operationId: 'getVerification',
        problems: ['FORBIDDEN', 'NOT_FOUND'],
        security,
        summary: 'One file with all its evidence',
        params: ZParams,
        response: { 200: ZAdminVerification },
      },
    },
    (request) => getVerification(app.deps, actor(request), request.params.id),
  );

  app.put(
    '/api/admin/verifications/:id/register-capture',
    {
      ...admin,
      schema: {
        tags,
        operationId: 'uploadRegisterCapture',
        problems: [
          'FORBIDDEN',
          'NOT_FOUND',
          'UNSUPPORTED_MEDIA_TYPE',
          'VALIDATION_FAILED',
          'PAYLOAD_TOO_LARGE',
          'UPLOAD_INCOMPLETE',
          'FILE_TYPE_NOT_ALLOWED',
        ],
        security,
        summary: 'Upload the capture of the regulator’s register page (multipart, field `file`)',
        description: 'PDF or an image, checked from the bytes; 10 MB at most. Needed to approve or re-check.',
        consumes: ['multipart/form-data'],
        params: ZParams,
        response: { 200: ZAdminVerification },
      },
    },
    (request) =>
      withUploadedFile(request, (file) =>
        uploadRegisterCapture(app.deps, actor(request), request.params.id, file),
      ),
  );

  for (const [path, which, operationId] of [
    ['register-capture', 'register_capture', 'downloadRegisterCapture'],
    ['identity-document', 'identity_document', 'downloadIdentityDocument'],
  ] as const) {
    app.get(
      `/api/admin/verifications/:id/${path}`,
      {
        ...admin,
        schema: {
          tags,
          operationId: operationId,
          problems: ['FORBIDDEN', 'NOT_FOUND'],
          security,
          summary: `Download the ${path.replace('-', ' ')} (audited)`,
          params: ZParams,
        },
      },
      async (request, reply) =>
        sendFile(reply, await downloadVerificationFile(app.deps, actor(request), request.params.id, which)),
    );
  }

  app.post(
    '/api/admin/verifications/:id/decision',
    {
      ...admin,
      schema: {
        tags,
        operationId: 'decideVerification',
        problems: [
          'FORBIDDEN',
          'NOT_FOUND',
          'VERIFICATION_DECISION_NOT_ALLOWED',
          'REGISTER_CAPTURE_MISSING',
          'LICENCE_ALREADY_CLAIMED',
          'STEP_UP_REQUIRED',
        ],
        security,
        summary:
          'Approve, re-check, reject, ask for information, suspend, revoke, reinstate, dismiss an appeal',
        description:
          'Every decision carries a reason, emailed to the pro in their language and written to the audit log. Needs a fresh step-up.',
        params: ZParams,
        body: ZVerificationDecisionBody,
        response: { 200: ZAdminVerification },
      },
    },
    (request) => decideVerification(app.deps, actor(request), request.params.id, request.body),
  );

  app.post(
    '/api/admin/verifications/:id/conflicts/:conflictId/resolve',
    {
      ...admin,
      schema: {
        tags,
        operationId: 'resolveLicenceConflict',
        problems: ['FORBIDDEN', 'NOT_FOUND', 'CONFLICT'],
        security,
        summary: 'Mark a licence conflict as looked into',
        params: ZConflictParams,
        response: { 200: ZAdminVerification },
      },
    },
    (request) => resolveConflict(app.deps, actor(request), request.params.id, request.params.conflictId),
  );
};

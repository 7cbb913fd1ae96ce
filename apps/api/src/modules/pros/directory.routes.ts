import {
  ZLine,
  ZMyProProfile,
  ZMyProProfileBody,
  ZProDirectoryPage,
  ZProDirectoryQuery,
  ZProProfile,
  ZProReview,
  ZProReviewBody,
  ZProReviewPage,
  ZProReviewPatch,
  ZReviewable,
  ZReviewFeatureBody,
  ZReviewReplyBody,
} from '@capitune/contracts';
import multipart from '@fastify/multipart';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError, fieldError } from '../../lib/errors';
import { requireUser, signedIn, verifiedEmail, withRole } from '../../plugins/auth';
import { getProProfile, listPros, proPhoto } from './directory.service';
import { getMyProProfile, MAX_PHOTO_BYTES, updateMyProProfile, uploadProPhoto } from './profile.service';
import {
  createReview,
  featureReview,
  listReviewable,
  listReviews,
  replyToReview,
  updateReview,
} from './reviews.service';

const tags = ['pros'];
const security = [{ bearerAuth: [] }];
const ZSlugParams = z.object({ slug: ZLine.regex(/^[a-z0-9-]{1,120}$/) });
const ZIdParams = z.object({ id: z.uuid() });
const ZReviewPageQuery = z.object({
  cursor: ZLine.max(300).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

/** The public directory, profiles, the pro's own profile and reviews (module pros, issue #13). */
export const prosRoutes: FastifyPluginAsyncZod = async (app) => {
  await app.register(multipart, {
    limits: { fileSize: MAX_PHOTO_BYTES, files: 1, fields: 2, fieldSize: 100, parts: 3 },
  });

  app.get(
    '/api/pros',
    {
      schema: {
        tags,
        operationId: 'listPros',
        security: [],
        problems: ['INVALID_CURSOR'],
        summary: 'The directory of verified professionals (public): filters, sorts, keyset pages',
        description:
          'Relevance (with q: name, then firm, then city or bio), rating (Bayesian score, then the number of reviews) or newest (verified since). No paid placement.',
        querystring: ZProDirectoryQuery,
        response: { 200: ZProDirectoryPage },
      },
    },
    (request) => listPros(app.deps, request.query),
  );

  app.get(
    '/api/pros/:slug',
    {
      schema: {
        tags,
        operationId: 'getProProfile',
        security: [],
        problems: ['NOT_FOUND'],
        summary:
          'A verified professional’s public profile (the pro themself and admins see it in any standing)',
        params: ZSlugParams,
        response: { 200: ZProProfile },
      },
    },
    (request) => getProProfile(app.deps, request.user, request.params.slug),
  );

  app.get(
    '/api/pros/:slug/photo',
    {
      schema: {
        tags,
        operationId: 'getProPhoto',
        security: [],
        problems: ['NOT_FOUND'],
        summary: 'A professional’s photo (public, cacheable)',
        params: ZSlugParams,
      },
    },
    async (request, reply) => {
      const photo = await proPhoto(app.deps, request.params.slug);
      const etag = `"${photo.sha256.slice(0, 32)}"`;
      reply
        .header('cache-control', 'public, max-age=86400')
        .header('etag', etag)
        // Helmet's same-origin default would stop other sites from showing a public photo: it is public.
        .header('cross-origin-resource-policy', 'cross-origin');
      if (request.headers['if-none-match'] === etag) {
        photo.stream.destroy();
        return reply.code(304).send();
      }
      return reply.type(photo.contentType).header('content-length', photo.sizeBytes).send(photo.stream);
    },
  );

  app.get(
    '/api/pros/:slug/reviews',
    {
      schema: {
        tags,
        operationId: 'listProReviews',
        security: [],
        problems: ['NOT_FOUND', 'INVALID_CURSOR'],
        summary: 'A professional’s published reviews, newest first, with the averages',
        params: ZSlugParams,
        querystring: ZReviewPageQuery,
        response: { 200: ZProReviewPage },
      },
    },
    (request) => listReviews(app.deps, request.user, request.params.slug, request.query),
  );

  app.post(
    '/api/pros/:slug/reviews',
    {
      onRequest: verifiedEmail,
      schema: {
        tags,
        operationId: 'createProReview',
        problems: ['EMAIL_NOT_VERIFIED', 'REVIEW_NOT_ALLOWED', 'NOT_FOUND', 'REVIEW_ALREADY_EXISTS'],
        security,
        summary:
          'Review the professional of one of my dossiers (followed 30 days at least, or closed with them); once per dossier',
        params: ZSlugParams,
        body: ZProReviewBody,
        response: { 201: ZProReview },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(await createReview(app.deps, requireUser(request), request.params.slug, request.body)),
  );

  app.patch(
    '/api/reviews/:id',
    {
      onRequest: verifiedEmail,
      schema: {
        tags,
        operationId: 'updateReview',
        problems: ['EMAIL_NOT_VERIFIED', 'FORBIDDEN', 'NOT_FOUND', 'REVIEW_NOT_EDITABLE'],
        security,
        summary: 'Edit my review (30 days after writing it)',
        params: ZIdParams,
        body: ZProReviewPatch,
        response: { 200: ZProReview },
      },
    },
    (request) => updateReview(app.deps, requireUser(request), request.params.id, request.body),
  );

  app.post(
    '/api/reviews/:id/reply',
    {
      onRequest: verifiedEmail,
      schema: {
        tags,
        operationId: 'replyToReview',
        problems: ['EMAIL_NOT_VERIFIED', 'FORBIDDEN', 'NOT_FOUND', 'REVIEW_NOT_EDITABLE'],
        security,
        summary: 'Answer a review of me, publicly (once)',
        params: ZIdParams,
        body: ZReviewReplyBody,
        response: { 200: ZProReview },
      },
    },
    (request) => replyToReview(app.deps, requireUser(request), request.params.id, request.body.body),
  );

  app.post(
    '/api/reviews/:id/feature',
    {
      onRequest: verifiedEmail,
      schema: {
        tags,
        operationId: 'featureReview',
        problems: ['EMAIL_NOT_VERIFIED', 'FORBIDDEN', 'NOT_FOUND', 'TESTIMONIAL_NOT_ALLOWED'],
        security,
        summary: 'Feature a review of me as a testimonial (its author agreed; three at most), or stop',
        params: ZIdParams,
        body: ZReviewFeatureBody,
        response: { 200: ZProReview },
      },
    },
    (request) => featureReview(app.deps, requireUser(request), request.params.id, request.body.featured),
  );

  app.get(
    '/api/me/reviewable',
    {
      onRequest: withRole('candidate'),
      schema: {
        tags,
        operationId: 'listReviewableDossiers',
        problems: ['FORBIDDEN'],
        security,
        summary: 'My dossiers whose professional I may review, with my review if written',
        response: { 200: z.array(ZReviewable) },
      },
    },
    (request) => listReviewable(app.deps, requireUser(request)),
  );

  app.get(
    '/api/me/pro-profile',
    {
      onRequest: withRole('pro'),
      schema: {
        tags,
        operationId: 'getMyProProfile',
        problems: ['FORBIDDEN'],
        security,
        summary: 'My public profile as I wrote it (pros)',
        response: { 200: ZMyProProfile },
      },
    },
    (request) => getMyProProfile(app.deps, requireUser(request)),
  );

  app.put(
    '/api/me/pro-profile',
    {
      onRequest: withRole('pro'),
      schema: {
        tags,
        operationId: 'updateMyProProfile',
        problems: ['FORBIDDEN'],
        security,
        summary: 'Write my public profile (pros): bio FR/EN, languages, provinces, city, specialties',
        body: ZMyProProfileBody,
        response: { 200: ZMyProProfile },
      },
    },
    (request) => updateMyProProfile(app.deps, requireUser(request), request.body),
  );

  app.put(
    '/api/me/pro-profile/photo',
    {
      onRequest: [signedIn, withRole('pro')],
      schema: {
        tags,
        operationId: 'replaceMyProPhoto',
        problems: [
          'FORBIDDEN',
          'UNSUPPORTED_MEDIA_TYPE',
          'VALIDATION_FAILED',
          'PAYLOAD_TOO_LARGE',
          'UPLOAD_INCOMPLETE',
          'FILE_TYPE_NOT_ALLOWED',
        ],
        security,
        summary: 'Replace my photo (multipart, field `file`: JPEG, PNG or WebP by its bytes, 5 MB at most)',
        consumes: ['multipart/form-data'],
        response: { 200: ZMyProProfile },
      },
    },
    async (request) => {
      const viewer = requireUser(request);
      if (!request.isMultipart()) {
        throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'Send the photo as multipart/form-data');
      }
      for await (const part of request.parts()) {
        if (part.type === 'field') continue;
        if (part.fieldname !== 'file') {
          part.file.resume();
          continue;
        }
        let content: Buffer;
        try {
          content = await part.toBuffer();
        } catch (error) {
          if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') {
            throw new AppError('PAYLOAD_TOO_LARGE', 'Photos are limited to 5 MB');
          }
          throw error;
        }
        return uploadProPhoto(app.deps, viewer, { content, truncated: part.file.truncated });
      }
      throw fieldError('body.file', 'required', 'Required', 'No file was sent');
    },
  );
};

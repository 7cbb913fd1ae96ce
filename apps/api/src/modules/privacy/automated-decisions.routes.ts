import {
  ZAutomatedDecision,
  ZAutomatedDecisionsPage,
  ZPageQuery,
  ZReviewAnswerBody,
  ZReviewRequestBody,
  ZReviewRequestsPage,
} from '@capitune/contracts';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireUser, signedIn, withRole } from '../../plugins/auth';
import { callerOf } from '../access';
import {
  answerReview,
  listMyDecisions,
  listReviewRequests,
  requestReview,
} from './automated-decisions.service';

const tags = ['privacy'];
const security = [{ bearerAuth: [] }];
const ZDecisionIdParams = z.object({ id: z.uuid() });

const caller = (request: FastifyRequest) => callerOf(requireUser(request), request.ip);

/**
 * The notice of automated decisions (Law 25 s. 12.1): the person's own decisions and their request for
 * a human review; the admins' queue of requests and their answers.
 */
export const automatedDecisionsRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/me/automated-decisions',
    {
      onRequest: signedIn,
      schema: {
        operationId: 'listMyAutomatedDecisions',
        tags,
        security,
        summary: 'Decisions the product took about the person by automation alone, with their main factors',
        problems: ['INVALID_CURSOR'],
        querystring: ZPageQuery,
        response: { 200: ZAutomatedDecisionsPage },
      },
    },
    (request) => listMyDecisions(app.deps, caller(request), request.query),
  );

  app.post(
    '/api/me/automated-decisions/:id/review',
    {
      onRequest: signedIn,
      schema: {
        operationId: 'requestAutomatedDecisionReview',
        tags,
        security,
        summary: 'Ask a person to review an automated decision (once per decision)',
        problems: ['NOT_FOUND', 'REVIEW_ALREADY_REQUESTED'],
        params: ZDecisionIdParams,
        body: ZReviewRequestBody,
        response: { 200: ZAutomatedDecision },
      },
    },
    (request) => requestReview(app.deps, caller(request), request.params.id, request.body.message),
  );

  app.get(
    '/api/admin/review-requests',
    {
      onRequest: withRole('admin'),
      schema: {
        operationId: 'listReviewRequests',
        tags,
        security,
        summary: 'Requests for a human review of an automated decision, waiting, oldest first',
        problems: ['FORBIDDEN', 'INVALID_CURSOR'],
        querystring: ZPageQuery,
        response: { 200: ZReviewRequestsPage },
      },
    },
    (request) => listReviewRequests(app.deps, caller(request), request.query),
  );

  app.post(
    '/api/admin/review-requests/:id',
    {
      onRequest: withRole('admin'),
      schema: {
        operationId: 'answerReviewRequest',
        tags,
        security,
        summary: 'Answer a review request: uphold the decision, or reverse it (held content is published)',
        problems: ['FORBIDDEN', 'NOT_FOUND', 'CONFLICT'],
        params: ZDecisionIdParams,
        body: ZReviewAnswerBody,
        response: { 200: ZAutomatedDecision },
      },
    },
    (request) => answerReview(app.deps, caller(request), request.params.id, request.body),
  );
};

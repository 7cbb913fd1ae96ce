import { ZConsentsBody, ZMyConsents } from '@capitune/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requireUser, signedIn } from '../../plugins/auth';
import { callerOf } from '../access';
import { changeConsents, getMyConsents } from './consents.service';

const tags = ['privacy'];
const security = [{ bearerAuth: [] }];

/** A person's consents: what stands, what is pending, the history; giving and withdrawing alike. */
export const consentsRoutes: FastifyPluginAsyncZod = async (app) => {
  // Before the body is parsed: an anonymous caller gets 401, not a validation error.
  app.addHook('onRequest', signedIn);

  app.get(
    '/api/me/consents',
    {
      schema: {
        operationId: 'getMyConsents',
        tags,
        security,
        summary: 'What the person agreed to, to which version and when; what a new version asks again',
        response: { 200: ZMyConsents },
      },
    },
    (request) => getMyConsents(app.deps, callerOf(requireUser(request), request.ip)),
  );

  app.post(
    '/api/me/consents',
    {
      schema: {
        operationId: 'changeMyConsents',
        tags,
        security,
        summary:
          'Give or withdraw consents at the current versions (the terms and the policy cannot be withdrawn: delete the account instead)',
        problems: ['CONSENT_REQUIRED'],
        body: ZConsentsBody,
        response: { 200: ZMyConsents },
      },
    },
    (request) => changeConsents(app.deps, callerOf(requireUser(request), request.ip), request.body),
  );
};

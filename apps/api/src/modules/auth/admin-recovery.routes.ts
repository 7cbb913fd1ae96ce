import { ZTwoFactorResetBody } from '@capitune/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireUser, withRole } from '../../plugins/auth';
import { callerOf } from '../access';
import { resetTwoFactor } from './admin-recovery.service';

/** An administrator's recovery of an account that lost every second factor. */
export const adminRecoveryRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/api/admin/users/:id/two-factor-reset',
    {
      schema: {
        operationId: 'resetTwoFactor',
        tags: ['admin'],
        security: [{ bearerAuth: [] }],
        problems: ['FORBIDDEN', 'STEP_UP_REQUIRED', 'NOT_FOUND'],
        summary: 'Remove every second factor of a person whose identity was checked (admins only)',
        description:
          'Removes the authenticator, passkeys, recovery codes, email and SMS codes, ends every session and gives 24 hours to set up a new factor. `identityCheck` says how the identity was checked (docs/operations.md); it is kept in the audit log. Needs a fresh step-up; not for one’s own account.',
        params: z.object({ id: z.uuid() }),
        body: ZTwoFactorResetBody,
        response: { 204: z.null() },
      },
      onRequest: withRole('admin'),
    },
    async (request, reply) => {
      const caller = callerOf(requireUser(request), request.ip);
      await resetTwoFactor(app.deps, caller, request.params.id, request.body.identityCheck);
      return reply.code(204).send(null);
    },
  );
};

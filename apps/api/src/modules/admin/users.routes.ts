import {
  ZAdminUserAction,
  ZAdminUserActionResult,
  ZAdminUserDetail,
  ZAdminUserIdParams,
  ZAdminUserListQuery,
  ZAdminUserPage,
} from '@capitune/contracts';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requireUser, withRole } from '../../plugins/auth';
import { type Caller, callerOf } from '../access';
import { actOnUser, listUsers, userPage } from './users.service';

const tags = ['admin-users'];
const security = [{ bearerAuth: [] }];

/** The admin calling, and from where (for the audit log). */
const caller = (request: FastifyRequest): Caller => callerOf(requireUser(request), request.ip);

/** The admin console's users: admins only (401 for nobody, 403 for candidates and pros). */
export const adminUsersRoutes: FastifyPluginAsyncZod = async (app) => {
  app.addHook('onRequest', withRole('admin'));

  app.get(
    '/api/admin/users',
    {
      schema: {
        tags,
        security,
        summary: 'Search members by name, email, firm, licence number, role, status, tag and sign-up date',
        operationId: 'listAdminUsers',
        problems: ['FORBIDDEN', 'INVALID_CURSOR'],
        querystring: ZAdminUserListQuery,
        response: { 200: ZAdminUserPage },
      },
    },
    (request) => listUsers(app.deps, caller(request), request.query),
  );

  app.get(
    '/api/admin/users/:id',
    {
      schema: {
        tags,
        security,
        summary: 'A member’s page: profile, status, sessions, factors, dossier counts, history and emails',
        operationId: 'getAdminUser',
        problems: ['FORBIDDEN', 'NOT_FOUND'],
        params: ZAdminUserIdParams,
        response: { 200: ZAdminUserDetail },
      },
    },
    (request) => userPage(app.deps, caller(request), request.params.id),
  );

  app.post(
    '/api/admin/users/:id/actions',
    {
      schema: {
        tags,
        security,
        summary:
          'Act on a member: suspend, ban, lift, change the role, resend the verification, end the sessions, merge a duplicate, open a dossier (audited), tag, untag',
        operationId: 'actOnAdminUser',
        problems: [
          'FORBIDDEN',
          'NOT_FOUND',
          'STEP_UP_REQUIRED',
          'SELF_ACTION_NOT_ALLOWED',
          'LAST_ADMIN',
          'MERGE_NOT_ALLOWED',
          'CONFLICT',
        ],
        params: ZAdminUserIdParams,
        body: ZAdminUserAction,
        response: { 200: ZAdminUserActionResult },
      },
    },
    (request) => actOnUser(app.deps, caller(request), request.params.id, request.body),
  );
};

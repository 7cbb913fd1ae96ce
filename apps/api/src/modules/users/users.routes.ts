import {
  ZGoals,
  ZMe,
  ZNotificationPreferences,
  ZNotificationPreferencesUpdate,
  ZUpdateMeBody,
} from '@capitune/contracts';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requireUser, signedIn } from '../../plugins/auth';
import { callerOf } from '../access';
import {
  getGoals,
  getMe,
  getNotificationPreferences,
  putGoals,
  putNotificationPreferences,
  updateMe,
} from './users.service';

const tags = ['me'];
const security = [{ bearerAuth: [] }];

export const usersRoutes: FastifyPluginAsyncZod = async (app) => {
  // Before the body is parsed: an anonymous caller gets 401, not a validation error.
  app.addHook('onRequest', signedIn);
  const caller = (request: FastifyRequest) => callerOf(requireUser(request), request.ip);

  app.get(
    '/api/me',
    {
      schema: {
        operationId: 'getMe',
        tags,
        security,
        problems: ['NOT_FOUND'],
        summary: 'The signed-in user',
        response: { 200: ZMe },
      },
    },
    (request) => getMe(app.deps.db, requireUser(request).id, app.deps.clock.now()),
  );

  app.patch(
    '/api/me',
    {
      schema: {
        operationId: 'updateMe',
        tags,
        security,
        problems: ['NOT_FOUND'],
        summary: 'Update personal information',
        body: ZUpdateMeBody,
        response: { 200: ZMe },
      },
    },
    (request) => updateMe(app.deps, caller(request), request.body),
  );

  app.get(
    '/api/me/goals',
    {
      schema: {
        operationId: 'getGoals',
        tags,
        security,
        summary: 'Immigration goals',
        response: { 200: ZGoals },
      },
    },
    (request) => getGoals(app.deps, caller(request)),
  );

  app.put(
    '/api/me/goals',
    {
      schema: {
        operationId: 'putGoals',
        tags,
        security,
        summary: 'Set the immigration goals',
        body: ZGoals,
        response: { 200: ZGoals },
      },
    },
    (request) => putGoals(app.deps, caller(request), request.body),
  );

  app.get(
    '/api/me/notification-preferences',
    {
      schema: {
        operationId: 'getNotificationPreferences',
        tags,
        security,
        summary: 'Notification preferences per event kind and channel',
        response: { 200: ZNotificationPreferences },
      },
    },
    (request) => getNotificationPreferences(app.deps, caller(request)),
  );

  app.put(
    '/api/me/notification-preferences',
    {
      schema: {
        operationId: 'putNotificationPreferences',
        tags,
        security,
        summary: 'Set the notification preferences',
        body: ZNotificationPreferencesUpdate,
        response: { 200: ZNotificationPreferences },
      },
    },
    (request) => putNotificationPreferences(app.deps, caller(request), request.body),
  );
};

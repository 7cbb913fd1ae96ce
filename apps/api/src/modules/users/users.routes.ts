import { ZGoals, ZMe, ZNotificationPreferences, ZUpdateMeBody } from '@capitune/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requireUser, signedIn } from '../../plugins/auth';
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

  app.get(
    '/api/me',
    { schema: { tags, security, summary: 'The signed-in user', response: { 200: ZMe } } },
    (request) => getMe(app.deps.db, requireUser(request).id, app.deps.clock.now()),
  );

  app.patch(
    '/api/me',
    {
      schema: {
        tags,
        security,
        summary: 'Update personal information',
        body: ZUpdateMeBody,
        response: { 200: ZMe },
      },
    },
    (request) => updateMe(app.deps, requireUser(request).id, request.body),
  );

  app.get(
    '/api/me/goals',
    { schema: { tags, security, summary: 'Immigration goals', response: { 200: ZGoals } } },
    (request) => getGoals(app.deps.db, requireUser(request).id),
  );

  app.put(
    '/api/me/goals',
    {
      schema: {
        tags,
        security,
        summary: 'Set the immigration goals',
        body: ZGoals,
        response: { 200: ZGoals },
      },
    },
    (request) => putGoals(app.deps, requireUser(request).id, request.body),
  );

  app.get(
    '/api/me/notification-preferences',
    {
      schema: {
        tags,
        security,
        summary: 'Notification preferences per event kind and channel',
        response: { 200: ZNotificationPreferences },
      },
    },
    (request) => getNotificationPreferences(app.deps.db, requireUser(request).id),
  );

  app.put(
    '/api/me/notification-preferences',
    {
      schema: {
        tags,
        security,
        summary: 'Set the notification preferences',
        body: ZNotificationPreferences,
        response: { 200: ZNotificationPreferences },
      },
    },
    (request) => putNotificationPreferences(app.deps, requireUser(request).id, request.body),
  );
};

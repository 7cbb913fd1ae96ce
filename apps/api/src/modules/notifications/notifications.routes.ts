import { ZMarkNotificationsRead, ZNotificationPage, ZPageQuery } from '@capitune/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireUser, signedIn } from '../../plugins/auth';
import { listNotifications, markRead, unreadCount } from './notifications.service';

const tags = ['notifications'];
const security = [{ bearerAuth: [] }];
const ZUnread = z.object({ unreadCount: z.number().int() });

export const notificationsRoutes: FastifyPluginAsyncZod = async (app) => {
  app.addHook('onRequest', signedIn);

  app.get(
    '/api/notifications',
    {
      schema: {
        operationId: 'listNotifications',
        tags,
        security,
        summary: 'The user’s notifications, newest first',
        querystring: ZPageQuery,
        response: { 200: ZNotificationPage },
        problems: ['INVALID_CURSOR'],
      },
    },
    (request) => listNotifications(app.deps, requireUser(request).id, request.query),
  );

  app.get(
    '/api/notifications/unread-count',
    {
      schema: {
        operationId: 'getUnreadNotificationCount',
        tags,
        security,
        summary: 'How many notifications are unread',
        response: { 200: ZUnread },
      },
    },
    async (request) => ({ unreadCount: await unreadCount(app.deps, requireUser(request).id) }),
  );

  app.post(
    '/api/notifications/read',
    {
      schema: {
        operationId: 'markNotificationsRead',
        tags,
        security,
        summary: 'Mark some or all notifications read',
        body: ZMarkNotificationsRead,
        response: { 200: ZUnread },
      },
    },
    async (request) => ({ unreadCount: await markRead(app.deps, requireUser(request).id, request.body) }),
  );
};

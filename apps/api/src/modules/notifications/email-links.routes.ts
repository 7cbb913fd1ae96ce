import { ZUnsubscribeInfo, ZUnsubscribeToken } from '@capitune/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../lib/errors';
import { byIp, rateLimit } from '../../plugins/rate-limit';
import {
  type OptionalEmailsWithdrawal,
  receiveEmailEvent,
  unsubscribe,
  unsubscribeInfo,
} from './email-links.service';

const tags = ['notifications'];
const MINUTE = 60 * 1000;

/** Mailgun's webhook body (its other fields are ignored). */
const ZMailgunEvent = z.object({
  signature: z.object({
    timestamp: z.union([z.string(), z.number()]).transform(String),
    token: z.string().min(1).max(200),
    signature: z.string().min(1).max(200),
  }),
  'event-data': z.object({
    event: z.string().max(100),
    severity: z.string().max(100).optional(),
    recipient: z.string().max(320).optional(),
    reason: z.string().max(200).optional(),
    'delivery-status': z
      .object({
        code: z.union([z.number(), z.string()]).optional(),
        message: z.string().max(2000).optional(),
        description: z.string().max(2000).optional(),
      })
      .optional(),
  }),
});

export interface EmailLinksOptions {
  withdrawOptionalEmails: OptionalEmailsWithdrawal;
}

/**
 * Routes reached from outside a session: the one-click unsubscribe of a non-essential email (the mail
 * client POSTs `List-Unsubscribe=One-Click` as a form, RFC 8058; the web page may POST nothing) and the
 * SMTP provider's event webhook.
 */
export const emailLinksRoutes: FastifyPluginAsyncZod<EmailLinksOptions> = async (app, options) => {
  // Mail clients post a form (`application/x-www-form-urlencoded`, or `multipart/form-data`); its only
  // field says nothing the token does not, so the body is read and ignored (in this plugin only).
  const ignoreBody = (_request: unknown, _body: unknown, done: (error: null, body?: unknown) => void) =>
    done(null, undefined);
  app.addContentTypeParser(
    ['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain'],
    { parseAs: 'string', bodyLimit: 4096 },
    ignoreBody,
  );

  const unsubscribeLimits = rateLimit(
    { name: 'unsubscribe-ip', limit: 300, windowMs: 15 * MINUTE, key: byIp },
    {
      name: 'unsubscribe-token',
      limit: 20,
      windowMs: 60 * MINUTE,
      key: (request) => (request.params as { token?: string }).token,
    },
  );

  app.get(
    '/api/email/unsubscribe/:token',
    {
      schema: {
        operationId: 'getEmailUnsubscribe',
        tags,
        security: [],
        summary: 'What an email’s unsubscribe link stops (no session)',
        description:
          'A browser opening the `List-Unsubscribe` address (it asks for HTML) is sent to the web page `/unsubscribe/{token}`, which asks before turning anything off.',
        problems: ['INVALID_TOKEN'],
        params: ZUnsubscribeToken,
        response: { 200: ZUnsubscribeInfo },
      },
      preHandler: unsubscribeLimits,
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      const accept = request.headers.accept ?? '';
      if (accept.includes('text/html') && !accept.includes('application/json')) {
        return reply.redirect(`/unsubscribe/${encodeURIComponent(request.params.token)}`, 303);
      }
      return unsubscribeInfo(app.deps, request.params.token);
    },
  );

  app.post(
    '/api/email/unsubscribe/:token',
    {
      schema: {
        operationId: 'emailUnsubscribe',
        tags,
        security: [],
        summary: 'One-click unsubscribe (RFC 8058): turns off that kind of email (no session)',
        description:
          'The body may be empty or the form `List-Unsubscribe=One-Click` that mail clients send; it is ignored. The `digest` link turns off every notification email.',
        problems: ['INVALID_TOKEN'],
        params: ZUnsubscribeToken,
        response: { 200: ZUnsubscribeInfo },
      },
      preHandler: unsubscribeLimits,
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return unsubscribe(app.deps, request.params.token, options.withdrawOptionalEmails);
    },
  );

  app.post(
    '/api/email/events',
    {
      schema: {
        operationId: 'receiveEmailEvent',
        tags,
        security: [],
        summary: 'The SMTP provider’s webhook (Mailgun): hard bounces and complaints suppress the address',
        description:
          'Signed with EMAIL_EVENTS_SIGNING_KEY: HMAC-SHA256 of `timestamp + token`, hex. 404 when no key is configured.',
        problems: ['FORBIDDEN', 'NOT_FOUND'],
        body: ZMailgunEvent,
        response: { 200: z.object({ recorded: z.enum(['bounce', 'complaint']).nullable() }) },
      },
      onRequest: async () => {
        if (!app.deps.config.emailEventsSigningKey)
          throw new AppError('NOT_FOUND', 'Email events are not configured');
      },
      preHandler: rateLimit({ name: 'email-events-ip', limit: 600, windowMs: MINUTE, key: byIp }),
    },
    async (request) => receiveEmailEvent(app.deps, request.body),
  );
};

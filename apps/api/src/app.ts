import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { streamFrameOrigins } from '@capitune/contracts';
import compress from '@fastify/compress';
import cookie from '@fastify/cookie';
import cors from '@fastify/cors';
import Fastify, { type FastifyInstance, LogController } from 'fastify';
import { validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import helmet from 'helmet';
import type { AppDeps, AppParts } from './deps';
import { registerErrorHandler, sendProblem } from './lib/errors';
import { logRedactPaths, serializeError } from './lib/log';
import { apiRoot, defaultWebDistDir } from './lib/paths';
import { auditNetworkRefusals } from './modules/access';
import { adminBatchesRoutes, adminStatsRoutes, adminUsersRoutes } from './modules/admin';
import { auditViewerRoutes } from './modules/audit';
import {
  adminRecoveryRoutes,
  authRoutes,
  contactFactorsRoutes,
  passkeysRoutes,
  requireStepUp,
  securityRoutes,
} from './modules/auth';
import { dashboardRoutes } from './modules/dashboard';
import { devMailboxRoutes } from './modules/dev-mailbox';
import { documentsRoutes } from './modules/documents';
import { dossiersRoutes } from './modules/dossiers';
import { healthRoutes } from './modules/health';
import {
  checkReviewText,
  insideAdminRoutes,
  insideRoutes,
  reverseModerationHold,
  reverseTrustLevel,
} from './modules/inside';
import { liveRoutes } from './modules/live';
import { messagesRoutes } from './modules/messages';
import {
  deliveriesRoutes,
  emailLinksRoutes,
  notificationsRoutes,
  phoneRoutes,
  pushSubscriptionsRoutes,
  registerChannelSender,
  sendPushDelivery,
  sendSmsNotification,
  shortLinkRoutes,
  smsInboundRoutes,
} from './modules/notifications';
import {
  automatedDecisionsRoutes,
  consentsRoutes,
  dataExportRoutes,
  deletionRoutes,
  incidentsRoutes,
  inspectionExportRoutes,
  privacyInfoRoutes,
  recordConsents,
  retentionRoutes,
  useDecisionReversal,
} from './modules/privacy';
import {
  firmNetworkRoutes,
  firmRoutes,
  prosRoutes,
  useReviewTextCheck,
  verificationRoutes,
} from './modules/pros';
import { realtimeRoutes } from './modules/realtime';
import { usersRoutes } from './modules/users';
import { webhooksRoutes } from './modules/webhooks';
import { createAdminAlertSender } from './platform/alerts/create-admin-alert-sender';
import { createKeyring } from './platform/crypto/keyring';
import { serializerCompiler } from './platform/http/serializer';
import { createOutbox } from './platform/mailer/outbox';
import { unavailablePushSender } from './platform/push/push-sender';
import { createWebPushSender } from './platform/push/web-push-sender';
import { createReadCache } from './platform/read-cache';
import { registerAuth } from './plugins/auth';
import { registerMetrics } from './plugins/metrics';
import { registerOpenApi } from './plugins/openapi';
import { registerWebApp } from './plugins/web-app';

const version = (JSON.parse(readFileSync(path.join(apiRoot, 'package.json'), 'utf8')) as { version: string })
  .version;

/** Links in emails and calendar feeds carry secrets: they never reach the logs. */
export function redactUrl(url: string): string {
  return url
    .replace(/([?&](?:token|access_token|signature)=)[^&#]*/gi, '$1[redacted]')
    .replace(/^(\/api\/calendar\/)[^/?#]+(\.ics)/, '$1[redacted]$2');
}

/** An incoming request id is kept (a load balancer's, say) when it is short and plain; otherwise a new one. */
function requestId(header: string | string[] | undefined): string {
  return typeof header === 'string' && /^[\w.:-]{1,128}$/.test(header) ? header : randomUUID();
}

export interface BuildAppOptions {
  /** Lets `main.ts` report a graceful shutdown through `/api/ready`. */
  isShuttingDown?: () => boolean;
  /** Where log lines go instead of stdout (tests read them). */
  logStream?: { write(line: string): void };
}

export async function buildApp(parts: AppParts, options: BuildAppOptions = {}): Promise<FastifyInstance> {
  const { config } = parts;
  // Security headers, the same on every response: helmet's middleware built once (the Fastify plugin
  // builds it again on every request, 5 % of the CPU of a short read).
  const securityHeaders = helmet({
    contentSecurityPolicy: {
      directives: {
        // Plain-http local mode must not ask the browser to upgrade requests to https.
        upgradeInsecureRequests: config.secure ? [] : null,
        // Live: the webinar players the web app embeds (YouTube's no-cookie player, Vimeo's).
        frameSrc: ["'self'", ...streamFrameOrigins],
      },
    },
    strictTransportSecurity: config.secure,
  });
  const app = Fastify({
    logger: {
      level: config.logLevel,
      redact: logRedactPaths,
      serializers: {
        req: (request) => ({
          method: request.method,
          url: redactUrl(request.url),
          host: request.host,
          remoteAddress: request.ip,
        }),
        err: serializeError,
      },
      ...(options.logStream
        ? { stream: options.logStream }
        : config.logPretty
          ? {
              transport: {
                target: 'pino-pretty',
                options: { translateTime: 'HH:MM:ss', ignore: 'pid,hostname' },
              },
            }
          : {}),
    },
    genReqId: (request) => requestId(request.headers['x-request-id']),
    requestIdHeader: false,
    // A hop count is given to Fastify as a number; proxy-addr types only know the other forms.
    trustProxy: config.trustProxy as boolean | string[],
    // On close: idle keep-alive connections are closed at once, busy ones once their response is sent.
    forceCloseConnections: 'idle',
    bodyLimit: 1024 * 1024,
    requestTimeout: config.http.requestTimeoutMs,
    keepAliveTimeout: config.http.keepAliveTimeoutMs,
    connectionTimeout: config.http.connectionTimeoutMs,
    // A malformed URL or an over-long path parameter is refused before any hook runs: answered here as
    // every other error, security headers included.
    frameworkErrors: (error, request, reply) => {
      securityHeaders(request.raw, reply.raw, () => {
        reply.header('x-request-id', request.id);
        sendProblem(reply, error.statusCode && error.statusCode < 500 ? 'BAD_REQUEST' : 'INTERNAL', {
          detail: error.code === 'FST_ERR_MAX_PARAM_LENGTH' ? 'A path segment is too long' : 'Malformed URL',
        });
      });
    },
    // Logged once, when answered (below), instead of Fastify's two lines (received, answered).
    logController: new LogController({ disableRequestLogging: true }),
  }).withTypeProvider<ZodTypeProvider>();
  app.server.headersTimeout = config.http.headersTimeoutMs;

  const deps: AppDeps = {
    ...parts,
    alerts: parts.alerts ?? createAdminAlertSender(config),
    outbox: createOutbox({ ...parts, log: app.log }),
    push:
      parts.push ??
      (config.vapid
        ? createWebPushSender(config.vapid, { allowLoopback: config.outboundAllowLoopback })
        : unavailablePushSender),
    readCache: createReadCache(parts.bus, { ttlSeconds: config.readCacheSeconds }),
    keyring: createKeyring(config.encryptionKeys),
    requireStepUp: (caller) => requireStepUp(deps, caller),
  };
  app.decorate('deps', deps);
  // Reviews of pros go through Inside's watched words (pros cannot import Inside, which imports pros).
  useReviewTextCheck(checkReviewText);
  // A reviewed automated decision that is reversed is undone by the feature that took it (privacy imports none).
  useDecisionReversal('moderation_hold', reverseModerationHold);
  useDecisionReversal('trust_level', reverseTrustLevel);
  // Web push is one of the notification channels the `notifications.deliver` worker sends through.
  registerChannelSender('push', sendPushDelivery);
  // Text messages too (to a verified number, within the daily cap).
  registerChannelSender('sms', sendSmsNotification);
  app.addHook('onClose', async () => deps.readCache.close());
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandler(app);
  // A refusal by a firm's networks is audited on its own connection: often thrown in a rolled-back transaction.
  app.addHook('onError', auditNetworkRefusals(deps));
  const isShuttingDown = options.isShuttingDown ?? (() => false);
  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
  app.addHook('onResponse', async (request, reply) => {
    request.log.info({ req: request, res: reply, responseTime: reply.elapsedTime }, 'request completed');
  });
  // While draining, every response (even to a request that came before) ends its keep-alive connection.
  app.addHook('onSend', async (_request, reply) => {
    if (isShuttingDown()) reply.header('connection', 'close');
  });

  app.addHook('onRequest', (request, reply, done) => {
    securityHeaders(request.raw, reply.raw, (error) => done(error as Error | undefined));
  });
  await app.register(compress, { threshold: 1024 });
  await app.register(cookie);
  registerAuth(app);
  if (config.corsOrigins.length > 0) {
    await app.register(cors, { origin: config.corsOrigins, credentials: true });
  }

  await registerMetrics(app);
  await registerOpenApi(app, version);

  await app.register(healthRoutes, { version, isShuttingDown });
  await app.register(authRoutes);
  await app.register(passkeysRoutes);
  await app.register(contactFactorsRoutes);
  await app.register(adminRecoveryRoutes);
  await app.register(securityRoutes);
  await app.register(usersRoutes);
  await app.register(notificationsRoutes);
  await app.register(deliveriesRoutes);
  await app.register(pushSubscriptionsRoutes);
  await app.register(phoneRoutes);
  await app.register(smsInboundRoutes);
  // Outside /api to stay short (`PUBLIC_URL/l/<code>` in a text); before the web app's page fallback.
  await app.register(shortLinkRoutes);
  // Unsubscribing withdraws the optional-emails consent through privacy (which imports notifications).
  await app.register(emailLinksRoutes, {
    withdrawOptionalEmails: async (db, userId, now) => {
      await recordConsents(db, userId, [{ purpose: 'optional_emails', granted: false }], 'preferences', now);
    },
  });
  await app.register(dossiersRoutes);
  await app.register(documentsRoutes);
  await app.register(dashboardRoutes);
  await app.register(messagesRoutes);
  await app.register(realtimeRoutes);
  await app.register(liveRoutes);
  await app.register(insideRoutes);
  await app.register(insideAdminRoutes);
  await app.register(adminStatsRoutes);
  await app.register(adminBatchesRoutes);
  await app.register(adminUsersRoutes);
  await app.register(prosRoutes);
  await app.register(verificationRoutes);
  await app.register(firmRoutes);
  await app.register(firmNetworkRoutes);
  await app.register(webhooksRoutes);
  await app.register(auditViewerRoutes);
  await app.register(privacyInfoRoutes);
  await app.register(consentsRoutes);
  await app.register(dataExportRoutes);
  await app.register(deletionRoutes);
  await app.register(retentionRoutes);
  await app.register(inspectionExportRoutes);
  await app.register(incidentsRoutes);
  await app.register(automatedDecisionsRoutes);
  if (config.devMailbox) await app.register(devMailboxRoutes);

  await registerWebApp(app, config.webDistDir ?? defaultWebDistDir);
  return app;
}

import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import compress from '@fastify/compress';
import cookie from '@fastify/cookie';
import cors from '@fastify/cors';
import helmet from '@fastify/helmet';
import Fastify, { type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Config } from './config';
import { registerErrorHandler } from './lib/errors';
import { apiRoot, defaultWebDistDir } from './lib/paths';
import { authRoutes } from './modules/auth/auth.routes';
import { communityRoutes } from './modules/community/community.routes';
import { communityAdminRoutes } from './modules/community/community-admin.routes';
import { devMailboxRoutes } from './modules/dev-mailbox/dev-mailbox.routes';
import { healthRoutes } from './modules/health/health.routes';
import { notificationsRoutes } from './modules/notifications/notifications.routes';
import { usersRoutes } from './modules/users/users.routes';
import type { Clock } from './platform/clock';
import type { DatabaseHandle } from './platform/db/database';
import type { Jobs } from './platform/jobs/jobs';
import type { Mailer } from './platform/mailer/mailer';
import { createOutbox, type Outbox } from './platform/mailer/outbox';
import { registerAuth } from './plugins/auth';
import { registerMetrics } from './plugins/metrics';
import { registerOpenApi } from './plugins/openapi';
import { registerWebApp } from './plugins/web-app';

/** The configuration once every secret is known (embedded mode generates its own). */
export type AppConfig = Omit<Config, 'jwtSecret'> & { jwtSecret: Uint8Array };

/** What `main.ts` (or a test) provides to build the app. */
export interface AppParts {
  config: AppConfig;
  db: DatabaseHandle['db'];
  pool: DatabaseHandle['pool'];
  clock: Clock;
  jobs: Jobs;
  /** The SMTP relay, or null to keep emails in the outbox (embedded mode without SMTP_URL). */
  mailer: Mailer | null;
}

/** What the modules use at run time: shared by every request and job. */
export interface AppDeps extends AppParts {
  outbox: Outbox;
}

declare module 'fastify' {
  interface FastifyInstance {
    deps: AppDeps;
  }
}

const version = (JSON.parse(readFileSync(path.join(apiRoot, 'package.json'), 'utf8')) as { version: string })
  .version;

/** An incoming request id is kept (a load balancer's, say) when it is short and plain; otherwise a new one. */
function requestId(header: string | string[] | undefined): string {
  return typeof header === 'string' && /^[\w.:-]{1,128}$/.test(header) ? header : randomUUID();
}

export interface BuildAppOptions {
  /** Lets `main.ts` report a graceful shutdown through `/api/ready`. */
  isShuttingDown?: () => boolean;
}

export async function buildApp(parts: AppParts, options: BuildAppOptions = {}): Promise<FastifyInstance> {
  const { config } = parts;
  const app = Fastify({
    logger: {
      level: config.logLevel,
      redact: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'],
      ...(config.logPretty
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
    trustProxy: config.trustProxy,
    bodyLimit: 1024 * 1024,
  }).withTypeProvider<ZodTypeProvider>();

  const deps: AppDeps = { ...parts, outbox: createOutbox({ ...parts, log: app.log }) };
  app.decorate('deps', deps);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandler(app);
  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });

  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        // Plain-http local mode must not ask the browser to upgrade requests to https.
        upgradeInsecureRequests: config.secure ? [] : null,
      },
    },
    hsts: config.secure,
  });
  await app.register(compress, { threshold: 1024 });
  await app.register(cookie);
  registerAuth(app);
  if (config.corsOrigins.length > 0) {
    await app.register(cors, { origin: config.corsOrigins, credentials: true });
  }

  await registerMetrics(app);
  await registerOpenApi(app, version);

  await app.register(healthRoutes, { version, isShuttingDown: options.isShuttingDown ?? (() => false) });
  await app.register(authRoutes);
  await app.register(usersRoutes);
  await app.register(notificationsRoutes);
  await app.register(communityRoutes);
  await app.register(communityAdminRoutes);
  if (config.devMailbox) await app.register(devMailboxRoutes);

  await registerWebApp(app, config.webDistDir ?? defaultWebDistDir);
  return app;
}

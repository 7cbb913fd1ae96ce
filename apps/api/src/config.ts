import path from 'node:path';
import { z } from 'zod';
import { parseMasterKeys } from './platform/crypto/keyring';

const booleanFromEnv = z.stringbool({ truthy: ['true', '1', 'yes'], falsy: ['false', '0', 'no'] });
const commaList = z
  .string()
  .transform((value) =>
    value
      .split(',')
      .map((item) => item.trim())
      .filter(Boolean),
  )
  .pipe(z.array(z.url()));

/**
 * Every setting of the API, read from the environment once at boot. Defaults give the embedded mode:
 * no variable is needed on a developer's machine. `.env.example` documents each one.
 */
const ZEnvironment = z
  .object({
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    HOST: z.string().min(1).default('localhost'),
    PORT: z.coerce.number().int().min(0).max(65_535).default(3000),
    PUBLIC_URL: z.url().optional(),
    DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
    DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(200).default(10),
    DATA_DIR: z.string().min(1).default('.data'),
    WEB_DIST_DIR: z.string().min(1).optional(),
    SEED_DEMO: booleanFromEnv.optional(),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    LOG_PRETTY: booleanFromEnv.optional(),
    TRUST_PROXY: z
      .string()
      .default('false')
      .transform((value, context) => {
        if (/^(true|1|yes)$/i.test(value)) return true;
        if (/^(false|0|no)$/i.test(value)) return false;
        if (/^[1-9]$/.test(value)) return Number(value);
        const ranges = value
          .split(',')
          .map((item) => item.trim())
          .filter(Boolean);
        if (ranges.length > 0 && ranges.every((item) => /^[0-9a-f:.]+(\/\d{1,3})?$/i.test(item)))
          return ranges;
        context.addIssue({
          code: 'custom',
          message: 'must be true, false, a number of proxies (1–9) or a list of addresses/CIDR ranges',
        });
        return z.NEVER;
      }),
    CORS_ORIGINS: commaList.default([]),
    COOKIE_DOMAIN: z
      .string()
      .regex(/^\.?[a-z0-9.-]+$/i, 'must be a domain such as .capitune.ca')
      .optional(),
    JWT_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
    WEBAUTHN_RP_ID: z
      .string()
      .regex(/^[a-z0-9.-]+$/i, 'must be a domain such as capitune.ca')
      .optional(),
    ENCRYPTION_KEYS: z
      .string()
      .transform((value, context) => {
        const parsed = parseMasterKeys(value);
        if ('error' in parsed) {
          context.addIssue({ code: 'custom', message: parsed.error });
          return z.NEVER;
        }
        return parsed.keys;
      })
      .optional(),
    SMTP_URL: z.url({ protocol: /^smtps?$/ }).optional(),
    MAIL_FROM: z.string().min(3).default('CAPITUNE <no-reply@capitune.ca>'),
    S3_BUCKET: z.string().min(3).optional(),
    S3_ENDPOINT: z.url().optional(),
    S3_REGION: z.string().min(1).default('us-east-1'),
    S3_ACCESS_KEY_ID: z.string().min(1).optional(),
    S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
    S3_FORCE_PATH_STYLE: booleanFromEnv.optional(),
    JOBS_EXPIRE_SECONDS: z.coerce.number().int().min(10).max(3600).default(120),
    JOBS_MAINTENANCE_SECONDS: z.coerce.number().int().min(1).max(600).default(30),
    READ_CACHE_SECONDS: z.coerce.number().int().min(0).max(3600).default(300),
    DATABASE_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(5_000),
    DATABASE_CONNECT_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(5_000),
    HTTP_REQUEST_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(3600).default(300),
    HTTP_HEADERS_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(300).default(30),
    HTTP_KEEP_ALIVE_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(600).default(72),
    HTTP_CONNECTION_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(3600).default(120),
    UPLOAD_IDLE_TIMEOUT_SECONDS: z.coerce.number().min(0.1).max(600).default(30),
    METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
    TWILIO_ACCOUNT_SID: z
      .string()
      .regex(/^AC[0-9a-f]{32}$/i, 'must be an Account SID: AC and 32 hexadecimal digits')
      .optional(),
    TWILIO_AUTH_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
    TWILIO_FROM: z
      .string()
      .regex(/^\+[1-9]\d{7,14}$/, 'must be a phone number in international format, e.g. +15145550123')
      .optional(),
    TWILIO_MESSAGING_SERVICE_SID: z
      .string()
      .regex(/^MG[0-9a-f]{32}$/i, 'must be a Messaging Service SID: MG and 32 hexadecimal digits')
      .optional(),
    ALLOW_EMBEDDED_IN_PRODUCTION: booleanFromEnv.optional(),
    SLACK_WEBHOOK_URL: z
      .url({ protocol: /^https?$/ })
      .describe('Incoming webhook of the admins’ Slack channel: admin alerts are posted there')
      .optional(),
    SLACK_BOT_TOKEN: z
      .string()
      .regex(/^xoxb-/, 'must be a bot token (xoxb-…)')
      .describe('Slack bot token (chat:write): admin alerts through the Web API, with SLACK_CHANNEL_ID')
      .optional(),
    SLACK_CHANNEL_ID: z
      .string()
      .regex(/^[CG][A-Z0-9]{6,}$/, 'must be a channel id such as C0123456789')
      .describe('The admins’ Slack channel, for SLACK_BOT_TOKEN')
      .optional(),
    PRIVACY_OFFICER_NAME: z
      .string()
      .min(1)
      .default('Responsable de la protection des renseignements personnels')
      .describe('The person in charge of the protection of personal information, named on /privacy'),
    PRIVACY_OFFICER_TITLE: z
      .string()
      .min(1)
      .default('Privacy Officer / Responsable de la protection des renseignements personnels'),
    PRIVACY_OFFICER_EMAIL: z.email().default('confidentialite@capitune.ca'),
    PRIVACY_OFFICER_PHONE: z.string().min(1).optional(),
    PRIVACY_OFFICER_ADDRESS: z.string().min(1).optional(),
    DATA_LOCATION: z
      .string()
      .min(1)
      .default('Canada')
      .describe('Where the database and the files are stored, as the privacy page states it'),
    RETENTION_CLIENT_FILE_YEARS: z.coerce
      .number()
      .int()
      .min(1)
      .max(50)
      .default(6)
      .describe('Years a closed client file is kept before it is destroyed'),
    RETENTION_CLIENT_FILE_SOURCE: z
      .string()
      .min(1)
      .default(
        'CICC Code of Professional Conduct for College Licensees: keeping client files (confirm the period against its current text)',
      )
      .describe('The rule the client-file retention rests on, as shown to admins and on /privacy'),
    VAPID_PUBLIC_KEY: z
      .string()
      .regex(
        /^[A-Za-z0-9_-]{86,88}$/,
        'must be a base64url P-256 public key (npx web-push generate-vapid-keys)',
      )
      .optional(),
    VAPID_PRIVATE_KEY: z
      .string()
      .regex(
        /^[A-Za-z0-9_-]{42,44}$/,
        'must be a base64url P-256 private key (npx web-push generate-vapid-keys)',
      )
      .optional(),
    VAPID_SUBJECT: z
      .string()
      .regex(
        /^(mailto:|https:\/\/)/,
        'must be a mailto: or https: address where push services reach the operator',
      )
      .default('mailto:support@capitune.ca'),
    WEBHOOKS_ALLOW_LOOPBACK: booleanFromEnv
      .default(false)
      .describe(
        'Tests only: outgoing requests to addresses people give (webhooks, push endpoints) may reach loopback, with a self-signed certificate. Never private ranges.',
      ),
    SMS_DAILY_CAP: z.coerce
      .number()
      .int()
      .min(0)
      .max(100)
      .default(5)
      .describe('Notification text messages one person receives a day at most (sign-in codes not counted)'),
    EMAIL_EVENTS_SIGNING_KEY: z
      .string()
      .min(16, 'must be at least 16 characters')
      .optional()
      .describe('The SMTP provider’s webhook signing key: bounces and complaints at POST /api/email/events'),
  })
  .superRefine((env, context) => {
    // Embedded mode keeps a generated secret in DATA_DIR; servers sharing a database must share it.
    if (env.DATABASE_URL && !env.JWT_SECRET) {
      context.addIssue({
        code: 'custom',
        path: ['JWT_SECRET'],
        message: 'is required when DATABASE_URL is set',
      });
    }
    if (env.DATABASE_URL && !env.ENCRYPTION_KEYS) {
      context.addIssue({
        code: 'custom',
        path: ['ENCRYPTION_KEYS'],
        message: 'is required when DATABASE_URL is set',
      });
    }
    // Browsers hand a passkey only to its relying party's domain or a subdomain of it.
    const publicHost = new URL(env.PUBLIC_URL ?? `http://localhost:${env.PORT}`).hostname;
    if (env.WEBAUTHN_RP_ID && !`.${publicHost}`.endsWith(`.${env.WEBAUTHN_RP_ID.toLowerCase()}`)) {
      context.addIssue({
        code: 'custom',
        path: ['WEBAUTHN_RP_ID'],
        message: `must be the host of PUBLIC_URL (${publicHost}) or a parent domain of it`,
      });
    }
    // Twilio is all or nothing: an account, its token, and a sender.
    const twilioSet = [
      env.TWILIO_ACCOUNT_SID,
      env.TWILIO_AUTH_TOKEN,
      env.TWILIO_FROM,
      env.TWILIO_MESSAGING_SERVICE_SID,
    ];
    if (twilioSet.some((value) => value !== undefined)) {
      for (const name of ['TWILIO_ACCOUNT_SID', 'TWILIO_AUTH_TOKEN'] as const) {
        if (!env[name])
          context.addIssue({
            code: 'custom',
            path: [name],
            message: 'is required with the other TWILIO_ variables',
          });
      }
      if (!env.TWILIO_FROM && !env.TWILIO_MESSAGING_SERVICE_SID) {
        context.addIssue({
          code: 'custom',
          path: ['TWILIO_FROM'],
          message: 'or TWILIO_MESSAGING_SERVICE_SID is required with the other TWILIO_ variables',
        });
      }
    }
    if ((env.VAPID_PUBLIC_KEY === undefined) !== (env.VAPID_PRIVATE_KEY === undefined)) {
      context.addIssue({
        code: 'custom',
        path: [env.VAPID_PUBLIC_KEY ? 'VAPID_PRIVATE_KEY' : 'VAPID_PUBLIC_KEY'],
        message: 'is required with VAPID_PUBLIC_KEY / VAPID_PRIVATE_KEY',
      });
    }
    if (env.WEBHOOKS_ALLOW_LOOPBACK && env.NODE_ENV === 'production') {
      context.addIssue({
        code: 'custom',
        path: ['WEBHOOKS_ALLOW_LOOPBACK'],
        message: 'is for tests only and cannot be set with NODE_ENV=production',
      });
    }
    // The Web API needs both a token and the channel it posts to.
    if ((env.SLACK_BOT_TOKEN === undefined) !== (env.SLACK_CHANNEL_ID === undefined)) {
      context.addIssue({
        code: 'custom',
        path: [env.SLACK_BOT_TOKEN ? 'SLACK_CHANNEL_ID' : 'SLACK_BOT_TOKEN'],
        message: 'is required with SLACK_BOT_TOKEN / SLACK_CHANNEL_ID',
      });
    }
    // Node refuses a headers timeout longer than the whole request's.
    if (env.HTTP_HEADERS_TIMEOUT_SECONDS > env.HTTP_REQUEST_TIMEOUT_SECONDS) {
      context.addIssue({
        code: 'custom',
        path: ['HTTP_HEADERS_TIMEOUT_SECONDS'],
        message: 'must not exceed HTTP_REQUEST_TIMEOUT_SECONDS',
      });
    }
    // The embedded mode opens the dev mailbox (every email, reset links included) and unauthenticated
    // metrics: fine on a developer's machine, never where others can reach it.
    const exposed = embeddedExposure(env);
    if (exposed && !env.ALLOW_EMBEDDED_IN_PRODUCTION) {
      context.addIssue({
        code: 'custom',
        path: ['DATABASE_URL'],
        message: `is required when ${exposed} (the embedded mode shows every email at /dev/mailbox); set ALLOW_EMBEDDED_IN_PRODUCTION=true to run it anyway`,
      });
    }
  });

/** Loopback names and addresses: only this machine reaches a server listening there. */
function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[(.*)\]$/, '$1').toLowerCase();
  return bare === 'localhost' || bare === '::1' || /^127(\.\d{1,3}){3}$/.test(bare);
}

/** Why an embedded-mode start would be reachable by others, or undefined when it stays on this machine. */
function embeddedExposure(env: {
  DATABASE_URL?: string | undefined;
  NODE_ENV: string;
  PUBLIC_URL?: string | undefined;
  HOST: string;
}): string | undefined {
  if (env.DATABASE_URL !== undefined) return undefined;
  if (env.NODE_ENV === 'production') return 'NODE_ENV=production';
  if (env.PUBLIC_URL?.startsWith('https://')) return 'PUBLIC_URL is https';
  if (!isLoopbackHost(env.HOST)) return `HOST=${env.HOST} is not a loopback address`;
  return undefined;
}

export type Config = ReturnType<typeof toConfig>;

/** The names of every variable the API reads. */
export const environmentVariables = Object.keys(ZEnvironment.shape);

function toConfig(env: z.infer<typeof ZEnvironment>) {
  const embedded = env.DATABASE_URL === undefined;
  const publicUrl = (env.PUBLIC_URL ?? `http://localhost:${env.PORT}`).replace(/\/$/, '');
  return {
    env: env.NODE_ENV,
    host: env.HOST,
    port: env.PORT,
    publicUrl,
    /** Served over https: cookies get `Secure`, the CSP upgrades requests, HSTS is sent. */
    secure: publicUrl.startsWith('https://'),
    /** Embedded mode: the API starts its own PostgreSQL and keeps emails for the dev mailbox. */
    embedded,
    databaseUrl: env.DATABASE_URL,
    databasePoolMax: env.DATABASE_POOL_MAX,
    dataDir: path.resolve(env.DATA_DIR),
    webDistDir: env.WEB_DIST_DIR ? path.resolve(env.WEB_DIST_DIR) : undefined,
    seedDemo: env.SEED_DEMO ?? embedded,
    logLevel: env.LOG_LEVEL,
    logPretty: env.LOG_PRETTY ?? (embedded && env.NODE_ENV !== 'production' && process.stdout.isTTY === true),
    trustProxy: env.TRUST_PROXY,
    corsOrigins: env.CORS_ORIGINS,
    /** Domain of the refresh cookie when the web app and the API are on sibling subdomains. */
    cookieDomain: env.COOKIE_DOMAIN,
    /** Signs access tokens. Unset only in embedded mode, where `main.ts` uses a generated one. */
    jwtSecret: env.JWT_SECRET ? new TextEncoder().encode(env.JWT_SECRET) : null,
    /**
     * Master keys (the first encrypts): authenticator secrets and the data keys of files. Unset only in
     * embedded mode, where `main.ts` derives one from a secret kept in DATA_DIR.
     */
    encryptionKeys: env.ENCRYPTION_KEYS ?? null,
    /**
     * Passkeys (WebAuthn): the relying party's id (the domain passkeys are bound to) and the one origin
     * whose answers are accepted, that of PUBLIC_URL.
     */
    webauthn: {
      rpId: (env.WEBAUTHN_RP_ID ?? new URL(publicUrl).hostname).toLowerCase(),
      origin: new URL(publicUrl).origin,
    },
    smtpUrl: env.SMTP_URL,
    mailFrom: env.MAIL_FROM,
    /** Files in an S3-compatible bucket when S3_BUCKET is set, else on the local disk in DATA_DIR/files. */
    s3: env.S3_BUCKET
      ? {
          bucket: env.S3_BUCKET,
          endpoint: env.S3_ENDPOINT,
          region: env.S3_REGION,
          accessKeyId: env.S3_ACCESS_KEY_ID,
          secretAccessKey: env.S3_SECRET_ACCESS_KEY,
          // MinIO and most self-hosted stores want path-style URLs; AWS wants virtual hosts.
          forcePathStyle: env.S3_FORCE_PATH_STYLE ?? env.S3_ENDPOINT !== undefined,
        }
      : null,
    /**
     * How soon the reminder batches and emails of an instance that died are taken over by another:
     * their jobs expire after `expireSeconds`, noticed within `maintenanceSeconds` (`platform/jobs`).
     */
    jobs: { expireSeconds: env.JOBS_EXPIRE_SECONDS, maintenanceSeconds: env.JOBS_MAINTENANCE_SECONDS },
    /**
     * The longest a search ranking or a calendar month is kept (`platform/read-cache.ts`); every write
     * that changes them forgets them at once on every instance. 0 turns the cache off.
     */
    readCacheSeconds: env.READ_CACHE_SECONDS,
    /**
     * Limits of every statement of the request pool (`statement_timeout`, and the client's own wait a little
     * longer in case the server does not answer at all) and of the wait for a free connection. A request
     * that hits one answers 503 with Retry-After instead of holding its connection; work that needs longer
     * asks for it per transaction (`withTransaction`, `statementTimeoutMs`).
     */
    database: {
      statementTimeoutMs: env.DATABASE_STATEMENT_TIMEOUT_MS,
      connectTimeoutMs: env.DATABASE_CONNECT_TIMEOUT_MS,
    },
    /**
     * Node's HTTP server limits: the whole request (`requestTimeout`, answered 408), its headers
     * (`headersTimeout`, against slow-header attacks), an idle keep-alive connection (longer than the load
     * balancer's own idle timeout) and any connection without traffic (`connectionTimeout`).
     */
    http: {
      requestTimeoutMs: env.HTTP_REQUEST_TIMEOUT_SECONDS * 1000,
      headersTimeoutMs: env.HTTP_HEADERS_TIMEOUT_SECONDS * 1000,
      keepAliveTimeoutMs: env.HTTP_KEEP_ALIVE_TIMEOUT_SECONDS * 1000,
      connectionTimeoutMs: env.HTTP_CONNECTION_TIMEOUT_SECONDS * 1000,
    },
    /** An upload whose bytes stop coming for this long is answered 400 UPLOAD_INCOMPLETE and dropped. */
    uploadIdleTimeoutMs: Math.round(env.UPLOAD_IDLE_TIMEOUT_SECONDS * 1000),
    /**
     * Bearer token of `GET /metrics`. Without it the endpoint is open in embedded mode (loopback only) and
     * closed (401) in server mode.
     */
    metricsToken: env.METRICS_TOKEN,
    /**
     * SMS codes through Twilio (`platform/sms`). Unset: in embedded mode SMS go to the dev mailbox; in
     * server mode SMS codes are not offered.
     */
    twilio:
      env.TWILIO_ACCOUNT_SID && env.TWILIO_AUTH_TOKEN
        ? {
            accountSid: env.TWILIO_ACCOUNT_SID,
            authToken: env.TWILIO_AUTH_TOKEN,
            // A Messaging Service, when given, picks the number itself.
            sender: env.TWILIO_MESSAGING_SERVICE_SID
              ? { messagingServiceSid: env.TWILIO_MESSAGING_SERVICE_SID }
              : { from: env.TWILIO_FROM ?? '' },
          }
        : null,
    /**
     * The admins' Slack channel for admin alerts (`platform/alerts`): the Web API when a bot token is
     * set, else an incoming webhook, else none (alerts stay in `admin_alerts`, read in the console).
     */
    slack:
      env.SLACK_BOT_TOKEN && env.SLACK_CHANNEL_ID
        ? { botToken: env.SLACK_BOT_TOKEN, channelId: env.SLACK_CHANNEL_ID }
        : env.SLACK_WEBHOOK_URL
          ? { webhookUrl: env.SLACK_WEBHOOK_URL }
          : null,
    /**
     * Web push (RFC 8291, `platform/push`): the VAPID keys from the environment; unset, embedded mode
     * generates a pair in DATA_DIR (`main.ts`) and server mode offers no push.
     */
    vapid:
      env.VAPID_PUBLIC_KEY && env.VAPID_PRIVATE_KEY
        ? { publicKey: env.VAPID_PUBLIC_KEY, privateKey: env.VAPID_PRIVATE_KEY, subject: env.VAPID_SUBJECT }
        : null,
    vapidSubject: env.VAPID_SUBJECT,
    /** Outgoing requests to addresses people give may reach loopback (tests and benches only). */
    outboundAllowLoopback: env.WEBHOOKS_ALLOW_LOOPBACK,
    /** Notification text messages per person and day (their time zone). */
    smsDailyCap: env.SMS_DAILY_CAP,
    /** Verifies the SMTP provider's bounce and complaint webhook; unset, the webhook answers 404. */
    emailEventsSigningKey: env.EMAIL_EVENTS_SIGNING_KEY ?? null,
    /** The dev mailbox (`/api/dev/mailbox`) exists only in embedded mode. */
    devMailbox: embedded,
    /** Privacy and records: the officer named on `/privacy`, where data lives, the client-file retention. */
    privacy: {
      officer: {
        name: env.PRIVACY_OFFICER_NAME,
        title: env.PRIVACY_OFFICER_TITLE,
        email: env.PRIVACY_OFFICER_EMAIL,
        phone: env.PRIVACY_OFFICER_PHONE ?? null,
        address: env.PRIVACY_OFFICER_ADDRESS ?? null,
      },
      dataLocation: env.DATA_LOCATION,
      clientFileYears: env.RETENTION_CLIENT_FILE_YEARS,
      clientFileSource: env.RETENTION_CLIENT_FILE_SOURCE,
    },
  };
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Parses the environment; throws a ConfigError naming every wrong variable at once. */
export function loadConfig(environment: NodeJS.ProcessEnv = process.env): Config {
  // An empty variable means "not set", as in most deployment tools.
  const present = Object.fromEntries(Object.entries(environment).filter(([, value]) => value !== ''));
  const result = ZEnvironment.safeParse(present);
  if (!result.success) {
    throw new ConfigError(
      result.error.issues.map((issue) => `${issue.path.join('.') || '(environment)'}: ${issue.message}`),
    );
  }
  return toConfig(result.data);
}

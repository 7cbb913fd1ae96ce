import path from 'node:path';
import { z } from 'zod';

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
  });

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
    /** The dev mailbox (`/api/dev/mailbox`) exists only in embedded mode. */
    devMailbox: embedded,
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

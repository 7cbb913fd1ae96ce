import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, environmentVariables, loadConfig } from './config';
import { apiRoot } from './lib/paths';

const key = (fill: number) => Buffer.alloc(32, fill).toString('base64');
const KEYS = `k1:${key(1)}`;

describe('loadConfig', () => {
  it('gives the embedded mode with no variable at all', () => {
    const config = loadConfig({});
    expect(config.embedded).toBe(true);
    expect(config.port).toBe(3000);
    expect(config.publicUrl).toBe('http://localhost:3000');
    expect(config.secure).toBe(false);
    expect(config.seedDemo).toBe(true);
    expect(config.dataDir).toBe(path.resolve('.data'));
    expect(config.corsOrigins).toEqual([]);
  });

  it('reads the master keys, the first one current, and refuses malformed ones', () => {
    const config = loadConfig({ ENCRYPTION_KEYS: `new:${key(2)}, old:${key(1)}` });
    expect(config.encryptionKeys?.map((entry) => entry.id)).toEqual(['new', 'old']);
    expect(config.encryptionKeys?.[0]?.key).toEqual(Buffer.alloc(32, 2));
    expect(() => loadConfig({ ENCRYPTION_KEYS: `a:${Buffer.alloc(16).toString('base64')}` })).toThrow(
      /ENCRYPTION_KEYS: key "a" must be 32 bytes/,
    );
    expect(() => loadConfig({ ENCRYPTION_KEYS: `a:${key(1)},a:${key(2)}` })).toThrow(/appears twice/);
    expect(() => loadConfig({ ENCRYPTION_KEYS: key(1) })).toThrow(/is not id:base64key/);
    expect(() =>
      loadConfig({ DATABASE_URL: 'postgres://app@db/capitune', JWT_SECRET: 'x'.repeat(40) }),
    ).toThrow(/ENCRYPTION_KEYS: is required/);
  });

  it('binds passkeys to the host of PUBLIC_URL, or to a parent domain given by WEBAUTHN_RP_ID', () => {
    expect(loadConfig({}).webauthn).toEqual({ rpId: 'localhost', origin: 'http://localhost:3000' });
    expect(loadConfig({ PUBLIC_URL: 'http://app.capitune.ca/' }).webauthn).toEqual({
      rpId: 'app.capitune.ca',
      origin: 'http://app.capitune.ca',
    });
    expect(
      loadConfig({ PUBLIC_URL: 'http://app.capitune.ca', WEBAUTHN_RP_ID: 'capitune.ca' }).webauthn.rpId,
    ).toBe('capitune.ca');
    expect(() => loadConfig({ PUBLIC_URL: 'http://app.capitune.ca', WEBAUTHN_RP_ID: 'pitune.ca' })).toThrow(
      /WEBAUTHN_RP_ID: must be the host of PUBLIC_URL \(app.capitune.ca\) or a parent domain/,
    );
    expect(() => loadConfig({ WEBAUTHN_RP_ID: 'https://capitune.ca' })).toThrow(
      /WEBAUTHN_RP_ID: must be a domain/,
    );
  });

  it('reads the VAPID pair together, and allows loopback for outgoing requests only outside production', () => {
    const pair = { VAPID_PUBLIC_KEY: 'B'.repeat(87), VAPID_PRIVATE_KEY: 'a'.repeat(43) };
    expect(loadConfig({}).vapid).toBeNull();
    expect(loadConfig(pair).vapid).toEqual({
      publicKey: pair.VAPID_PUBLIC_KEY,
      privateKey: pair.VAPID_PRIVATE_KEY,
      subject: 'mailto:support@capitune.ca',
    });
    expect(() => loadConfig({ VAPID_PUBLIC_KEY: pair.VAPID_PUBLIC_KEY })).toThrow(
      /VAPID_PRIVATE_KEY: is required/,
    );
    expect(() => loadConfig({ ...pair, VAPID_SUBJECT: 'support@capitune.ca' })).toThrow(/VAPID_SUBJECT/);
    expect(loadConfig({}).outboundAllowLoopback).toBe(false);
    expect(loadConfig({ WEBHOOKS_ALLOW_LOOPBACK: 'true' }).outboundAllowLoopback).toBe(true);
    expect(() =>
      loadConfig({
        WEBHOOKS_ALLOW_LOOPBACK: 'true',
        NODE_ENV: 'production',
        ALLOW_EMBEDDED_IN_PRODUCTION: 'true',
      }),
    ).toThrow(/WEBHOOKS_ALLOW_LOOPBACK: is for tests only/);
    expect(loadConfig({}).smsDailyCap).toBe(5);
    expect(() => loadConfig({ SMS_DAILY_CAP: '-1' })).toThrow(/SMS_DAILY_CAP/);
  });

  it('reads Twilio all or nothing, a Messaging Service taking the place of a number', () => {
    const account = { TWILIO_ACCOUNT_SID: `AC${'a1'.repeat(16)}`, TWILIO_AUTH_TOKEN: 't'.repeat(32) };
    expect(loadConfig({}).twilio).toBeNull();
    expect(loadConfig({ ...account, TWILIO_FROM: '+15145550123' }).twilio).toEqual({
      accountSid: account.TWILIO_ACCOUNT_SID,
      authToken: account.TWILIO_AUTH_TOKEN,
      sender: { from: '+15145550123' },
    });
    const service = `MG${'b2'.repeat(16)}`;
    expect(
      loadConfig({ ...account, TWILIO_FROM: '+15145550123', TWILIO_MESSAGING_SERVICE_SID: service }).twilio
        ?.sender,
    ).toEqual({ messagingServiceSid: service });
    expect(() => loadConfig(account)).toThrow(/TWILIO_FROM: or TWILIO_MESSAGING_SERVICE_SID is required/);
    expect(() => loadConfig({ TWILIO_FROM: '+15145550123' })).toThrow(
      /TWILIO_ACCOUNT_SID: is required[\s\S]*TWILIO_AUTH_TOKEN: is required/,
    );
    expect(() => loadConfig({ ...account, TWILIO_FROM: '514-555-0123' })).toThrow(/TWILIO_FROM: must be/);
    expect(() =>
      loadConfig({ ...account, TWILIO_ACCOUNT_SID: 'AC123', TWILIO_FROM: '+15145550123' }),
    ).toThrow(/TWILIO_ACCOUNT_SID: must be an Account SID/);
  });

  it('switches to server mode when DATABASE_URL is set', () => {
    const config = loadConfig({
      DATABASE_URL: 'postgres://app@db.internal:5432/capitune',
      JWT_SECRET: 'x'.repeat(40),
      ENCRYPTION_KEYS: KEYS,
      PUBLIC_URL: 'https://app.capitune.ca/',
      PORT: '8080',
      CORS_ORIGINS: 'https://capitune.ca, https://www.capitune.ca',
    });
    expect(config.embedded).toBe(false);
    expect(config.seedDemo).toBe(false);
    expect(config.port).toBe(8080);
    expect(config.publicUrl).toBe('https://app.capitune.ca');
    expect(config.secure).toBe(true);
    expect(config.corsOrigins).toEqual(['https://capitune.ca', 'https://www.capitune.ca']);
  });

  it('requires a JWT secret of 32 characters or more in server mode', () => {
    expect(() => loadConfig({ DATABASE_URL: 'postgres://app@db/capitune' })).toThrow(
      /JWT_SECRET: is required/,
    );
    expect(() => loadConfig({ DATABASE_URL: 'postgres://app@db/capitune', JWT_SECRET: 'short' })).toThrow(
      /JWT_SECRET: must be at least 32 characters/,
    );
    expect(loadConfig({}).jwtSecret).toBeNull();
  });

  it('reads TRUST_PROXY as a boolean, a hop count or a list of trusted ranges', () => {
    expect(loadConfig({ TRUST_PROXY: 'true' }).trustProxy).toBe(true);
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: '2' }).trustProxy).toBe(2);
    expect(loadConfig({ TRUST_PROXY: '10.0.0.0/8, 127.0.0.1' }).trustProxy).toEqual([
      '10.0.0.0/8',
      '127.0.0.1',
    ]);
    expect(() => loadConfig({ TRUST_PROXY: 'everyone' })).toThrow(/TRUST_PROXY/);
  });

  it('treats empty variables as unset', () => {
    expect(loadConfig({ DATABASE_URL: '', PORT: '' }).embedded).toBe(true);
  });

  it('names every wrong variable at once', () => {
    let caught: unknown;
    try {
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x/y', LOG_LEVEL: 'loud', TRUST_PROXY: 'maybe' });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    const problems = (caught as ConfigError).problems.join('\n');
    for (const name of ['PORT', 'DATABASE_URL', 'LOG_LEVEL', 'TRUST_PROXY']) expect(problems).toContain(name);
    expect((caught as ConfigError).problems).toHaveLength(4);
    expect((caught as ConfigError).message).toMatch(/^Invalid configuration:/);
  });

  it('refuses the embedded mode where others could reach it, unless told explicitly', () => {
    for (const [environment, reason] of [
      [{ NODE_ENV: 'production' }, /NODE_ENV=production/],
      [{ PUBLIC_URL: 'https://capitune.example' }, /PUBLIC_URL is https/],
      [{ HOST: '0.0.0.0' }, /HOST=0\.0\.0\.0/],
      [{ HOST: '192.168.1.20' }, /HOST=192/],
    ] as const) {
      expect(() => loadConfig(environment)).toThrow(/DATABASE_URL: is required when/);
      expect(() => loadConfig(environment)).toThrow(reason);
      expect(loadConfig({ ...environment, ALLOW_EMBEDDED_IN_PRODUCTION: 'true' }).embedded).toBe(true);
    }
    for (const HOST of ['localhost', '127.0.0.1', '::1', '[::1]'])
      expect(loadConfig({ HOST }).embedded).toBe(true);
    // Server mode is not concerned.
    expect(
      loadConfig({
        NODE_ENV: 'production',
        HOST: '0.0.0.0',
        DATABASE_URL: 'postgres://app@db/capitune',
        JWT_SECRET: 'x'.repeat(40),
        ENCRYPTION_KEYS: KEYS,
      }).devMailbox,
    ).toBe(false);
  });

  it('reads the timeouts, with defaults', () => {
    const defaults = loadConfig({});
    expect(defaults.database).toEqual({ statementTimeoutMs: 5_000, connectTimeoutMs: 5_000 });
    expect(defaults.http).toEqual({
      requestTimeoutMs: 300_000,
      headersTimeoutMs: 30_000,
      keepAliveTimeoutMs: 72_000,
      connectionTimeoutMs: 120_000,
    });
    expect(defaults.uploadIdleTimeoutMs).toBe(30_000);
    expect(loadConfig({ UPLOAD_IDLE_TIMEOUT_SECONDS: '0.5' }).uploadIdleTimeoutMs).toBe(500);
    expect(() =>
      loadConfig({ HTTP_REQUEST_TIMEOUT_SECONDS: '10', HTTP_HEADERS_TIMEOUT_SECONDS: '20' }),
    ).toThrow(/HTTP_HEADERS_TIMEOUT_SECONDS/);
  });

  it('wants a metrics token long enough to resist guessing', () => {
    expect(loadConfig({}).metricsToken).toBeUndefined();
    expect(loadConfig({ METRICS_TOKEN: 'm'.repeat(32) }).metricsToken).toBe('m'.repeat(32));
    expect(() => loadConfig({ METRICS_TOKEN: 'short' })).toThrow(/METRICS_TOKEN/);
  });

  it('refuses a CORS origin that is not a URL', () => {
    expect(() => loadConfig({ CORS_ORIGINS: 'capitune.ca' })).toThrow(/CORS_ORIGINS/);
  });
});

describe('.env.example', () => {
  it('documents every variable the API reads', () => {
    const example = readFileSync(path.join(apiRoot, '../../.env.example'), 'utf8');
    const documented = [...example.matchAll(/^([A-Z][A-Z0-9_]*)=/gm)].map((match) => match[1]);
    expect(documented.sort()).toEqual([...environmentVariables].sort());
  });
});

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, environmentVariables, loadConfig } from './config';
import { apiRoot } from './lib/paths';

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

  it('switches to server mode when DATABASE_URL is set', () => {
    const config = loadConfig({
      DATABASE_URL: 'postgres://app@db.internal:5432/capitune',
      JWT_SECRET: 'x'.repeat(40),
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

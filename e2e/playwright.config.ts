import { defineConfig, devices } from '@playwright/test';

/**
 * End-to-end tests drive the built product as users get it: the API (`apps/api/dist/main.js`) serving the
 * built web app (`apps/web/dist`) with its real headers, in Debian's Chromium. Build first:
 * `npm run build`, then `npm run test:e2e`.
 *
 * The product runs in embedded mode, as `npm start` runs it for a person trying it: its own PostgreSQL in
 * a fresh `.data/e2e-<port>`, and the dev mailbox where the journeys open the links they are emailed.
 *
 * - E2E_PORT: the port the API listens on (3100 by default).
 * - CHROMIUM_PATH: the browser to drive (/usr/bin/chromium by default).
 */
const port = Number(process.env.E2E_PORT ?? 3100);
// A domain, not an address: passkeys belong to a domain (WebAuthn refuses an IP address), and the API
// accepts their answers from its PUBLIC_URL's origin only; emailed links lead there too, so every test
// uses it. The server still listens on 127.0.0.1 (`localhost` reaches it).
const baseURL = `http://localhost:${port}`;
// One data folder per port: two runs side by side (on two ports) must not wipe each other's database.
const dataDir = `../.data/e2e-${port}`;
// The run serves a copy of the built web app: a build started meanwhile (which empties apps/web/dist)
// cannot pull the pages from under the tests.
const webDir = `../.data/e2e-${port}-web`;
const prepare = [
  `for (const dir of ['${dataDir}', '${webDir}']) fs.rmSync(dir, { recursive: true, force: true })`,
  `fs.cpSync('../apps/web/dist', '${webDir}', { recursive: true })`,
].join(';');

// The server inherits this process's environment: never let it use a database meant for other tests.
delete process.env.DATABASE_URL;
delete process.env.JWT_SECRET;
delete process.env.SMTP_URL;

export default defineConfig({
  testDir: './tests',
  outputDir: `../test-results/e2e-${port}`,
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  retries: 0,
  workers: 2,
  reporter: 'list',
  timeout: 30_000,
  expect: { timeout: 5_000 },
  use: {
    baseURL,
    locale: 'fr-CA',
    timezoneId: 'America/Toronto',
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  projects: [
    {
      name: 'chromium',
      use: {
        ...devices['Desktop Chrome'],
        headless: true,
        launchOptions: {
          executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
          args: [
            '--no-sandbox',
            '--disable-gpu',
            '--disable-background-networking',
            '--disable-quic',
            '--no-first-run',
            '--disable-component-update',
            '--disable-sync',
          ],
        },
      },
    },
  ],
  webServer: {
    // A fresh data folder each run: every run starts from the demo seed alone.
    command: `node -e "const fs = require('node:fs'); ${prepare}" && node ../apps/api/dist/main.js`,
    cwd: import.meta.dirname,
    url: `http://127.0.0.1:${port}/api/ready`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: 'ignore',
    stderr: 'pipe',
    gracefulShutdown: { signal: 'SIGTERM', timeout: 10_000 },
    env: {
      PORT: String(port),
      HOST: '127.0.0.1',
      PUBLIC_URL: baseURL,
      DATA_DIR: dataDir,
      WEB_DIST_DIR: webDir,
      LOG_LEVEL: 'warn',
      // The test runner stands where a load balancer would: each test says which address its person
      // comes from (support/fixtures.ts), so the per-address limits see many people, as in life.
      TRUST_PROXY: '127.0.0.1',
      // The firm webhooks' journey (webhooks.spec.ts) delivers to a receiver it starts on 127.0.0.1,
      // with a self-signed certificate: allowed for tests only (refused with NODE_ENV=production).
      WEBHOOKS_ALLOW_LOOPBACK: 'true',
    },
  },
});

import { test as base, expect } from '@playwright/test';

export interface GuardOptions {
  /**
   * Console errors a test expects (from a request it blocks on purpose, say), as one pattern: arrays
   * would be read as `[value, options]` by `test.use`. Every other console error fails the test.
   */
  allowedConsoleErrors: RegExp | undefined;
}

declare global {
  interface Window {
    __e2eReportCspViolation?: (violation: string) => void;
  }
}

/**
 * `test` with a guarded `page`: the test fails on any console error, uncaught page error or Content
 * Security Policy violation, reported after the test body so the failure lists all of them.
 */
export const test = base.extend<GuardOptions>({
  allowedConsoleErrors: [undefined, { option: true }],

  // Every test is a person of their own address (a documentation range: nothing is ever sent there, it
  // is only the X-Forwarded-For the server trusts from the runner), so sign-up and login limits per
  // address count one test's requests, not the whole suite's.
  extraHTTPHeaders: async ({ extraHTTPHeaders }, use, testInfo) => {
    await use({
      ...extraHTTPHeaders,
      'x-forwarded-for': clientAddress(testInfo.testId, testInfo.repeatEachIndex),
    });
  },

  page: async ({ page, allowedConsoleErrors }, use) => {
    const problems: string[] = [];
    const allowed = (text: string) => allowedConsoleErrors?.test(text) ?? false;

    page.on('console', (message) => {
      if (message.type() !== 'error' || allowed(message.text())) return;
      const { url, lineNumber } = message.location();
      problems.push(`console.error: ${message.text()}${url ? ` (${url}:${lineNumber})` : ''}`);
    });
    page.on('pageerror', (error) => {
      problems.push(`uncaught error: ${error.message}`);
    });
    await page.exposeFunction('__e2eReportCspViolation', (violation: string) => {
      problems.push(`CSP violation: ${violation}`);
    });
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (event) => {
        window.__e2eReportCspViolation?.(
          `${event.effectiveDirective} blocked ${event.blockedURI || 'inline'} in ${event.sourceFile}:${event.lineNumber}`,
        );
      });
    });

    await use(page);

    expect(problems, 'the page logged errors or violated the CSP').toEqual([]);
  },
});

/** One address of 198.51.100.0/24 per test (TEST-NET-2, RFC 5737). */
function clientAddress(testId: string, repeat: number): string {
  let hash = repeat;
  for (const char of testId) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return `198.51.100.${(hash % 254) + 1}`;
}

export { expect };

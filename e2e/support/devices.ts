import { type Browser, type BrowserContext, expect, type Page } from '@playwright/test';
import { logIn } from './accounts';

/** A browser of one person, seen by the server as coming from one address. */
export interface Device {
  page: Page;
  /** Console errors the test expects from now on (a refused request it provokes on purpose). */
  allow: (pattern: RegExp) => void;
}

/** The console line of a failed request of that status: expected where a test provokes it. */
export const failedRequest = (status: number) => new RegExp(`status of ${status}`);

/**
 * A browser context of its own (cookies, device cookie) whose requests come from `address` — the
 * X-Forwarded-For the server trusts from the test runner — signed in as `account` in `language`. Its
 * context joins `contexts` (the caller closes them); any console error, uncaught error or CSP violation
 * it meets lands in `problems`, unless allowed.
 */
export async function deviceAt(
  browser: Browser,
  options: {
    account: { email: string; password: string };
    address: string;
    language: 'fr' | 'en';
    problems: string[];
    contexts: BrowserContext[];
  },
): Promise<Device> {
  const { account, address, language, problems } = options;
  const context = await browser.newContext({
    locale: language === 'fr' ? 'fr-CA' : 'en-CA',
    timezoneId: 'America/Toronto',
    extraHTTPHeaders: { 'x-forwarded-for': address },
  });
  options.contexts.push(context);
  const allowed: RegExp[] = [];
  const page = await context.newPage();
  page.on('console', (message) => {
    if (message.type() !== 'error' || allowed.some((pattern) => pattern.test(message.text()))) return;
    problems.push(`console.error (${address}): ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`uncaught error (${address}): ${error.message}`));
  await page.exposeFunction('__e2eReportCspViolation', (violation: string) => {
    problems.push(`CSP violation (${address}): ${violation}`);
  });
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      window.__e2eReportCspViolation?.(`${event.effectiveDirective} blocked ${event.blockedURI || 'inline'}`);
    });
  });
  await page.goto('/login');
  await logIn(page, account.email, account.password, language);
  await expect(page).toHaveURL(/\/dashboard$/);
  return { page, allow: (pattern) => allowed.push(pattern) };
}

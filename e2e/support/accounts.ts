import { type APIRequestContext, expect, type Locator, type Page } from '@playwright/test';

/** The accounts seeded in embedded mode. */
export const demo = {
  candidate: 'candidat@demo.capitune.ca',
  pro: 'pro@demo.capitune.ca',
  admin: 'admin@demo.capitune.ca',
  password: 'Capitune-Demo-2026',
} as const;

let sequence = 0;

/** An address no other test (nor an earlier run) uses: the data folder is wiped only once per run. */
export function uniqueEmail(label: string): string {
  sequence += 1;
  return `${label}-${Date.now().toString(36)}-${process.pid}-${sequence}@example.ca`;
}

const words = ['Caribou', 'Toundra', 'Lanterne', 'Mistral', 'Érable', 'Boréal', 'Fjord', 'Aurore', 'Cèdre'];

/** A password the API's strength check accepts (several uncommon words and a number). */
export function strongPassword(): string {
  sequence += 1;
  const pick = (offset: number) => words[(Date.now() + sequence * 7 + offset) % words.length];
  return `${pick(0)}-${pick(3)}-${pick(5)}-${(Date.now() % 9000) + 1000 + sequence}`;
}

export interface NewAccount {
  role: 'candidate' | 'pro';
  email: string;
  password: string;
  firstName: string;
  lastName: string;
  locale: 'fr' | 'en';
  licenceNumber?: string;
  organisationName?: string;
}

/** Creates an account through the API (for tests whose subject is not the sign-up form). */
export async function registerThroughApi(request: APIRequestContext, account: NewAccount): Promise<void> {
  const response = await request.post('/api/auth/register', { data: account });
  expect(response.status(), await response.text()).toBe(201);
}

interface MailboxItem {
  to: string;
  subject: string;
  text: string;
  createdAt: string;
}

/** The path (with its token) of the latest link to `path` emailed to `to`, read from the dev mailbox. */
export async function emailedLink(
  request: APIRequestContext,
  to: string,
  path: '/verify-email' | '/reset-password' | '/join-firm' | '/reference',
): Promise<string> {
  let link: string | undefined;
  await expect(async () => {
    const response = await request.get('/api/dev/mailbox');
    expect(response.ok()).toBe(true);
    const { items } = (await response.json()) as { items: MailboxItem[] };
    const pattern = new RegExp(`https?://[^\\s]+${path}\\?token=[\\w%-]+`);
    const email = items.find((item) => item.to === to && pattern.test(item.text));
    const match = email?.text.match(pattern)?.[0];
    expect(match, `an email to ${to} with a ${path} link`).toBeTruthy();
    const url = new URL(match as string);
    link = `${url.pathname}${url.search}`;
  }).toPass({ timeout: 5_000 });
  return link as string;
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The form control labelled exactly `label`, whether or not it is required: a required field's label
 * ends with a decorative "*" (hidden from assistive technology, but part of the label's text).
 */
export function field(scope: Page | Locator, label: string): Locator {
  return scope.getByLabel(new RegExp(`^${escapeRegExp(label)}\\*?$`));
}

export const loginText = {
  fr: { email: 'Adresse courriel', password: 'Mot de passe', submit: 'Se connecter' },
  en: { email: 'Email address', password: 'Password', submit: 'Log in' },
} as const;

/** Fills and sends the login form of the page on screen. */
export async function logIn(page: Page, email: string, password: string, language: 'fr' | 'en' = 'fr') {
  const text = loginText[language];
  const main = page.getByRole('main');
  await field(main, text.email).fill(email);
  await field(main, text.password).fill(password);
  await main.getByRole('button', { name: text.submit, exact: true }).click();
}

/** Logs the seeded admin in from the login page (within their two-factor grace: no second step). */
export async function logInAsAdmin(page: Page, language: 'fr' | 'en' = 'fr') {
  await page.goto('/login');
  await logIn(page, demo.admin, demo.password, language);
  await expect(page).toHaveURL(/\/dashboard$/);
}

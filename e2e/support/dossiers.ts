import { type APIRequestContext, type Browser, expect, type Page } from '@playwright/test';
import {
  emailedLink,
  logIn,
  type NewAccount,
  registerThroughApi,
  strongPassword,
  uniqueEmail,
} from './accounts';

/** The texts of Mon dossier, the dashboard and the chat, in both languages (from apps/web/src/locales). */
export const dossierText = {
  fr: {
    dashboard: 'Tableau de bord',
    program: 'Entrée express — Travailleurs qualifiés (fédéral)',
    openMine: 'Ouvrir mon dossier',
    openSubmit: 'Ouvrir le dossier',
    choosePro: 'Choisir un professionnel',
    search: 'Rechercher',
    message: 'Message',
    sendRequest: 'Envoyer la demande',
    requestSent: (name: string) => `Demande envoyée à ${name}`,
    passport: 'Passeport',
    languageTest: 'Résultats de test de langue (IELTS, CELPIP, TEF Canada, TCF Canada)',
    uploadTitle: 'Téléverser le document',
    chooseFile: 'Choisir le fichier',
    expiryDate: 'Date d’expiration',
    sendDocument: 'Envoyer le document',
    sent: (name: string) => `« ${name} » est envoyé`,
    pending: 'En examen',
    approved: 'Approuvé',
    rejectedTitle: 'Document refusé : envoyez-en une nouvelle version',
    nextSteps: 'Prochaines étapes',
    replace: (document: string) => `Remplacer : ${document}`,
    replaceButton: 'Remplacer le document',
    toProvide: (document: string) => `À fournir : ${document}`,
    progress: 'Documents approuvés',
    chat: 'Messages',
    composer: 'Votre message',
    send: 'Envoyer',
    you: 'Vous',
    read: 'Lu',
    delivered: 'Envoyé',
    history: 'Historique des messages',
    conversations: 'Conversations',
    messagesLink: 'Messages',
    messagesUnread: (count: number) => `Messages, ${count} non ${count > 1 ? 'lus' : 'lu'}`,
    unread: (count: number) => `${count} non ${count > 1 ? 'lus' : 'lu'}`,
  },
  en: {
    dashboard: 'Dashboard',
    program: 'Express Entry — Federal Skilled Worker',
    requests: 'Requests to answer',
    accept: 'Accept',
    accepted: (name: string) => `You now follow ${name}’s dossier.`,
    toReview: 'Documents to review',
    review: (document: string) => `To review: ${document}`,
    reviewButton: 'Review the document',
    noReview: 'No document awaits your review.',
    passport: 'Passport',
    reject: 'Reject',
    reason: 'Reason for rejection',
    confirmReject: 'Reject the document',
    approve: 'Approve',
    approved: 'Approved',
    underReview: 'Under review',
    rejectedTitle: 'You rejected this document',
    composer: 'Your message',
    send: 'Send',
    you: 'You',
    read: 'Read',
    history: 'Message history',
    notes: 'Internal notes',
    notesPrivate: 'Visible to your firm only',
  },
} as const;

/** A pattern matching `text` literally (program names have parentheses). */
export function literally(text: string, flags?: string): RegExp {
  return new RegExp(text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), flags);
}

/** A minimal valid PDF (the API checks the type from the bytes). */
export function tinyPdf(text: string): Buffer {
  const stream = `BT /F1 12 Tf 72 720 Td (${text.replace(/[()\\]/g, '')}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((object, index) => {
    offsets.push(body.length);
    body += `${index + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) body += `${String(offset).padStart(10, '0')} 00000 n \n`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

export interface Account {
  email: string;
  password: string;
  firstName: string;
  lastName: string;
}

/** Signs up through the API and confirms the address with the emailed link (the subject is elsewhere). */
export async function verifiedAccount(
  request: APIRequestContext,
  account: Omit<NewAccount, 'email' | 'password'>,
): Promise<Account> {
  const email = uniqueEmail(account.role);
  const password = strongPassword();
  await registerThroughApi(request, { ...account, email, password });
  const link = await emailedLink(request, email, '/verify-email');
  const token = new URL(link, 'http://x.invalid').searchParams.get('token');
  const response = await request.post('/api/auth/verify-email', { data: { token } });
  expect(response.ok(), await response.text()).toBe(true);
  return { email, password, firstName: account.firstName, lastName: account.lastName };
}

/**
 * A professional with a firm of their own (the demo pro has none yet, so candidates cannot choose him).
 * The firm's name is unique, to tell this pro from the namesakes of earlier runs on the same database.
 */
export async function verifiedPro(
  request: APIRequestContext,
  firstName: string,
  lastName: string,
  locale: 'fr' | 'en',
): Promise<Account & { organisationName: string }> {
  const organisationName = `Cabinet ${lastName} ${Date.now().toString(36).toUpperCase()}`;
  const account = await verifiedAccount(request, {
    role: 'pro',
    firstName,
    lastName,
    locale,
    licenceNumber: 'R712345',
    organisationName,
  });
  return { ...account, organisationName };
}

/** An access token, for setting things up through the API. */
export async function apiToken(request: APIRequestContext, email: string, password: string): Promise<string> {
  const response = await request.post('/api/auth/login', { data: { email, password } });
  expect(response.ok(), await response.text()).toBe(true);
  return ((await response.json()) as { accessToken: string }).accessToken;
}

/** A new browser context (its own cookies: another person) with a guarded page, logged in. */
export async function personIn(
  browser: Browser,
  account: Pick<Account, 'email' | 'password'>,
  language: 'fr' | 'en',
  problems: string[],
): Promise<Page> {
  const context = await browser.newContext({
    locale: language === 'fr' ? 'fr-CA' : 'en-CA',
    timezoneId: 'America/Toronto',
  });
  const page = await context.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console.error (${language}): ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`uncaught error (${language}): ${error.message}`));
  await page.exposeFunction('__e2eReportCspViolation', (violation: string) => {
    problems.push(`CSP violation (${language}): ${violation}`);
  });
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      window.__e2eReportCspViolation?.(`${event.effectiveDirective} blocked ${event.blockedURI || 'inline'}`);
    });
  });
  await page.goto('/login');
  await logIn(page, account.email, account.password, language);
  await expect(page).toHaveURL(/\/dashboard$/);
  return page;
}

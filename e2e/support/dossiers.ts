import {
  type APIRequestContext,
  type APIResponse,
  type Browser,
  expect,
  request as http,
  type Page,
} from '@playwright/test';
import {
  demo,
  emailedLink,
  logIn,
  type NewAccount,
  registerThroughApi,
  strongPassword,
  uniqueEmail,
} from './accounts';
import { stepUpThroughApi } from './two-factor';

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

/** Confirms the address with the link emailed at sign-up. */
async function confirmEmail(request: APIRequestContext, email: string): Promise<void> {
  const link = await emailedLink(request, email, '/verify-email');
  const token = new URL(link, 'http://x.invalid').searchParams.get('token');
  const response = await request.post('/api/auth/verify-email', { data: { token } });
  expect(response.ok(), await response.text()).toBe(true);
}

/** Signs up through the API and confirms the address with the emailed link (the subject is elsewhere). */
export async function verifiedAccount(
  request: APIRequestContext,
  account: Omit<NewAccount, 'email' | 'password'>,
): Promise<Account> {
  const email = uniqueEmail(account.role);
  const password = strongPassword();
  await registerThroughApi(request, { ...account, email, password });
  await confirmEmail(request, email);
  return { email, password, firstName: account.firstName, lastName: account.lastName };
}

/** A CICC licence number (R + 6 random digits): one licence belongs to one pro. */
export function randomLicence(): string {
  return `R${String(Math.floor(Math.random() * 1_000_000)).padStart(6, '0')}`;
}

/** A 1×1 PNG: the identity document and the register capture of a pro verified for a test. */
const png = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=',
  'base64',
);

const isoDay = (date: Date) => date.toISOString().slice(0, 10);

/**
 * Runs `act` with an API context of its own, signed in as `email`: the caller's cookies (a signed-in
 * page) stay untouched.
 */
async function asSomeoneElse(
  request: APIRequestContext,
  email: string,
  password: string,
  act: (api: APIRequestContext, headers: { authorization: string }) => Promise<void>,
): Promise<void> {
  const { origin } = new URL((await request.get('/api/health')).url());
  const api = await http.newContext({ baseURL: origin });
  try {
    await act(api, { authorization: `Bearer ${await apiToken(api, email, password)}` });
  } finally {
    await api.dispose();
  }
}

async function ok(response: APIResponse): Promise<APIResponse> {
  expect(response.ok(), `${response.url()}: ${await response.text()}`).toBe(true);
  return response;
}

/**
 * What a pro does before an admin can verify them, through the API: the public profile (bio, languages,
 * province), two references, an identity document, then the file is submitted.
 */
export async function submitVerification(
  request: APIRequestContext,
  pro: Account & { licenceNumber: string; locale: 'fr' | 'en' },
): Promise<void> {
  await asSomeoneElse(request, pro.email, pro.password, async (api, headers) => {
    await ok(
      await api.put('/api/me/pro-profile', {
        headers,
        data: {
          bio: {
            fr: 'Consultante réglementée en immigration canadienne, Entrée express et parrainage.',
            en: 'Regulated Canadian immigration consultant: Express Entry and sponsorship.',
          },
          languages: [pro.locale],
          provinces: ['QC'],
          city: 'Montréal',
          remote: true,
          inPerson: true,
          acceptingClients: true,
          programs: [],
          // Shown in the directory once verified: the pro's choice, off by default.
          listed: true,
        },
      }),
    );
    const reference = (name: string) => ({
      name,
      email: uniqueEmail('reference'),
      relationship: 'Consœur au sein du cabinet',
      locale: 'fr',
    });
    await ok(
      await api.put('/api/me/verification', {
        headers,
        data: {
          profession: 'rcic',
          regulator: 'cicc',
          licenceNumber: pro.licenceNumber,
          licenceClass: 'L2',
          references: [reference('Claire Gagnon'), reference('Marc Bouchard')],
        },
      }),
    );
    await ok(
      await api.put('/api/me/verification/identity-document', {
        headers,
        multipart: { file: { name: 'passeport.png', mimeType: 'image/png', buffer: png } },
      }),
    );
    await ok(await api.post('/api/me/verification/submit', { headers }));
  });
}

/**
 * Approves a submitted file as the demo admin does, through the API: the capture of the register page,
 * a step-up with the admin's password, then the decision with the register entry, a renewal date a year ahead and a check in six months.
 */
export async function approvePro(
  request: APIRequestContext,
  pro: Pick<Account, 'email' | 'firstName' | 'lastName'>,
): Promise<void> {
  await asSomeoneElse(request, demo.admin, demo.password, async (api, headers) => {
    const found = await ok(
      await api.get(`/api/admin/verifications?queue=all&q=${encodeURIComponent(pro.email)}`, { headers }),
    );
    const { items } = (await found.json()) as { items: { id: string; pro: { email: string } }[] };
    const file = items.find((item) => item.pro.email === pro.email);
    expect(file, `the verification file of ${pro.email}`).toBeTruthy();
    const url = `/api/admin/verifications/${file?.id}`;
    // A decision on a verification asks the admin to prove it is them again (step-up).
    await stepUpThroughApi(api, headers, demo.password);
    await ok(
      await api.put(`${url}/register-capture`, {
        headers,
        multipart: { file: { name: 'registre-cicc.png', mimeType: 'image/png', buffer: png } },
      }),
    );
    const now = Date.now();
    await ok(
      await api.post(`${url}/decision`, {
        headers,
        data: {
          decision: 'approve',
          reason: 'Inscrit au registre public du CICC et autorisé à exercer.',
          registerEntry: {
            nameOnRegister: `${pro.firstName} ${pro.lastName}`,
            statusOnRegister: 'Active',
            entitledToPractise: true,
          },
          renewalDate: isoDay(new Date(now + 365 * 86_400_000)),
          nextCheckDate: isoDay(new Date(now + 182 * 86_400_000)),
        },
      }),
    );
  });
}

/**
 * A professional with a firm of their own (the demo pro has none yet, so candidates cannot choose him),
 * who submitted their file and whose licence the admin verified: candidates can find and ask them. The firm's name is unique, to
 * tell this pro from the namesakes of earlier runs on the same database; the licence too (a licence
 * already claimed is refused, so a rare repeat of the random number is drawn again).
 */
export async function verifiedPro(
  request: APIRequestContext,
  firstName: string,
  lastName: string,
  locale: 'fr' | 'en',
): Promise<Account & { organisationName: string; licenceNumber: string }> {
  const organisationName = `Cabinet ${lastName} ${Date.now().toString(36).toUpperCase()}`;
  const email = uniqueEmail('pro');
  const password = strongPassword();
  let licenceNumber = randomLicence();
  for (let attempt = 1; ; attempt += 1) {
    const response = await request.post('/api/auth/register', {
      data: { role: 'pro', email, password, firstName, lastName, locale, licenceNumber, organisationName },
    });
    if (response.status() === 201) break;
    const claimed = response.status() === 409 && (await response.json()).code === 'LICENCE_ALREADY_CLAIMED';
    expect(claimed && attempt < 5, await response.text()).toBe(true);
    licenceNumber = randomLicence();
  }
  await confirmEmail(request, email);
  const account = { email, password, firstName, lastName };
  await submitVerification(request, { ...account, licenceNumber, locale });
  await approvePro(request, account);
  return { ...account, organisationName, licenceNumber };
}

/** An access token, for setting things up through the API. */
export async function apiToken(request: APIRequestContext, email: string, password: string): Promise<string> {
  const response = await request.post('/api/auth/login', { data: { email, password } });
  expect(response.ok(), await response.text()).toBe(true);
  return ((await response.json()) as { accessToken: string }).accessToken;
}

/**
 * A new browser context (its own cookies: another person) with a guarded page, logged in. `allowed`:
 * console errors this person's journey expects (the 401 that opens the step-up dialog, say).
 */
export async function personIn(
  browser: Browser,
  account: Pick<Account, 'email' | 'password'>,
  language: 'fr' | 'en',
  problems: string[],
  allowed?: RegExp,
): Promise<Page> {
  const context = await browser.newContext({
    locale: language === 'fr' ? 'fr-CA' : 'en-CA',
    timezoneId: 'America/Toronto',
  });
  const page = await context.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error' && !allowed?.test(message.text())) {
      problems.push(`console.error (${language}): ${message.text()}`);
    }
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

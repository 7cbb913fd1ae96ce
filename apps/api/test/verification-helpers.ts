import { eq } from 'drizzle-orm';
import { expect } from 'vitest';
import { proProfiles } from '../src/db/schema';
import { addDays } from '../src/modules/access';
import type { TestApp } from './app';
import { signUpAndLogIn, stepUp } from './auth-helpers';
import { multipart, pdfBytes, pngBytes } from './dossier-helpers';
import { uniqueLicence } from './pro-helpers';

/** What the verification tests share: a pro's file filled in, submitted and decided through the routes. */

export type Auth = { authorization: string };

export const registerEntry = {
  nameOnRegister: 'Julien Tremblay',
  statusOnRegister: 'Active',
  licenceClass: 'L3',
  entitledToPractise: true,
  restrictions: null,
};

export async function signUpPro(t: TestApp, overrides: Record<string, unknown> = {}) {
  return signUpAndLogIn(t.app, t.database, {
    role: 'pro',
    firstName: 'Julien',
    lastName: 'Tremblay',
    licenceNumber: uniqueLicence(),
    organisationName: 'Cabinet Boréal',
    ...overrides,
  });
}

/** The public profile filled in directly: the profile editor is another module's (and test's) concern. */
export async function completeProfile(t: TestApp, userId: string) {
  await t.database.db
    .update(proProfiles)
    .set({ bio: { fr: 'Consultant depuis 2010.', en: '' }, languages: ['fr', 'en'], provinces: ['QC'] })
    .where(eq(proProfiles.userId, userId));
}

export const references = [
  { name: 'Marie Gagnon', email: 'marie.gagnon@example.ca', relationship: 'Ancienne associée', locale: 'fr' },
  { name: 'John Smith', email: 'john.smith@example.ca', relationship: 'Former employer', locale: 'en' },
];

export async function declare(t: TestApp, auth: Auth, licenceNumber: string, refs = references) {
  return t.app.inject({
    method: 'PUT',
    url: '/api/me/verification',
    headers: auth,
    payload: { profession: 'rcic', regulator: 'cicc', licenceNumber, licenceClass: 'L3', references: refs },
  });
}

export async function uploadIdentity(
  t: TestApp,
  auth: Auth,
  file = { name: 'passeport.pdf', content: pdfBytes() },
) {
  const body = multipart({}, file);
  return t.app.inject({
    method: 'PUT',
    url: '/api/me/verification/identity-document',
    headers: { ...auth, ...body.headers },
    payload: body.payload,
  });
}

export async function uploadCapture(t: TestApp, auth: Auth, id: string) {
  const body = multipart({}, { name: 'registre.png', content: pngBytes });
  return t.app.inject({
    method: 'PUT',
    url: `/api/admin/verifications/${id}/register-capture`,
    headers: { ...auth, ...body.headers },
    payload: body.payload,
  });
}

/** A pro whose file is complete and submitted; references get their emails with unique addresses. */
export async function submittedPro(t: TestApp, overrides: Record<string, unknown> = {}) {
  const pro = await signUpPro(t, overrides);
  const licence = pro.body.role === 'pro' ? pro.body.licenceNumber : '';
  const tag = pro.userId.slice(0, 8);
  const refs = references.map((reference) => ({ ...reference, email: `${tag}.${reference.email}` }));
  expect((await declare(t, pro.auth, licence, refs)).statusCode).toBe(200);
  expect((await uploadIdentity(t, pro.auth)).statusCode).toBe(200);
  await completeProfile(t, pro.userId);
  const submitted = await t.app.inject({
    method: 'POST',
    url: '/api/me/verification/submit',
    headers: pro.auth,
  });
  expect(submitted.statusCode).toBe(200);
  return { ...pro, licence, fileId: submitted.json().id as string, refs };
}

export function tokenOf(text: string): string {
  const match = /\/reference\?token=([\w-]+)/.exec(text);
  if (!match?.[1]) throw new Error('no reference link in the email');
  return match[1];
}

/**
 * An admin's decision. Decisions need a fresh step-up: when asked for one, the admin (whose password is
 * STRONG_PASSWORD) gives it and decides again, as the web's dialog does.
 */
export async function decide(t: TestApp, auth: Auth, id: string, payload: Record<string, unknown>) {
  const send = () =>
    t.app.inject({ method: 'POST', url: `/api/admin/verifications/${id}/decision`, headers: auth, payload });
  const response = await send();
  if (response.statusCode !== 401 || response.json().code !== 'STEP_UP_REQUIRED') return response;
  await stepUp(t.app, auth.authorization.slice('Bearer '.length));
  return send();
}

export function approval(today: string, decision: 'approve' | 'recheck' = 'approve') {
  return {
    decision,
    reason: 'Inscription vérifiée au registre public du CICC',
    registerEntry,
    renewalDate: addDays(today, 200),
    nextCheckDate: addDays(today, 90),
  };
}

export async function queue(t: TestApp, auth: Auth, name: string, extra = '') {
  const response = await t.app.inject({
    method: 'GET',
    url: `/api/admin/verifications?queue=${name}${extra}`,
    headers: auth,
  });
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as { items: { id: string; openConflicts: number }[]; nextCursor: string | null };
}

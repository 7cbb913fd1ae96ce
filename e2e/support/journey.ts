import { type Browser, expect, type Page } from '@playwright/test';
import { expectNoA11yViolations } from './a11y';
import { field, logIn, strongPassword, uniqueEmail } from './accounts';
import { randomLicence } from './dossiers';

/** The texts of the account pages, in both languages (from apps/web/src/locales). */
export const accountText = {
  fr: {
    cta: { candidate: 'Je suis candidat·e', pro: 'Je suis professionnel·le' },
    role: { candidate: 'Candidat·e', pro: 'Professionnel·le' },
    firstName: 'Prénom',
    lastName: 'Nom',
    email: 'Adresse courriel',
    password: 'Mot de passe',
    licence: 'Numéro de permis',
    licenceHint:
      'Tel qu’il figure au registre de votre ordre, par exemple R123456. L’équipe CAPITUNE le vérifie avant que les candidats puissent vous joindre.',
    firm: 'Nom du cabinet',
    consent: /J’accepte les conditions d’utilisation/,
    createAccount: 'Créer mon compte',
    checkInbox: 'Vérifiez votre boîte de réception',
    verifySubject: 'Confirmez votre adresse courriel',
    mailboxTo: (email: string) => `À : ${email}`,
    confirmed: 'Adresse courriel confirmée',
    login: 'Se connecter',
    profile: 'Mon profil',
    personal: 'Renseignements personnels',
    phone: 'Téléphone',
    country: 'Pays de résidence',
    countryName: 'Maroc',
    citizenship: 'Citoyenneté',
    timeZone: 'Fuseau horaire',
    zones: { montreal: 'Montréal', americas: 'Amériques', portOfSpain: 'Port-d’Espagne' },
    savePersonal: 'Enregistrer mes renseignements',
    personalSaved: 'Vos renseignements sont enregistrés.',
    goals: 'Mes objectifs d’immigration',
    program: 'Programme visé',
    province: 'Province ou territoire visé',
    date: 'Date d’arrivée souhaitée',
    notes: 'Notes',
    saveGoals: 'Enregistrer mes objectifs',
    goalsSaved: 'Vos objectifs sont enregistrés.',
    notifications: 'Notifications',
    communityByEmail: 'Réponses dans Inside — Courriel',
    savePreferences: 'Enregistrer mes préférences',
    preferencesSaved: 'Vos préférences sont enregistrées.',
    passwordSection: 'Mot de passe',
    currentPassword: 'Mot de passe actuel',
    newPassword: 'Nouveau mot de passe',
    changePassword: 'Changer le mot de passe',
    passwordChanged: 'Votre mot de passe a été changé. Vos autres appareils ont été déconnectés.',
    logout: 'Déconnexion',
    sessions: 'Sessions actives',
    thisDevice: 'Cet appareil',
    logOutOther: 'Déconnecter cet appareil',
    sessionEnded: 'L’appareil a été déconnecté.',
    timeZoneNote: 'Heures affichées dans votre fuseau horaire (Vancouver).',
    proBadge: 'Pro',
    firmLabel: 'Cabinet',
  },
  en: {
    cta: { candidate: 'I’m a candidate', pro: 'I’m a professional' },
    role: { candidate: 'Candidate', pro: 'Professional' },
    firstName: 'First name',
    lastName: 'Last name',
    email: 'Email address',
    password: 'Password',
    licence: 'Licence number',
    licenceHint:
      'As it appears on your regulator’s register, for example R123456. The CAPITUNE team checks it before candidates can reach you.',
    firm: 'Firm name',
    consent: /I accept the terms of use/,
    createAccount: 'Create my account',
    checkInbox: 'Check your inbox',
    verifySubject: 'Confirm your email address',
    mailboxTo: (email: string) => `To: ${email}`,
    confirmed: 'Email address confirmed',
    login: 'Log in',
    profile: 'My profile',
    personal: 'Personal information',
    phone: 'Phone',
    country: 'Country of residence',
    countryName: 'Morocco',
    citizenship: 'Citizenship',
    timeZone: 'Time zone',
    zones: { montreal: 'Montreal', americas: 'Americas', portOfSpain: 'Port of Spain' },
    savePersonal: 'Save my information',
    personalSaved: 'Your information is saved.',
    goals: 'My immigration goals',
    program: 'Target program',
    province: 'Target province or territory',
    date: 'Hoped-for arrival date',
    notes: 'Notes',
    saveGoals: 'Save my goals',
    goalsSaved: 'Your goals are saved.',
    notifications: 'Notifications',
    communityByEmail: 'Replies on Inside — Email',
    savePreferences: 'Save my preferences',
    preferencesSaved: 'Your preferences are saved.',
    passwordSection: 'Password',
    currentPassword: 'Current password',
    newPassword: 'New password',
    changePassword: 'Change the password',
    passwordChanged: 'Your password was changed. Your other devices were logged out.',
    logout: 'Log out',
    sessions: 'Active sessions',
    thisDevice: 'This device',
    logOutOther: 'Log out this device',
    sessionEnded: 'The device was logged out.',
    timeZoneNote: 'Times shown in your time zone (Vancouver).',
    proBadge: 'Pro',
    firmLabel: 'Firm',
  },
} as const;

export type Language = keyof typeof accountText;

export interface JourneyOptions {
  language: Language;
  role: 'candidate' | 'pro';
  firstName: string;
  lastName: string;
  /** Follow the verification link from the mailbox page (else the same link, read through the API). */
  mailboxThroughUi: boolean;
}

/**
 * The main path of an account, through the UI: sign up from the home page's call to action, confirm the
 * address from the dev mailbox, log in, edit the profile and the goals, change the password, log out,
 * log in with the new password, and log out another device. Returns what a caller may check further.
 */
export async function accountJourney(page: Page, browser: Browser, options: JourneyOptions) {
  const text = accountText[options.language];
  const { firstName, lastName, role } = options;
  const email = uniqueEmail(role);
  const password = strongPassword();
  const newPassword = strongPassword();
  // A licence belongs to one pro: each journey claims its own.
  const licenceNumber = randomLicence();
  const main = page.getByRole('main');

  // Sign-up, from the home page.
  await page.goto('/');
  await main.getByRole('link', { name: text.cta[role] }).first().click();
  await expect(page).toHaveURL(new RegExp(`/signup\\?role=${role}$`));
  await expect(main.getByRole('radio', { name: new RegExp(text.role[role]) })).toBeChecked();
  await field(main, text.firstName).fill(firstName);
  await field(main, text.lastName).fill(lastName);
  if (role === 'pro') {
    await expect(field(main, text.licence)).toHaveAccessibleDescription(text.licenceHint);
    await field(main, text.licence).fill(licenceNumber);
    await field(main, text.firm).fill(`Cabinet ${lastName} Immigration`);
  }
  await field(main, text.email).fill(email);
  await field(main, text.password).fill(password);
  await main.getByLabel(text.consent).check();
  await expectNoA11yViolations(page);
  await main.getByRole('button', { name: text.createAccount }).click();
  // Sign-up checks the password against dictionaries and hashes it (argon2id): on a machine busy with
  // two browsers, that can take longer than the default wait.
  await expect(page.getByRole('heading', { level: 1, name: text.checkInbox })).toBeVisible({
    timeout: 15_000,
  });
  await expect(main.getByText(email)).toBeVisible();

  // The verification email, in the language of the sign-up.
  if (options.mailboxThroughUi) {
    await page.goto('/dev/mailbox');
    const message = page.getByRole('article').filter({ hasText: text.mailboxTo(email) });
    await expect(message.getByRole('heading', { name: text.verifySubject })).toBeVisible();
    await expectNoA11yViolations(page);
    await message.getByRole('link', { name: /\/verify-email\?token=/ }).click();
  } else {
    const response = await page.request.get('/api/dev/mailbox');
    const { items } = (await response.json()) as {
      items: Array<{ to: string; subject: string; text: string }>;
    };
    const message = items.find((item) => item.to === email);
    expect(message?.subject).toBe(text.verifySubject);
    const link = new URL(message?.text.match(/https?:\/\/\S+\/verify-email\?token=[\w%-]+/)?.[0] ?? '');
    await page.goto(`${link.pathname}${link.search}`);
  }
  await expect(page.getByRole('heading', { level: 1, name: text.confirmed })).toBeVisible();
  await main.getByRole('link', { name: text.login }).click();

  // Log in: the dashboard first, then the profile, and the name in the header.
  await logIn(page, email, password, options.language);
  await expect(page).toHaveURL(/\/dashboard$/);
  await page.goto('/profile');
  await expect(page.getByRole('heading', { level: 1, name: text.profile })).toBeVisible();
  const accountButton = page.getByRole('banner').getByRole('button', { name: new RegExp(firstName) });
  await expect(accountButton).toBeVisible();
  if (role === 'pro') {
    await expect(accountButton).toContainText(text.proBadge);
    await expect(main.getByText(licenceNumber)).toBeVisible();
    await expect(main.getByText(`Cabinet ${lastName} Immigration`)).toBeVisible();
  }

  // Personal information.
  const personal = page.getByRole('region', { name: text.personal });
  await field(personal, text.phone).fill('+1 514 555-0123');
  await field(personal, text.country).selectOption({ label: text.countryName });
  await field(personal, text.citizenship).selectOption('MA');
  // The time-zone picker names places, grouped by region, Canada first (Montréal included).
  const zones = field(personal, text.timeZone);
  await expect(zones.locator('optgroup').first()).toHaveAttribute('label', 'Canada');
  await expect(zones.locator('option[value="America/Montreal"]')).toHaveText(
    new RegExp(`^${text.zones.montreal} — `),
  );
  await expect(
    zones.locator(`optgroup[label="${text.zones.americas}"] option[value="America/Port_of_Spain"]`),
  ).toHaveText(text.zones.portOfSpain);
  expect((await zones.locator('option').allTextContents()).filter((label) => /[/_]/.test(label))).toEqual([]);
  await zones.selectOption('America/Vancouver');
  await personal.getByRole('button', { name: text.savePersonal }).click();
  await expect(personal.getByRole('status')).toHaveText(text.personalSaved);

  // Goals.
  const goals = page.getByRole('region', { name: text.goals });
  await field(goals, text.program).selectOption('express_entry_fsw');
  await field(goals, text.province).selectOption('QC');
  await field(goals, text.date).fill('2027-06-15');
  await field(goals, text.notes).fill('TEF Canada en mars; diplôme évalué (EDE).');
  await goals.getByRole('button', { name: text.saveGoals }).click();
  await expect(goals.getByRole('status')).toHaveText(text.goalsSaved);

  // Notification preferences.
  const notifications = page.getByRole('region', { name: text.notifications, exact: true });
  const communityByEmail = notifications.getByRole('checkbox', { name: text.communityByEmail });
  await expect(communityByEmail).not.toBeChecked();
  await communityByEmail.check();
  await notifications.getByRole('button', { name: text.savePreferences }).click();
  await expect(notifications.getByRole('status')).toHaveText(text.preferencesSaved);

  // Everything is kept: a reload shows it again (and keeps the session).
  await page.reload();
  await expect(field(personal, text.phone)).toHaveValue('+1 514 555-0123');
  await expect(field(personal, text.country)).toHaveValue('MA');
  await expect(field(personal, text.citizenship)).toHaveValue('MA');
  await expect(field(personal, text.timeZone)).toHaveValue('America/Vancouver');
  await expect(field(goals, text.province)).toHaveValue('QC');
  await expect(field(goals, text.date)).toHaveValue('2027-06-15');
  await expect(communityByEmail).toBeChecked();
  await expectNoA11yViolations(page);

  // Change the password.
  const passwordSection = page.getByRole('region', { name: text.passwordSection, exact: true });
  await field(passwordSection, text.currentPassword).fill(password);
  await field(passwordSection, text.newPassword).fill(newPassword);
  await passwordSection.getByRole('button', { name: text.changePassword }).click();
  await expect(passwordSection.getByRole('status')).toHaveText(text.passwordChanged);

  // Log out from the header's menu.
  await accountButton.click();
  await page.getByRole('banner').getByRole('button', { name: text.logout }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole('banner').getByRole('link', { name: text.login })).toBeVisible();

  // Log in again, with the new password.
  await page.goto('/login');
  await logIn(page, email, newPassword, options.language);
  await expect(page).toHaveURL(/\/dashboard$/);
  await page.goto('/profile');
  await expect(page.getByRole('heading', { level: 1, name: text.profile })).toBeVisible();

  // A second device logs in too.
  const otherDevice = await browser.newContext({ locale: options.language === 'fr' ? 'fr-CA' : 'en-CA' });
  try {
    const otherPage = await otherDevice.newPage();
    await otherPage.goto('/login');
    await logIn(otherPage, email, newPassword, options.language);
    await expect(otherPage).toHaveURL(/\/dashboard$/);
    await otherPage.goto('/profile');
    await expect(otherPage.getByRole('heading', { level: 1, name: text.profile })).toBeVisible();

    // Both appear here, this one marked; times in the time zone of the profile.
    await page.reload();
    const sessions = page.getByRole('region', { name: text.sessions });
    await expect(sessions.getByRole('listitem')).toHaveCount(2);
    await expect(sessions.getByText(text.timeZoneNote)).toBeVisible();
    const badge = page.getByText(text.thisDevice, { exact: true });
    const current = sessions.getByRole('listitem').filter({ has: badge });
    await expect(current).toHaveCount(1);
    await expect(current.getByRole('button', { name: text.logOutOther })).toHaveCount(0);

    const other = sessions.getByRole('listitem').filter({ hasNot: badge });
    await other.getByRole('button', { name: text.logOutOther }).click();
    await expect(sessions.getByRole('status')).toHaveText(text.sessionEnded);
    await expect(sessions.getByRole('listitem')).toHaveCount(1);

    // That device is logged out: after a reload, the profile sends it to the login page.
    await otherPage.reload();
    await expect(otherPage).toHaveURL(/\/login\?redirect=%2Fprofile$/);
  } finally {
    await otherDevice.close();
  }

  return { email, password: newPassword };
}

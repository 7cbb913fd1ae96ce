import type { APIRequestContext, Browser, Page } from '@playwright/test';
import { expectNoA11yViolations } from '../support/a11y';
import { emailedLink, field, strongPassword, uniqueEmail } from '../support/accounts';
import { personIn, verifiedPro } from '../support/dossiers';
import { expect, test } from '../support/fixtures';
import { documentScrollWidth } from '../support/pages';

/**
 * Firms and their agents, end to end: a verified pro opens "My firm" from the header's menu, invites an
 * agent; the agent opens the emailed link, chooses a password, is signed in and sees the firm, supervised
 * by the pro. /firm and /join-firm pass axe at 1280 and 360 px.
 */

type Language = 'fr' | 'en';

const NBSP = '\u00a0';

/** The texts of these pages in both languages (from apps/web/src/locales). */
const text = {
  fr: {
    menu: 'Mon cabinet',
    title: 'Mon cabinet',
    licensees: 'Titulaires de permis',
    agents: 'Agents',
    verified: 'Vérifié',
    invite: 'Inviter un agent',
    email: 'Courriel',
    firstName: 'Prénom',
    lastName: 'Nom',
    locale: 'Langue du courriel',
    send: 'Envoyer l’invitation',
    sent: (email: string) => `Invitation envoyée à ${email}.`,
    pending: 'Invitations en attente',
    joinTitle: 'Rejoindre un cabinet',
    joinIntro: (firm: string, supervisor: string) =>
      `Le cabinet «${NBSP}${firm}${NBSP}» vous invite à le rejoindre en tant qu’agent, sous la supervision de Me${NBSP}${supervisor}.`,
    password: 'Mot de passe',
    create: 'Créer mon compte',
    youAreAgent: (name: string) => `Vous êtes agent du cabinet, sous la supervision de Me${NBSP}${name}.`,
    supervisedBy: (name: string) => `Sous la supervision de Me${NBSP}${name}`,
  },
  en: {
    menu: 'My firm',
    title: 'My firm',
    licensees: 'Licensees',
    agents: 'Agents',
    verified: 'Verified',
    invite: 'Invite an agent',
    email: 'Email',
    firstName: 'First name',
    lastName: 'Last name',
    locale: 'Language of the email',
    send: 'Send the invitation',
    sent: (email: string) => `Invitation sent to ${email}.`,
    pending: 'Pending invitations',
    joinTitle: 'Join a firm',
    joinIntro: (firm: string, supervisor: string) =>
      `The firm “${firm}” invites you to join it as an agent, supervised by ${supervisor}.`,
    password: 'Password',
    create: 'Create my account',
    youAreAgent: (name: string) => `You are an agent of the firm, supervised by ${name}.`,
    supervisedBy: (name: string) => `Supervised by ${name}`,
  },
} as const;

async function atBothWidths(page: Page, check: () => Promise<void>) {
  await check();
  await expectNoA11yViolations(page);
  await page.setViewportSize({ width: 360, height: 740 });
  await page.reload();
  await check();
  expect(await documentScrollWidth(page), page.url()).toBeLessThanOrEqual(360);
  await expectNoA11yViolations(page);
  await page.setViewportSize({ width: 1280, height: 720 });
}

async function firmJourney(browser: Browser, request: APIRequestContext, language: Language) {
  const t = text[language];
  const problems: string[] = [];
  const pro = await verifiedPro(request, 'Claire', 'Fortin', language);
  const proName = `${pro.firstName} ${pro.lastName}`;

  // The pro opens their firm from the header's menu.
  const page = await personIn(browser, pro, language, problems);
  await page
    .getByRole('banner')
    .getByRole('button', { name: new RegExp(pro.firstName) })
    .click();
  await page.getByRole('banner').getByRole('link', { name: t.menu }).click();
  await expect(page).toHaveURL(/\/firm$/);
  const main = page.getByRole('main');
  const licensees = main.getByRole('region', { name: t.licensees });
  await atBothWidths(page, async () => {
    await expect(main.getByRole('heading', { level: 1, name: t.title })).toBeVisible();
    await expect(licensees).toContainText(proName);
    await expect(licensees).toContainText(t.verified);
  });

  // The pro invites an agent, in the page's language.
  const agentEmail = uniqueEmail('agent');
  const invite = main.getByRole('region', { name: t.invite });
  await field(invite, t.email).fill(agentEmail);
  await field(invite, t.firstName).fill('Léa');
  await field(invite, t.lastName).fill('Roy');
  await field(invite, t.locale).selectOption(language);
  await invite.getByRole('button', { name: t.send }).click();
  await expect(invite).toContainText(t.sent(agentEmail));
  await expect(main.getByRole('region', { name: t.pending })).toContainText(agentEmail);

  // The agent opens the emailed link (no account yet), chooses a password, and is signed in.
  const link = await emailedLink(request, agentEmail, '/join-firm');
  const context = await browser.newContext({
    locale: language === 'fr' ? 'fr-CA' : 'en-CA',
    timezoneId: 'America/Toronto',
  });
  const agent = await context.newPage();
  agent.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console.error (agent, ${language}): ${message.text()}`);
  });
  agent.on('pageerror', (error) => problems.push(`uncaught error (agent, ${language}): ${error.message}`));
  await agent.goto(link);
  const joinMain = agent.getByRole('main');
  await atBothWidths(agent, async () => {
    await expect(joinMain.getByRole('heading', { level: 1, name: t.joinTitle })).toBeVisible();
    await expect(joinMain).toContainText(t.joinIntro(pro.organisationName, proName));
  });
  await expect(field(joinMain, t.firstName)).toHaveValue('Léa');
  await field(joinMain, t.password).fill(strongPassword());
  await joinMain.getByRole('button', { name: t.create }).click();
  await expect(agent).toHaveURL(/\/firm$/);
  const agentMain = agent.getByRole('main');
  await expect(agentMain).toContainText(t.youAreAgent(proName));
  await expect(agentMain.getByRole('region', { name: t.agents })).toContainText(t.supervisedBy(proName));
  await atBothWidths(agent, () => expect(agentMain).toContainText(t.youAreAgent(proName)));
  await context.close();

  // The pro sees the agent, under their supervision.
  await page.reload();
  const agents = main.getByRole('region', { name: t.agents });
  await expect(agents).toContainText('Léa Roy');
  await expect(agents).toContainText(t.supervisedBy(proName));
  await page.context().close();

  expect(problems, 'the pages logged errors').toEqual([]);
}

test.describe('firms and their agents', () => {
  test('in French: a verified pro invites an agent, who joins the firm', async ({ browser, request }) => {
    test.setTimeout(90_000);
    await firmJourney(browser, request, 'fr');
  });

  test.describe('in English', () => {
    test.use({ locale: 'en-CA' });

    test('a verified pro invites an agent, who joins the firm', async ({ browser, request }) => {
      test.setTimeout(90_000);
      await firmJourney(browser, request, 'en');
    });
  });
});

import type { APIRequestContext, Locator, Page, WebSocketRoute } from '@playwright/test';
import { expectNoA11yViolations } from '../support/a11y';
import { demo, logIn } from '../support/accounts';
import { type Account, apiToken, dossierText, literally, personIn, verifiedPro } from '../support/dossiers';
import { expect, test } from '../support/fixtures';

const fr = dossierText.fr;
const en = dossierText.en;

/** One pro for the tests of this file (sign-ups are rate-limited per hour). */
let sharedPro: Promise<Account> | undefined;
function proForChat(request: APIRequestContext) {
  sharedPro ??= verifiedPro(request, 'Olivier', 'Roy', 'en');
  return sharedPro;
}

/** The demo candidate opens a dossier and the new pro takes it, through the API (the chat is the subject). */
async function assignedDossier(request: APIRequestContext, pro: { email: string; password: string }) {
  const candidateToken = await apiToken(request, demo.candidate, demo.password);
  const proToken = await apiToken(request, pro.email, pro.password);
  const asCandidate = { authorization: `Bearer ${candidateToken}` };
  const asPro = { authorization: `Bearer ${proToken}` };
  const created = await request.post('/api/dossiers', {
    headers: asCandidate,
    data: { programId: 'express_entry_cec' },
  });
  expect(created.status(), await created.text()).toBe(201);
  const { id } = (await created.json()) as { id: string };
  const me = (await (await request.get('/api/me', { headers: asPro })).json()) as { id: string };
  const requested = await request.post(`/api/dossiers/${id}/assignment`, {
    headers: asCandidate,
    data: { proId: me.id },
  });
  expect(requested.status(), await requested.text()).toBe(202);
  const accepted = await request.post(`/api/dossiers/${id}/assignment/decision`, {
    headers: asPro,
    data: { decision: 'accept' },
  });
  expect(accepted.status(), await accepted.text()).toBe(204);
  return id;
}

/** The chat panel of the dossier page (its heading is "Messages" in both languages). */
function chat(page: Page) {
  return page.getByRole('region', { name: 'Messages', exact: true });
}

/** The messages of the history, each as "author|text". */
async function history(list: Locator): Promise<string[]> {
  return list.getByRole('listitem').evaluateAll((items) =>
    items
      .filter((item) => item.parentElement?.tagName === 'OL')
      .map((item) => {
        const author = item.querySelector('span')?.textContent ?? '';
        const body = item.querySelector('p')?.textContent ?? '';
        return `${author}|${body}`;
      }),
  );
}

async function send(page: Page, label: string, text: string) {
  const composer = page.getByLabel(label);
  await composer.fill(text);
  await composer.press('Enter');
  await expect(composer).toHaveValue('');
}

test.describe('the dossier chat', () => {
  test.use({ locale: 'fr-CA', timezoneId: 'America/Toronto' });

  test('candidate and pro talk live, a reload keeps the whole history once, read state and unread counts follow', async ({
    page,
    browser,
  }) => {
    test.setTimeout(60_000);
    const problems: string[] = [];
    const pro = await proForChat(page.request);
    const dossierId = await assignedDossier(page.request, pro);

    // The candidate (French) opens the dossier's conversation; the pro (English) too.
    await page.goto('/login');
    await logIn(page, demo.candidate, demo.password);
    await expect(page).toHaveURL(/\/dashboard$/);
    await page.goto(`/dossiers/${dossierId}#messages`);
    const candidateChat = chat(page);
    await expect(candidateChat).toBeFocused();
    await expect(candidateChat).toContainText(`Avec ${pro.firstName} ${pro.lastName}`);
    const candidateList = candidateChat.getByRole('region', { name: fr.history });

    const proPage = await personIn(browser, pro, 'en', problems);
    await proPage.goto(`/dossiers/${dossierId}#messages`);
    const proChat = chat(proPage);
    const proList = proChat.getByRole('region', { name: en.history });
    await expect(proChat).toContainText('With Amina Diallo');

    // The candidate writes (Shift+Enter for a new line, Enter sends); the pro sees it without reloading.
    const composer = page.getByLabel(fr.composer);
    await composer.fill('Bonjour Olivier,');
    await composer.press('Shift+Enter');
    await composer.pressSequentially('voici le guide : https://www.canada.ca/fr/immigration.html');
    await composer.press('Enter');
    await expect(composer).toHaveValue('');
    await expect(candidateList.getByText('Bonjour Olivier,')).toBeVisible();
    await expect(proList.getByText('Bonjour Olivier,')).toBeVisible();
    const link = proList.getByRole('link', { name: /https:\/\/www\.canada\.ca\/fr\/immigration\.html/ });
    await expect(link).toHaveAttribute('href', 'https://www.canada.ca/fr/immigration.html');
    await expect(link).toHaveAttribute('rel', 'noopener noreferrer nofollow');
    await expect(link).toHaveAttribute('target', '_blank');

    // The pro's panel is on screen: the message is read, and the candidate sees it.
    await expect(candidateList.getByRole('listitem').filter({ hasText: 'Bonjour Olivier,' })).toContainText(
      fr.read,
    );

    // The pro answers; the candidate sees it live, announced politely.
    await send(proPage, en.composer, 'Hello Amina, I will review your documents this week.');
    await expect(
      candidateList.getByText('Hello Amina, I will review your documents this week.'),
    ).toBeVisible();
    await expect(candidateChat.locator('[aria-live="polite"][aria-atomic="true"]')).toHaveText(
      'Nouveau message de Olivier : Hello Amina, I will review your documents this week.',
    );
    await expectNoA11yViolations(proPage);

    // Two more from the candidate; the pro reloads between them.
    await send(page, fr.composer, 'Merci ! Faut-il traduire mon diplôme ?');
    await expect(proList.getByText('Merci ! Faut-il traduire mon diplôme ?')).toBeVisible();
    await proPage.reload();
    await send(page, fr.composer, 'Il est en arabe.');
    await expect(proList.getByText('Il est en arabe.')).toBeVisible();

    const expected = [
      'Amina Diallo|Bonjour Olivier,\nvoici le guide : https://www.canada.ca/fr/immigration.html (opens in a new tab)',
      `${en.you}|Hello Amina, I will review your documents this week.`,
      'Amina Diallo|Merci ! Faut-il traduire mon diplôme ?',
      'Amina Diallo|Il est en arabe.',
    ];
    await expect.poll(() => history(proList)).toEqual(expected);
    // The candidate's side: the same four, each once, in order.
    await expect
      .poll(() => history(candidateList))
      .toEqual([
        `${fr.you}|Bonjour Olivier,\nvoici le guide : https://www.canada.ca/fr/immigration.html (s’ouvre dans un nouvel onglet)`,
        'Olivier Roy|Hello Amina, I will review your documents this week.',
        `${fr.you}|Merci ! Faut-il traduire mon diplôme ?`,
        `${fr.you}|Il est en arabe.`,
      ]);
    await expect(candidateList.getByRole('listitem').last()).toContainText(fr.read);

    // The Messages page: the conversation, with its unread count that clears once read.
    await page.getByRole('banner').getByRole('link', { name: fr.messagesLink, exact: true }).click();
    await expect(page).toHaveURL(/\/messages$/);
    // (Other specs may give the demo candidate other dossiers: this one is the pro's.)
    const conversations = page.getByRole('list', { name: fr.conversations });
    const conversation = conversations
      .getByRole('listitem')
      .filter({ has: page.locator(`a[href="/dossiers/${dossierId}#messages"]`) });
    await expect(conversation).toHaveCount(1);
    await expect(conversation).toContainText('Il est en arabe.');
    await send(proPage, en.composer, 'A certified translation, yes.');
    await expect(conversation).toContainText(fr.unread(1));
    await expect(page.getByRole('banner').getByRole('link', { name: fr.messagesUnread(1) })).toBeVisible();
    await expectNoA11yViolations(page);

    await conversation.getByRole('link', { name: literally(`${pro.firstName} ${pro.lastName}`) }).click();
    await expect(candidateList.getByText('A certified translation, yes.')).toBeVisible();
    await expect(
      page.getByRole('banner').getByRole('link', { name: fr.messagesLink, exact: true }),
    ).toBeVisible();
    await expect(proList.getByRole('listitem').last()).toContainText(en.read);
    await page.getByRole('banner').getByRole('link', { name: fr.messagesLink, exact: true }).click();
    await expect(conversation).toContainText('A certified translation, yes.');
    await expect(conversation).not.toContainText(fr.unread(1));

    await proPage.context().close();
    expect(problems, 'the pro’s page logged errors or violated the CSP').toEqual([]);
  });

  test('a dropped connection says so, then catches up: nothing lost, nothing twice', async ({ page }) => {
    test.setTimeout(60_000);
    const pro = await proForChat(page.request);
    const dossierId = await assignedDossier(page.request, pro);
    const proToken = await apiToken(page.request, pro.email, pro.password);
    const postAsPro = async (body: string) => {
      const response = await page.request.post(`/api/dossiers/${dossierId}/messages`, {
        headers: { authorization: `Bearer ${proToken}` },
        data: { clientId: crypto.randomUUID(), body },
      });
      expect(response.status(), await response.text()).toBe(201);
    };

    // The page's socket goes through the test, which can cut it and refuse new ones.
    let offline = false;
    const sockets: WebSocketRoute[] = [];
    await page.routeWebSocket(/\/api\/ws$/, (socket) => {
      if (offline) {
        void socket.close({ code: 4000, reason: 'offline (test)' });
        return;
      }
      socket.connectToServer();
      sockets.push(socket);
    });

    await page.goto('/login');
    await logIn(page, demo.candidate, demo.password);
    await expect(page).toHaveURL(/\/dashboard$/);
    await page.goto(`/dossiers/${dossierId}#messages`);
    const candidateChat = chat(page);
    const list = candidateChat.getByRole('region', { name: fr.history });
    await send(page, fr.composer, 'Un : avant la coupure.');
    // The history's order is the server's: the pro answers once the first message is stored.
    await expect(list.getByRole('listitem').filter({ hasText: 'Un : avant la coupure.' })).toContainText(
      fr.delivered,
    );
    await postAsPro('Deux : reçu en direct.');
    await expect(list.getByText('Deux : reçu en direct.')).toBeVisible();

    // The connection drops; the chat says it is reconnecting while the pro goes on writing.
    offline = true;
    for (const socket of sockets.splice(0)) await socket.close({ code: 4000, reason: 'dropped (test)' });
    await expect(candidateChat.getByRole('status').filter({ hasText: 'Reconnexion…' })).toBeVisible();
    await postAsPro('Trois : envoyé pendant la coupure.');
    await postAsPro('Quatre : envoyé pendant la coupure aussi.');
    // Sending still works (it is plain HTTP), and keeps its place.
    await send(page, fr.composer, 'Cinq : écrit pendant la coupure.');
    await expect(list.getByText('Cinq : écrit pendant la coupure.')).toBeVisible();

    // Back online: the socket reconnects (at once on the browser's "online" event) and catches up.
    offline = false;
    await page.evaluate(() => window.dispatchEvent(new Event('online')));
    await expect(candidateChat.getByText('Reconnexion…')).toBeHidden({ timeout: 10_000 });
    await expect
      .poll(() => history(list))
      .toEqual([
        `${fr.you}|Un : avant la coupure.`,
        'Olivier Roy|Deux : reçu en direct.',
        'Olivier Roy|Trois : envoyé pendant la coupure.',
        'Olivier Roy|Quatre : envoyé pendant la coupure aussi.',
        `${fr.you}|Cinq : écrit pendant la coupure.`,
      ]);

    // Live again.
    await postAsPro('Six : de nouveau en direct.');
    await expect(list.getByText('Six : de nouveau en direct.')).toBeVisible();
    expect(await history(list)).toHaveLength(6);
    // Read as they came, on screen: nothing left unread.
    await expect(
      page.getByRole('banner').getByRole('link', { name: fr.messagesLink, exact: true }),
    ).toBeVisible();
  });
});

import { readFile } from 'node:fs/promises';
import type { APIRequestContext, Page } from '@playwright/test';
import { expectNoA11yViolations } from '../support/a11y';
import {
  demo,
  emailedLink,
  field,
  logIn,
  registerThroughApi,
  strongPassword,
  uniqueEmail,
} from '../support/accounts';
import { expect, test } from '../support/fixtures';
import { documentScrollWidth } from '../support/pages';

const ZONE = 'America/Toronto';
/** How the zone is shown: its city. */
const ZONE_CITY = '(Toronto)';
const MINUTE = 60_000;

/** A date and a time of day as the editor's controls take them, in the host's zone. */
function wallClock(instant: number): { date: string; time: string } {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', {
      timeZone: ZONE,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(instant)
      .map((part) => [part.type, part.value]),
  );
  return { date: `${parts.year}-${parts.month}-${parts.day}`, time: `${parts.hour}:${parts.minute}` };
}

/** The players are stubbed: the tests never reach YouTube, and the frame is a page axe can check. */
async function stubPlayers(page: Page) {
  await page.route('https://www.youtube-nocookie.com/**', (route) =>
    route.fulfill({
      contentType: 'text/html',
      body: '<!doctype html><html lang="en"><head><title>Player</title></head><body><main><p>Player</p></main></body></html>',
    }),
  );
}

/** A published webinar of the demo pro, made through the API (for the ones whose form is not the subject). */
async function publishThroughApi(
  request: APIRequestContext,
  title: string,
  startsAt: number,
  minutes: number,
) {
  const login = await request.post('/api/auth/login', { data: { email: demo.pro, password: demo.password } });
  expect(login.status()).toBe(200);
  const { accessToken } = (await login.json()) as { accessToken: string };
  const response = await request.post('/api/events', {
    headers: { authorization: `Bearer ${accessToken}` },
    data: {
      title,
      description: 'Permis d’études, CAQ et lettre d’acceptation : https://www.canada.ca/fr.html',
      language: 'bilingual',
      category: 'study',
      startsAt: new Date(startsAt).toISOString(),
      endsAt: new Date(startsAt + minutes * MINUTE).toISOString(),
      timeZone: ZONE,
      capacity: 40,
      streamUrl: 'https://youtu.be/jNQXAC9IVRw',
      status: 'scheduled',
    },
  });
  expect(response.status(), await response.text()).toBe(201);
  return ((await response.json()) as { id: string }).id;
}

test.describe('Live, in French', () => {
  test.use({
    locale: 'fr-CA',
    // Refused on purpose: a stream link of a host that is not allowed (400).
    allowedConsoleErrors: /Failed to load resource: the server responded with a status of 400/,
  });

  test('a pro publishes a webinar; a candidate registers, gets the calendar file, watches, then cancels', async ({
    page,
    request,
  }) => {
    test.setTimeout(60_000);
    await stubPlayers(page);
    const run = Date.now().toString(36);
    const soonTitle = `Entrée express en direct ${run}`;
    const laterTitle = `Étudier au Canada ${run}`;
    // Starts in 10 to 11 minutes: the stream is already open to registrants (from 15 minutes before).
    const soon = Math.ceil((Date.now() + 10 * MINUTE) / MINUTE) * MINUTE;
    // Starts in 2 hours: the page counts down to the opening, with no player yet.
    const laterId = await publishThroughApi(request, laterTitle, Date.now() + 120 * MINUTE, 60);

    // The pro creates the webinar in the editor.
    await page.goto('/login');
    await logIn(page, demo.pro, demo.password);
    await expect(page).toHaveURL(/\/dashboard$/);
    await page.getByRole('banner').getByRole('link', { name: 'Live', exact: true }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Live : les webinaires' })).toBeVisible();
    await page.getByRole('main').getByRole('link', { name: 'Créer un webinaire' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Nouveau webinaire' })).toBeVisible();

    const form = page.locator('form');
    await field(form, 'Titre').fill(soonTitle);
    await field(form, 'Description').fill(
      'Score CRS et invitations. Diapositives : https://www.canada.ca/fr.html',
    );
    await field(form, 'Langue de la séance').selectOption('fr');
    await field(form, 'Thème').selectOption('express_entry');
    await field(form, 'Mots-clés').fill('crs, invitations');
    await field(form, 'Nombre de places').fill('25');
    const { date, time } = wallClock(soon);
    await field(form, 'Date').fill(date);
    await field(form, 'Heure de début').fill(time);
    await field(form, 'Durée').selectOption('60');
    await expect(field(form, 'Fuseau horaire')).toHaveValue(ZONE);
    // Another zone: the host sees the same moment in their own.
    await field(form, 'Fuseau horaire').selectOption('Europe/Paris');
    await expect(form.getByText(/^Soit le .* dans votre fuseau horaire\s: .*\(Toronto\)\.$/)).toBeVisible();
    await field(form, 'Fuseau horaire').selectOption(ZONE);
    await expect(form.getByText(/^Le .*, dans votre fuseau horaire\s: .*\(Toronto\)\.$/)).toBeVisible();

    // A link the server refuses, translated, with the accepted providers.
    await field(form, 'Lien de diffusion').fill('https://example.com/webinaire');
    await form.getByRole('button', { name: 'Publier' }).click();
    await expect(field(form, 'Lien de diffusion')).toHaveAccessibleDescription(
      /Ce lien n’est pas accepté\. Utilisez un lien https de YouTube, Vimeo, Zoom, Microsoft Teams ou Google Meet\./,
    );
    await expect(field(form, 'Lien de diffusion')).toBeFocused();
    await field(form, 'Lien de diffusion').fill('https://www.youtube.com/watch?v=ysz5S6PUM-U');
    await expect(
      form.getByText('Lien reconnu : YouTube. Le lecteur sera intégré à la page du webinaire.'),
    ).toBeVisible();
    const preview = page.getByRole('region', { name: 'Aperçu de la page' });
    await expect(preview.getByRole('heading', { name: soonTitle })).toBeVisible();
    await expect(preview).toContainText('25 places restantes sur 25');
    await expectNoA11yViolations(page);
    await form.getByRole('button', { name: 'Publier' }).click();

    // Its page: the host sees the player, and the tools of a host.
    await expect(page.getByRole('heading', { level: 1, name: soonTitle })).toBeVisible();
    const soonUrl = new URL(page.url()).pathname;
    expect(soonUrl).toMatch(/^\/live\/[0-9a-f-]{36}$/);
    await expect(page.getByRole('region', { name: 'Vous animez ce webinaire' })).toBeVisible();
    await expect(page.getByTitle(`Diffusion en direct\u00a0: ${soonTitle}`)).toBeVisible();

    // The pro logs out; a new candidate confirms their address and logs in.
    await page
      .getByRole('banner')
      .getByRole('button', { name: /Menu du compte/ })
      .click();
    await page.getByRole('banner').getByRole('button', { name: 'Déconnexion' }).click();
    await expect(page.getByRole('banner').getByRole('link', { name: 'Se connecter' })).toBeVisible();
    const email = uniqueEmail('live');
    const password = strongPassword();
    await registerThroughApi(page.request, {
      role: 'candidate',
      email,
      password,
      firstName: 'Amina',
      lastName: 'Diallo',
      locale: 'fr',
    });
    await page.goto(await emailedLink(page.request, email, '/verify-email'));
    await expect(page.getByRole('heading', { level: 1, name: 'Adresse courriel confirmée' })).toBeVisible();
    await page.goto(`/login?redirect=${encodeURIComponent('/live')}`);
    await logIn(page, email, password);

    // The calendar of the month, in the candidate's zone; the webinar is there when it is this month.
    await expect(page.getByRole('heading', { level: 1, name: 'Live : les webinaires' })).toBeVisible();
    await expect(page.getByText('Heures affichées dans votre fuseau horaire : ')).toContainText(ZONE_CITY);
    const calendar = page.getByRole('table', { name: /^Webinaires de / });
    await expect(calendar).toBeVisible();
    await expect(calendar.locator('td[aria-current="date"]')).toHaveCount(1);
    if (wallClock(soon).date.slice(0, 7) === wallClock(Date.now()).date.slice(0, 7)) {
      // A webinar that crosses midnight where the browser is shows on both days (its start, then "Suite").
      await expect(calendar.getByRole('link', { name: new RegExp(soonTitle) }).first()).toBeVisible();
    }
    await expectNoA11yViolations(page);

    // The list, upcoming first; the webinar opens from the keyboard.
    await page.getByRole('link', { name: 'Liste', exact: true }).click();
    await expect(page.getByRole('heading', { level: 2, name: 'Webinaires à venir' })).toBeVisible();
    const soonLink = page.getByRole('main').getByRole('link', { name: soonTitle });
    await soonLink.focus();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { level: 1, name: soonTitle })).toBeVisible();

    // Register: the stream is open, so the player appears.
    const registration = page.getByRole('region', { name: 'Inscription' });
    await registration.getByRole('button', { name: 'M’inscrire' }).click();
    await expect(registration.getByRole('status')).toHaveText(
      'C’est fait : vous êtes inscrit·e. Un courriel de confirmation avec le fichier d’agenda vous a été envoyé.',
    );
    await expect(registration.getByText('Vous êtes inscrit·e à ce webinaire.')).toBeVisible();
    await expect(registration.getByRole('heading', { name: 'Inscription' })).toBeFocused();
    const stream = page.getByRole('region', { name: 'La diffusion est ouverte' });
    await expect(stream.getByRole('timer')).toHaveText(/^(10|9)\s+minutes/);
    const player = stream.locator('iframe');
    await expect(player).toHaveAttribute('src', 'https://www.youtube-nocookie.com/embed/ysz5S6PUM-U');
    await expect(player).toHaveAttribute('title', `Diffusion en direct\u00a0: ${soonTitle}`);
    await expect(player).toHaveAttribute('sandbox', 'allow-scripts allow-same-origin allow-presentation');
    await expect(player).toHaveAttribute(
      'allow',
      'autoplay; encrypted-media; picture-in-picture; fullscreen',
    );
    await expect(player).toHaveAttribute('loading', 'lazy');

    // The calendar file.
    const downloading = page.waitForEvent('download');
    await registration.getByRole('button', { name: 'Ajouter à mon agenda (.ics)' }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toMatch(/^capitune-[0-9a-f]{8}\.ics$/);
    const ics = await readFile(await download.path(), 'utf8');
    expect(ics).toContain('BEGIN:VCALENDAR');
    expect(ics).toContain(`SUMMARY:${soonTitle}`);
    await expectNoA11yViolations(page);

    // Cancel the registration: the player goes.
    await registration.getByRole('button', { name: 'Annuler mon inscription' }).click();
    const dialog = page.getByRole('dialog', { name: 'Annuler votre inscription ?' });
    await dialog.getByRole('button', { name: 'Oui, annuler mon inscription' }).click();
    await expect(dialog).toHaveCount(0);
    await expect(registration.getByRole('status')).toHaveText('Votre inscription est annulée.');
    await expect(registration.getByRole('heading', { name: 'Inscription' })).toBeFocused();
    await expect(registration.getByRole('button', { name: 'M’inscrire' })).toBeVisible();
    await expect(page.locator('iframe')).toHaveCount(0);
    await expect(page.getByRole('region', { name: 'La diffusion est ouverte' })).toContainText(
      'Inscrivez-vous pour suivre la séance',
    );

    // The webinar in 2 hours: a countdown to the opening, and no player; the page's clock runs ahead.
    await page.clock.install();
    await page.goto(`/live/${laterId}`);
    await expect(page.getByRole('heading', { level: 1, name: laterTitle })).toBeVisible();
    await page
      .getByRole('region', { name: 'Inscription' })
      .getByRole('button', { name: 'M’inscrire' })
      .click();
    await expect(page.getByText('Vous êtes inscrit·e à ce webinaire.')).toBeVisible();
    const waiting = page.getByRole('region', { name: 'Diffusion' });
    await expect(waiting.getByRole('timer')).toHaveText(/^1\s+heure\s+et\s+4\d\s+minutes$/);
    await expect(waiting).toContainText('apparaîtra ici 15 minutes avant le début');
    await expect(page.locator('iframe')).toHaveCount(0);
    await page.clock.fastForward('30:00');
    await expect(waiting.getByRole('timer')).toHaveText(/^1\s+heure\s+et\s+1\d\s+minutes$/);
    await expect(page.locator('iframe')).toHaveCount(0);
  });
});

test.describe('Live, in English', () => {
  test.use({ locale: 'en-CA' });

  test('the calendar and the list, for a visitor', async ({ page }) => {
    await page.goto('/live');
    await expect(page.getByRole('heading', { level: 1, name: 'Live: webinars' })).toBeVisible();
    await expect(page.getByText('Times shown in your device’s time zone: ')).toContainText(ZONE_CITY);
    const calendar = page.getByRole('table', { name: /^Webinars in / });
    await expect(calendar.getByRole('columnheader', { name: 'Sunday' })).toBeVisible();
    await expectNoA11yViolations(page);

    // Next month and back, by the keyboard.
    const month = page.getByRole('main').getByRole('heading', { level: 2 }).first();
    const current = await month.textContent();
    await page.getByRole('link', { name: /^Next month: / }).press('Enter');
    await expect(month).not.toHaveText(current ?? '');
    await page.getByRole('link', { name: 'Today' }).press('Enter');
    await expect(month).toHaveText(current ?? '');

    // The list of the seeded webinars, and a filter.
    await page.getByRole('link', { name: 'List', exact: true }).click();
    await expect(page.getByRole('heading', { level: 2, name: 'Upcoming webinars' })).toBeVisible();
    await expect(page.getByRole('main').getByRole('article').first()).toContainText('Hosted by');
    await page.getByLabel('Topic').selectOption('work');
    await expect(page).toHaveURL(/category=work/);
    await expect(page.getByRole('main').getByRole('article').first()).toContainText('Work');
    await expectNoA11yViolations(page);
  });
});

test.describe('Live, in English, before the address is confirmed', () => {
  test.use({ locale: 'en-CA' });

  test('a candidate sees why they cannot register yet, and can ask for a new link', async ({ page }) => {
    const email = uniqueEmail('live-unverified');
    const password = strongPassword();
    await registerThroughApi(page.request, {
      role: 'candidate',
      email,
      password,
      firstName: 'Noah',
      lastName: 'Roy',
      locale: 'en',
    });
    await page.goto(`/login?redirect=${encodeURIComponent('/live?view=list')}`);
    await logIn(page, email, password, 'en');
    await expect(page.getByRole('heading', { level: 2, name: 'Upcoming webinars' })).toBeVisible();
    await page.getByRole('main').getByRole('article').first().getByRole('link').click();

    const registration = page.getByRole('region', { name: 'Registration' });
    await expect(registration).toContainText('Confirm your email address to register');
    await expect(registration).toContainText(email);
    await expect(registration.getByRole('button', { name: 'Register', exact: true })).toHaveCount(0);
    await expect(registration.getByRole('button', { name: 'Add to my calendar (.ics)' })).toBeVisible();
    await expectNoA11yViolations(page);
    await registration.getByRole('button', { name: 'Resend the email' }).click();
    await expect(registration.getByText(`Done: a new link is waiting for you at ${email}.`)).toBeVisible();
  });
});

test.describe('Live on a phone', () => {
  test.use({ locale: 'fr-CA', viewport: { width: 360, height: 740 } });

  test('the calendar becomes a list of days and nothing scrolls sideways', async ({ page }) => {
    await page.goto('/live');
    await expect(page.getByRole('heading', { level: 1, name: 'Live : les webinaires' })).toBeVisible();
    await expect(page.getByRole('table')).toBeHidden();
    expect(await documentScrollWidth(page)).toBeLessThanOrEqual(360);
    await expectNoA11yViolations(page);
  });
});

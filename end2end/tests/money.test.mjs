// The money screens of the money-rules issue at 390x844 in Dutch, French and English: the
// rates and prices in Organisatie-instellingen, the correction form in Te bekijken with the
// gebruiker's agreement, the month's Vergoedingen, the worker's allowance on Mijn uren and the
// gebruiker's card of a corrected prestatie. Each is checked with axe-core and for 44 px
// targets; the words are the catalogue's in that language.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  assertNoErrors,
  checkScreen,
  launchBrowser,
  login,
  phonePage,
  startServer,
  waitForHydration,
} from './harness.mjs';

let server;
let browser;

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

/// What each language says where the test looks.
const WORDS = {
  nl: {
    rates: 'Tarieven instellen',
    perCheque: 'per cheque',
    agreement: 'Ging de gebruiker al akkoord?',
    allowance: 'Jouw vergoeding deze maand (schatting)',
    travel: /Reiskosten: € 0,15 per km, als je rit heen en terug meer dan 10 km is\./,
    corrected: 'De bemiddelaar heeft deze uren aangepast.',
  },
  fr: {
    rates: 'Fixer les tarifs',
    perCheque: 'par chèque',
    agreement: 'L’utilisateur a-t-il déjà donné son accord ?',
    allowance: 'Votre indemnité ce mois-ci (estimation)',
    travel: /Déplacement : 0,15 € par km, si votre aller-retour dépasse 10 km\./,
    corrected: 'L’accompagnateur a modifié ces heures.',
  },
  en: {
    rates: 'Set rates',
    perCheque: 'per cheque',
    agreement: 'Did the user agree already?',
    allowance: 'Your allowance this month (estimate)',
    travel: /Travel: €0\.15 per km, when your round trip is more than 10 km\./,
    corrected: 'The coordinator changed these hours.',
  },
};

/// Logged in (in Dutch, as the login page is), then in `lang` from the next page on.
async function as(email, lang, landing) {
  const page = await phonePage(browser);
  await login(page, server.base, email);
  await page.waitForURL(`**${landing}`);
  await page.context().addCookies([{ name: 'wijkwerk_lang', value: lang, url: server.base }]);
  return page;
}

for (const lang of ['nl', 'fr', 'en']) {
  test(`the money screens on a phone in ${lang}`, async () => {
    const w = WORDS[lang];
    const sofie = await as('sofie@demo.test', lang, '/coordinator');
    await sofie.goto(`${server.base}/coordinator/settings`);
    await waitForHydration(sofie);
    assert.equal(await sofie.getAttribute('html', 'lang'), lang);
    await sofie.locator('.rates-form').getByRole('button', { name: w.rates }).waitFor();
    await sofie.locator('.rates-today', { hasText: w.perCheque }).waitFor();
    await sofie.locator('.municipality-prices li', { hasText: 'Zulte' }).waitFor();
    await checkScreen(sofie, `money-settings-${lang}`);

    await sofie.goto(`${server.base}/coordinator/review`);
    await waitForHydration(sofie);
    const card = sofie.locator('li.review-item').first();
    await card.locator('details.settle summary').first().click();
    await card.getByLabel(w.agreement).waitFor();
    await checkScreen(sofie, `money-review-correct-${lang}`);

    await sofie.goto(`${server.base}/coordinator/allowances`);
    await sofie.locator('.allowance-total').waitFor();
    await sofie.getByText(w.perCheque).first().waitFor();
    await checkScreen(sofie, `money-allowances-${lang}`);
    assertNoErrors(sofie);
    await sofie.context().close();

    const ahmed = await as('ahmed@demo.test', lang, '/worker');
    await ahmed.goto(`${server.base}/worker/hours`);
    await waitForHydration(ahmed);
    await ahmed.getByRole('heading', { name: w.allowance }).waitFor();
    await ahmed.getByText(w.travel).waitFor();
    await checkScreen(ahmed, `money-worker-hours-${lang}`);
    assertNoErrors(ahmed);
    await ahmed.context().close();
  });
}

test('a corrected prestatie shows the gebruiker it was changed, in Dutch, French and English', async () => {
  // The vzw's dispute of Kevin's 2 u 30 is corrected to two hours and sent back to the vzw.
  const sofie = await as('sofie@demo.test', 'nl', '/coordinator');
  await sofie.goto(`${server.base}/coordinator/review`);
  await waitForHydration(sofie);
  const card = sofie.locator('li.review-item', { hasText: 'vzw De Buurtwinkel' });
  await card.getByText('Corrigeren', { exact: true }).click();
  await card.getByLabel('Gestopt om').fill('11:00');
  await card.getByLabel('Waarom corrigeer je?').fill('Nagevraagd bij Kevin: twee uur.');
  assert.equal(await card.getByLabel('Ging de gebruiker al akkoord?').inputValue(), 'AskClient');
  await card.getByRole('button', { name: 'Correctie opslaan' }).click();
  await sofie.getByRole('status').getByText('De gebruiker moet de nieuwe uren nog bevestigen.').waitFor();
  assertNoErrors(sofie);
  await sofie.context().close();

  for (const lang of ['nl', 'fr', 'en']) {
    const vzw = await as('vzw@demo.test', lang, '/client');
    await vzw.reload();
    await waitForHydration(vzw);
    const back = vzw.locator('article.prestatie', { hasText: WORDS[lang].corrected });
    await back.waitFor();
    await checkScreen(vzw, `money-client-corrected-${lang}`);
    assertNoErrors(vzw);
    await vzw.context().close();
  }
});

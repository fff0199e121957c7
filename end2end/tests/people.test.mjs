// The bemiddelaar's wijk-werkers, on a laptop and on a phone: create a worker, hand over the
// activation code, the worker activates the account on their own phone and lands on Vandaag;
// the bemiddelaar finds them in the list and on their page.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  assertNoErrors,
  checkScreen,
  launchBrowser,
  login,
  pageIn,
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

const LAPTOP = { width: 1280, height: 800 };

for (const [size, viewport] of [['laptop', LAPTOP], ['phone', null]]) {
  test(`a new wijk-werker gets a code and activates the account (${size})`, async () => {
    const page = viewport
      ? await pageIn(await browser.newContext({ viewport, locale: 'nl-BE', timezoneId: 'Europe/Brussels' }))
      : await phonePage(browser);
    await login(page, server.base, 'sofie@demo.test');
    await page.waitForURL('**/coordinator');
    await page.getByRole('link', { name: 'Wijk-werkers' }).click();
    await page.waitForURL('**/coordinator/workers');
    await waitForHydration(page);
    await page.getByRole('heading', { name: 'Wijk-werkers' }).waitFor();
    await checkScreen(page, `coordinator-workers-${size}`);
    await page.getByRole('link', { name: 'Nieuwe wijk-werker' }).click();
    await page.waitForURL('**/coordinator/workers/new');
    await waitForHydration(page);
    await checkScreen(page, `coordinator-new-worker-${size}`);

    const email = `lotte.${size}@example.test`;
    await page.getByLabel('Voornaam').fill('Lotte');
    await page.getByLabel('Achternaam').fill(`Peeters ${size}`);
    await page.getByLabel('E-mailadres (om aan te melden)').fill(email);
    await page.getByLabel('Gemeente').selectOption({ label: 'Zulte' });
    await page.getByLabel('Doorverwezen door').selectOption({ label: 'OCMW' });
    const today = new Date();
    const iso = (d) => d.toISOString().slice(0, 10);
    const end = new Date(today);
    end.setMonth(end.getMonth() + 6);
    await page.getByLabel('Start van het traject').fill(iso(today));
    await page.getByLabel('Geplande einde (hoogstens 12 maanden later)').fill(iso(end));
    await page.getByRole('button', { name: 'Wijk-werker aanmaken' }).click();
    const code = await page.locator('.code-card .code').textContent({ timeout: 10_000 });
    assert.match(code, /^[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    await checkScreen(page, `coordinator-worker-code-${size}`);

    // The worker, on their own phone: "Eerste keer?", the code, a password.
    const phone = await phonePage(browser);
    await phone.goto(`${server.base}/login`);
    await waitForHydration(phone);
    await phone.getByRole('link', { name: 'Eerste keer? Met een code van je bemiddelaar' }).click();
    await phone.waitForURL('**/activate');
    await waitForHydration(phone);
    await checkScreen(phone, `activate-${size}`);
    await phone.getByLabel('Code (bv. K7QM-4TRX)').fill(code.toLowerCase());
    await phone.getByLabel('Nieuw wachtwoord (minstens 12 tekens)').fill('mijn eigen wachtwoord');
    await phone.getByRole('button', { name: 'Wachtwoord kiezen en aanmelden' }).click();
    await phone.waitForURL('**/worker');
    await phone.getByText('Lotte').first().waitFor();
    assertNoErrors(phone);
    await phone.context().close();

    // The bemiddelaar finds the worker, activated, on their page.
    await page.getByRole('link', { name: 'Naar de fiche' }).click();
    await page.waitForURL(/\/coordinator\/workers\/\d+$/);
    await waitForHydration(page);
    await page.getByRole('heading', { name: `Lotte Peeters ${size}` }).waitFor();
    await page.getByText('Actief: meldt zich aan met een eigen wachtwoord.').waitFor();
    await checkScreen(page, `coordinator-worker-file-${size}`);
    await page.goto(`${server.base}/coordinator/workers?search=lotte&status=All`);
    await page.getByRole('link', { name: `Lotte Peeters ${size}` }).waitFor();
    assertNoErrors(page);
    await page.context().close();
  });
}

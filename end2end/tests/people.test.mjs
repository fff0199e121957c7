// The bemiddelaar's workspace, on a laptop and on a phone: create a worker and hand over the
// activation code; the worker activates the account on their own phone; the bemiddelaar notes
// what the worker can do and when, creates a gebruiker and a request, offers it to the worker
// the matching puts first; the worker accepts on the phone; the week plan shows it.
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

/// Wait until the element stays attached for a moment (not replaced by a late render).
async function staysInPage(locator) {
  for (let i = 0; i < 50; i++) {
    const handle = await locator.elementHandle();
    await locator.page().waitForTimeout(300);
    if (await handle.evaluate((el) => el.isConnected)) return;
  }
  throw new Error('the element kept being replaced');
}

for (const [size, viewport] of [['laptop', LAPTOP], ['phone', null]]) {
  test(`a new worker activates, a gebruiker's request goes to the suggested worker, accepted, in the week plan (${size})`, async () => {
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

    // The bemiddelaar finds the worker, activated, on their page, and notes skills and time.
    await page.getByRole('link', { name: 'Naar de fiche' }).click();
    await page.waitForURL(/\/coordinator\/workers\/\d+$/);
    await waitForHydration(page);
    await page.getByRole('heading', { name: `Lotte Peeters ${size}` }).waitFor();
    await page.getByText('Actief: meldt zich aan met een eigen wachtwoord.').waitFor();
    // The file's island may still swap in its content just after the page is marked live (a
    // known gap, see the README): tick once the box stays in the page.
    await staysInPage(page.getByLabel('Tuinonderhoud'));
    await page.getByLabel('Tuinonderhoud').check();
    await page.getByLabel('ma voormiddag').check();
    assert.ok(await page.getByLabel('Tuinonderhoud').isChecked(), 'the first box is still ticked');
    await page.getByRole('button', { name: 'Bewaar' }).first().click();
    await page.getByRole('status').filter({ hasText: 'Bewaard.' }).waitFor();
    await checkScreen(page, `coordinator-worker-file-${size}`);
    await page.goto(`${server.base}/coordinator/workers?search=lotte&status=All`);
    await page.getByRole('link', { name: `Lotte Peeters ${size}` }).waitFor();

    // A new gebruiker in Lotte's municipality, and a request for garden work on Monday morning.
    await page.getByRole('link', { name: 'Gebruikers' }).click();
    await page.waitForURL('**/coordinator/clients');
    await waitForHydration(page);
    await checkScreen(page, `coordinator-clients-${size}`);
    await page.getByRole('link', { name: 'Nieuwe gebruiker' }).click();
    await page.waitForURL('**/coordinator/clients/new');
    await waitForHydration(page);
    await checkScreen(page, `coordinator-new-client-${size}`);
    await page.getByLabel('Soort gebruiker').selectOption({ label: 'School' });
    await page.getByLabel('Naam', { exact: true }).fill(`Basisschool Het Anker ${size}`);
    await page.getByLabel('Straat en nummer').fill('Schoolstraat 4');
    await page.getByLabel('Postcode').fill('9870');
    await page.getByLabel('Gemeente of deelgemeente').fill('Zulte');
    await page.getByLabel('Gemeente', { exact: true }).selectOption({ label: 'Zulte' });
    await page.getByRole('button', { name: 'Gebruiker aanmaken' }).click();
    await page.waitForURL(/\/coordinator\/clients\/\d+$/);
    await page.getByRole('heading', { name: `Basisschool Het Anker ${size}` }).waitFor();
    await checkScreen(page, `coordinator-client-file-${size}`);
    await page.getByLabel('Activiteit').selectOption({ label: 'Tuinonderhoud' });
    await page.getByLabel('Wat moet er gebeuren?').fill('Het speelplein vrijmaken van bladeren');
    await page.getByLabel('Duur (minuten)').fill('120');
    await page.getByLabel('ma voormiddag').check();
    await page.getByRole('button', { name: 'Aanvraag bewaren en kandidaten tonen' }).click();
    await page.waitForURL(/\/coordinator\/requests\/\d+$/);
    await waitForHydration(page);

    // Lotte comes first: same municipality, the skill, free on Monday morning, all hours left.
    const first = page.locator('li.suggestion').first();
    await first.waitFor();
    assert.equal(await first.locator('h3').innerText(), `Lotte Peeters ${size}`);
    assert.match(await first.innerText(), /woont in dezelfde gemeente · kan deze activiteit · vrij op 1 van 1 gevraagde momenten/);
    await checkScreen(page, `coordinator-request-${size}`);
    const monday = new Date();
    monday.setDate(monday.getDate() + ((8 - monday.getDay()) % 7 || 7));
    const mondayIso = `${monday.getFullYear()}-${String(monday.getMonth() + 1).padStart(2, '0')}-${String(monday.getDate()).padStart(2, '0')}`;
    await first.getByLabel('Datum').fill(mondayIso);
    await first.getByLabel('Beginuur (mag leeg)').fill('09:00');
    await first.getByRole('button', { name: `Aanbieden Lotte Peeters ${size}` }).click();
    await page.getByRole('status').filter({ hasText: 'Aangeboden.' }).waitFor();
    await page.getByText(`Lotte Peeters ${size} · aangeboden`).waitFor();

    // Lotte accepts on her phone.
    await phone.goto(`${server.base}/worker/assignments`);
    const offer = phone.locator('article.offer', { hasText: 'Het speelplein vrijmaken' });
    await offer.waitFor();
    await offer.getByRole('button', { name: 'Aanvaarden' }).click();
    await offer.waitFor({ state: 'detached' });

    // The week plan of that Monday shows it, accepted (once the phone's outbox delivered the
    // answer, at once when online).
    const shown = viewport ? page.locator('.week-grid') : page.locator('.week-days');
    const accepted = /09:00 Basisschool Het Anker .* · Tuinonderhoud · aanvaard/;
    for (let tries = 0; ; tries++) {
      await page.goto(`${server.base}/coordinator/week?day=${mondayIso}`);
      await waitForHydration(page);
      await shown.getByText(`Lotte Peeters ${size}`).first().waitFor();
      if (accepted.test(await shown.innerText())) break;
      assert.ok(tries < 20, `not accepted in the week plan: ${await shown.innerText()}`);
      await page.waitForTimeout(500);
    }
    assertNoErrors(phone);
    await phone.context().close();

    // The list of requests says what became of the offers.
    await page.getByRole('link', { name: 'Aanvragen', exact: true }).click();
    await page.waitForURL('**/coordinator/requests');
    await page.locator('li.person', { hasText: `Basisschool Het Anker ${size}` }).getByText('0 open · 1 aanvaard · 0 geweigerd').waitFor();
    await checkScreen(page, `coordinator-requests-${size}`);
    await checkScreen(page, `coordinator-week-${size}`);
    assertNoErrors(page);
    await page.context().close();
  });
}

for (const [size, viewport] of [['laptop', LAPTOP], ['phone', null]]) {
  test(`the organisation's municipalities and where each activity is allowed (${size})`, async () => {
    const page = viewport
      ? await pageIn(await browser.newContext({ viewport, locale: 'nl-BE', timezoneId: 'Europe/Brussels' }))
      : await phonePage(browser);
    await login(page, server.base, 'sofie@demo.test');
    await page.waitForURL('**/coordinator');
    await page.getByRole('link', { name: 'Organisatie' }).click();
    await page.waitForURL('**/coordinator/organisation');
    await waitForHydration(page);
    await page.getByRole('heading', { name: 'Gemeenten', exact: true }).waitFor();
    await checkScreen(page, `coordinator-organisation-${size}`);
    // Farm work is for farms only in the demo; switch garden work off in Zulte and on again.
    const garden = page.locator('article.activity-rules', { has: page.getByRole('heading', { name: 'Tuinonderhoud', exact: true }) });
    const zulte = garden.getByRole('button', { name: /^Zulte:/ });
    assert.equal(await zulte.getAttribute('aria-pressed'), 'true');
    await zulte.click();
    await garden.getByRole('button', { name: 'Zulte: mag niet' }).waitFor();
    await garden.getByRole('button', { name: 'Zulte: mag niet' }).click();
    await garden.getByRole('button', { name: 'Zulte: mag' , exact: true }).waitFor();
    const farm = page.locator('article.activity-rules', { has: page.getByRole('heading', { name: 'Hulp op de boerderij' }) });
    assert.equal(await farm.getByRole('button', { name: /^School:/ }).getAttribute('aria-pressed'), 'false');
    // A new municipality joins.
    await page.locator('#new-place').fill(`Deinze ${size}`);
    await page.getByRole('button', { name: 'Gemeente toevoegen' }).click();
    await page.getByRole('button', { name: `Bewaar Deinze ${size}` }).waitFor();
    assertNoErrors(page);
    await page.context().close();
  });
}

test('a gebruiker asks for work on the phone, the bemiddelaar turns it down with a reason, the gebruiker reads why', async () => {
  const phone = await phonePage(browser);
  await login(phone, server.base, 'maria@demo.test');
  await phone.waitForURL('**/client');
  await phone.getByRole('link', { name: 'Aanvragen' }).click();
  await phone.waitForURL('**/client/requests');
  await checkScreen(phone, 'client-requests');
  await phone.getByRole('link', { name: 'Werk aanvragen' }).click();
  await phone.waitForURL('**/client/requests/new');
  await waitForHydration(phone);
  // Only what a private person in her municipality may ask for; her own address to start with.
  const offered = await phone.getByLabel('Activiteit').locator('option').allInnerTexts();
  assert.ok(offered.includes('Tuinonderhoud'), offered.join());
  assert.ok(!offered.includes('Hulp op de boerderij'), offered.join());
  assert.notEqual(await phone.getByLabel('Straat en nummer').inputValue(), '');
  await checkScreen(phone, 'client-ask-for-work');

  // Her daughter's hedge, in another village: once, on a Wednesday afternoon.
  await phone.getByLabel('Activiteit').selectOption({ label: 'Tuinonderhoud' });
  await phone.getByLabel('Wat moet er gebeuren?').fill('De haag van mijn dochter snoeien');
  await phone.getByLabel('Hoe vaak').selectOption({ label: 'Eenmalig' });
  await phone.getByLabel('wo namiddag').check();
  await phone.getByLabel('Straat en nummer').fill('Dorpstraat 5');
  await phone.getByLabel('Postcode').fill('9890');
  await phone.getByLabel('Gemeente of deelgemeente').fill('Baaigem');
  await phone.getByRole('button', { name: 'Aanvraag versturen' }).click();
  await phone.waitForURL('**/client/requests?sent=1');
  await phone.getByRole('status').filter({ hasText: 'Uw aanvraag is verstuurd.' }).waitFor();
  const card = phone.locator('li.request', { hasText: 'De haag van mijn dochter snoeien' });
  assert.equal(await card.getAttribute('data-status'), 'new');
  assert.match(await card.innerText(), /Nieuw[\s\S]*Dorpstraat 5, 9890 Baaigem/);
  await checkScreen(phone, 'client-request-sent');

  // The bemiddelaar finds it among the requests, with the address of the work, and turns it
  // down with a reason.
  const page = await pageIn(await browser.newContext({ viewport: LAPTOP, locale: 'nl-BE', timezoneId: 'Europe/Brussels' }));
  await login(page, server.base, 'sofie@demo.test');
  await page.waitForURL('**/coordinator');
  await page.getByRole('link', { name: 'Aanvragen', exact: true }).click();
  await page.waitForURL('**/coordinator/requests');
  await page.locator('li.person', { hasText: 'Maria Peeters · Tuinonderhoud' }).first().getByRole('link').click();
  await page.waitForURL(/\/coordinator\/requests\/\d+$/);
  await waitForHydration(page);
  await page.getByText('Dorpstraat 5, 9890 Baaigem').waitFor();
  await page.getByText('Afwijzen', { exact: true }).click();
  await page.getByLabel('Waarom? De gebruiker leest dit.').fill('Geen wijk-werker vrij op woensdag.');
  await page.getByRole('button', { name: 'Vraag afwijzen' }).click();
  await page.locator('.request-status[data-status="rejected"]').waitFor();
  await page.getByText('Reden: Geen wijk-werker vrij op woensdag.').waitFor();
  await checkScreen(page, 'coordinator-request-rejected');
  assertNoErrors(page);
  await page.context().close();

  // The gebruiker reads it.
  await phone.goto(`${server.base}/client/requests`);
  const rejected = phone.locator('li.request', { hasText: 'De haag van mijn dochter snoeien' });
  assert.equal(await rejected.getAttribute('data-status'), 'rejected');
  assert.match(await rejected.innerText(), /Afgewezen[\s\S]*Reden: Geen wijk-werker vrij op woensdag\./);
  await checkScreen(phone, 'client-request-rejected');
  assertNoErrors(phone);
  await phone.context().close();
});

// The thin slice through all three roles, at a phone's size, in a real browser:
// a wijk-werker clocks time, the gebruiker confirms a prestatie and pays with cheques, the
// bemiddelaar sees the hours against the 60-hour limit. Each test stands on the demo data
// alone, so they pass in any order and one at a time (`node --test --test-name-pattern`).
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

test('a wrong password gets a clear Dutch message', async () => {
  const page = await phonePage(browser);
  // The login is a plain page: a phone that has never seen the app downloads no code for it.
  const code = [];
  page.on('request', (r) => {
    if (/\.(wasm|js)$/.test(new URL(r.url()).pathname)) code.push(new URL(r.url()).pathname);
  });
  await page.goto(`${server.base}/login`);
  assert.equal(await page.getAttribute('html', 'lang'), 'nl');
  await checkScreen(page, 'login');
  await waitForHydration(page);
  await page.getByLabel('E-mailadres').fill('ahmed@demo.test');
  await page.getByLabel('Wachtwoord').fill('fout');
  await page.getByRole('button', { name: 'Aanmelden' }).click();
  const alert = page.getByRole('alert');
  await alert.waitFor();
  assert.match(await alert.innerText(), /wachtwoord klopt niet/);
  assert.equal(new URL(page.url()).pathname, '/login');
  await checkScreen(page, 'login-error');
  assert.deepEqual(code, [], 'the login page loads no JavaScript or WASM');
  assertNoErrors(page);
  await page.context().close();
});

test('the wijk-werker starts and stops the clock on today\'s assignment', async () => {
  const page = await phonePage(browser);
  await login(page, server.base, 'ahmed@demo.test');
  await page.waitForURL('**/worker');
  await page.getByRole('heading', { name: 'Dag Ahmed' }).waitFor();
  const card = page.locator('article.assignment', { hasText: 'Maria Peeters' });
  assert.match(await card.innerText(), /Kerkstraat 12, 9890 Gavere/);
  assert.match(await card.innerText(), /09:00/);
  await checkScreen(page, 'worker-today');

  await card.getByRole('button', { name: 'Start' }).click();
  const timer = card.locator('.timer');
  await timer.waitFor();
  // The timer counts on the phone: this only passes once the WASM has hydrated.
  const first = await timer.innerText();
  await page.waitForFunction(
    (before) => document.querySelector('.timer')?.textContent !== before,
    first,
    { timeout: 5_000 },
  );
  assert.match(await timer.innerText(), /^0:00:\d\d$/);
  await checkScreen(page, 'worker-clock-running');

  await card.getByRole('button', { name: 'Stop' }).click();
  await timer.waitFor({ state: 'detached' });
  // The Stop went through the outbox; the server's prestatie shows once it answered.
  await page.getByText('Alles is verzonden.').waitFor();
  await page.locator('ul.entries li', { hasText: '0 u 01 min' }).first().waitFor();
  const newest = page.locator('ul.entries li').first();
  const clockedEntryText = await newest.innerText();
  assert.match(clockedEntryText, /Wacht op bevestiging/);
  assert.match(clockedEntryText, /0 u 01 min/);
  assert.match(clockedEntryText, /Maria Peeters/);
  await checkScreen(page, 'worker-after-stop');

  await page.getByRole('button', { name: 'Afmelden' }).click();
  await page.waitForURL('**/login');
  assertNoErrors(page);
  await page.context().close();
});

test('a mistaken Start is cancelled and leaves no prestatie', async () => {
  const page = await phonePage(browser);
  await login(page, server.base, 'kevin@demo.test');
  await page.waitForURL('**/worker');
  const card = page.locator('article.assignment', { hasText: 'Roger Van Damme' });
  await card.getByRole('button', { name: 'Start' }).click();
  await card.locator('.timer').waitFor();
  const cancel = card.getByRole('button', { name: 'Annuleren' });
  await cancel.waitFor();
  assert.match(await card.innerText(), /Per ongeluk gestart\?/);
  await checkScreen(page, 'worker-cancel-start');
  await cancel.click();
  await card.locator('.timer').waitFor({ state: 'detached' });
  await card.getByRole('button', { name: 'Start' }).waitFor();
  assert.equal(await page.locator('ul.entries li', { hasText: 'Roger Van Damme' }).count(), 0);
  assertNoErrors(page);
  await page.context().close();
});

test('the wijk-werker accepts one offer and declines another with a reason', async () => {
  let page = await phonePage(browser);
  await login(page, server.base, 'kevin@demo.test');
  await page.waitForURL('**/worker');
  // Vandaag says there is an offer; it is answered on Opdrachten.
  await page.getByRole('link', { name: /1 nieuwe aanbieding/ }).click();
  await page.waitForURL('**/worker/assignments');
  const offer = page.locator('article.offer', { hasText: 'Lekkende kraan' });
  await offer.waitFor();
  assert.match(await offer.innerText(), /Roger Van Damme/);
  await checkScreen(page, 'worker-offers');
  await offer.getByRole('button', { name: 'Aanvaarden' }).click();
  await page.getByRole('status').filter({ hasText: 'Aanvaard' }).waitFor();
  await offer.waitFor({ state: 'detached' });
  assertNoErrors(page);
  await page.context().close();

  page = await phonePage(browser);
  await login(page, server.base, 'fatima@demo.test');
  await page.waitForURL('**/worker');
  await page.getByRole('link', { name: 'Opdrachten', exact: true }).click();
  await page.waitForURL('**/worker/assignments');
  const flowers = page.locator('article.offer', { hasText: 'Bloembakken' });
  await flowers.getByText('Weigeren').first().click();
  await flowers.getByLabel('Waarom niet?').fill('Dan moet ik naar de dokter');
  await checkScreen(page, 'worker-decline-offer');
  await flowers.getByRole('button', { name: 'Weiger deze opdracht' }).click();
  await flowers.waitFor({ state: 'detached' });
  assert.equal(await page.locator('article.offer').count(), 0);
  await page.getByText('Er zijn geen nieuwe aanbiedingen.').waitFor();
  // What she did lately opens in detail, with her hours on it.
  await page.getByRole('link', { name: /Hoeve Ter Linde/ }).click();
  await page.waitForURL('**/worker/assignments/*');
  await page.getByRole('heading', { name: 'Jouw uren op deze opdracht' }).waitFor();
  await checkScreen(page, 'worker-assignment-detail');
  assertNoErrors(page);
  await page.context().close();
});

test('a wijk-werker close to the 60 hours is warned and sees the year too', async () => {
  const page = await phonePage(browser);
  await login(page, server.base, 'jozef@demo.test');
  await page.waitForURL('**/worker');
  await page.getByRole('status').filter({ hasText: 'je nadert de 60 uur' }).waitFor();
  await page.getByRole('link', { name: 'Mijn uren' }).first().click();
  await page.waitForURL('**/worker/hours');
  await page.getByRole('heading', { name: 'Jouw vergoeding deze maand (schatting)' }).waitFor();
  const month = page.getByRole('meter', { name: 'Jouw uren deze maand' });
  assert.equal(await month.getAttribute('aria-valuenow'), String(58 * 60 + 30));
  const year = page.getByRole('meter', { name: 'Jouw uren dit jaar' });
  assert.equal(await year.getAttribute('aria-valuemax'), String(630 * 60));
  assert.ok(Number(await year.getAttribute('aria-valuenow')) >= 58 * 60 + 30);
  // Jozef is an ex-PWA worker: his trajectory has no end.
  await page.getByText('Je traject heeft geen einddatum.').waitFor();
  await checkScreen(page, 'worker-near-limit');
  assertNoErrors(page);
  await page.context().close();
});

test('the gebruiker confirms a prestatie and its cheques are used', async () => {
  const page = await phonePage(browser);
  await login(page, server.base, 'maria@demo.test');
  await page.waitForURL('**/client');
  await page.getByRole('heading', { name: 'Dag Maria Peeters' }).waitFor();
  const balance = page.locator('.balance');
  const before = Number(await balance.getAttribute('data-balance'));
  assert.match(await balance.innerText(), new RegExp(`Je hebt nog ${before} cheques`));

  // Ahmed's two hours of two days ago (demo data).
  const card = page.locator('article.prestatie', { hasText: '2 u 00 min' });
  assert.equal(await card.count(), 1);
  assert.match(await card.innerText(), /Kost 2 cheques/);
  assert.match(await card.innerText(), /Gewerkt door Ahmed/);
  await page.getByText('Niet akkoord').first().click();
  await checkScreen(page, 'client-to-confirm');

  await card.getByRole('button', { name: 'Bevestig' }).click();
  await page.waitForFunction(
    (expected) => document.querySelector('.balance')?.dataset.balance === String(expected),
    before - 2,
  );
  assert.equal(await page.locator('article.prestatie', { hasText: '2 u 00 min' }).count(), 0);
  assert.match(await page.locator('ul.entries').innerText(), /Bevestigd/);
  await checkScreen(page, 'client-after-confirm');
  assertNoErrors(page);
  await page.context().close();
});

test('a school confirms all its prestaties at once', async () => {
  const page = await phonePage(browser);
  await login(page, server.base, 'school@demo.test');
  await page.waitForURL('**/client');
  await waitForHydration(page);
  const balance = page.locator('.balance');
  const before = Number(await balance.getAttribute('data-balance'));
  // Lien's 2 u and 1 u 30 (demo data): two cheques each, per started hour.
  assert.equal(await page.locator('article.prestatie').count(), 2);
  const all = page.locator('.confirm-all');
  assert.match(await all.innerText(), /2 prestaties · samen 4 cheques/);
  await checkScreen(page, 'client-confirm-all');
  await all.getByRole('button', { name: 'Alles bevestigen' }).click();
  await page.getByRole('status').filter({ hasText: '2 prestaties bevestigd.' }).waitFor();
  await page.waitForFunction(
    (expected) => document.querySelector('.balance')?.dataset.balance === String(expected),
    before - 4,
  );
  assert.equal(await page.locator('article.prestatie').count(), 0);
  assert.equal(await page.locator('.confirm-all').count(), 0);
  await checkScreen(page, 'client-after-confirm-all');
  assertNoErrors(page);
  await page.context().close();
});

test('the bemiddelaar sees hours per municipality against the 60-hour limit', async () => {
  const page = await phonePage(browser);
  await login(page, server.base, 'sofie@demo.test');
  await page.waitForURL('**/coordinator');
  await page.getByRole('heading', { name: 'Uren deze maand per gemeente' }).waitFor();
  for (const municipality of ['Gavere', 'Nazareth', 'Zulte']) {
    await page.getByRole('heading', { name: municipality }).waitFor();
  }
  const jozef = page.getByRole('meter', { name: 'Jozef Vermeulen' });
  assert.equal(await jozef.getAttribute('aria-valuenow'), String(58 * 60 + 30));
  assert.equal(await jozef.getAttribute('aria-valuemax'), String(60 * 60));
  assert.match(await jozef.getAttribute('aria-valuetext'), /58 u 30 min van 60 uur/);
  const ahmed = page.getByRole('meter', { name: 'Ahmed El Amrani' });
  assert.equal(await ahmed.getAttribute('aria-valuemax'), String(60 * 60));
  await checkScreen(page, 'coordinator-month');
  assertNoErrors(page);
  await page.context().close();
});

test('a worker cannot open the coordinator\'s screen', async () => {
  const page = await phonePage(browser);
  await login(page, server.base, 'lien@demo.test');
  await page.waitForURL('**/worker');
  const res = await page.goto(`${server.base}/coordinator`);
  assert.equal(res.status(), 403);
  assert.match(await page.getByRole('alert').innerText(), /Dit mag je niet doen/);
  await checkScreen(page, 'forbidden');
  await page.context().close();
});

test('an unknown address shows a page that leads back', async () => {
  const page = await phonePage(browser);
  const res = await page.goto(`${server.base}/bestaat-niet`);
  assert.equal(res.status(), 404);
  await page.getByRole('heading', { name: 'Deze pagina bestaat niet.' }).waitFor();
  await checkScreen(page, 'not-found');
  await page.getByRole('link', { name: 'Naar de startpagina' }).click();
  await page.waitForURL('**/login');
  await page.context().close();
});

test('before the WASM arrives (or without JavaScript) the forms still work', async () => {
  // A cheap phone on a bad connection may use the page long before the app is live.
  const context = await browser.newContext({
    viewport: { width: 390, height: 844 },
    javaScriptEnabled: false,
    locale: 'nl-BE',
  });
  const page = await context.newPage();
  await page.goto(`${server.base}/login`);
  await page.getByLabel('E-mailadres').fill('lien@demo.test');
  await page.getByLabel('Wachtwoord').fill('wijkwerk');
  await page.getByRole('button', { name: 'Aanmelden' }).click();
  await page.waitForURL('**/worker');
  const card = page.locator('article.assignment', { hasText: 'Basisschool De Regenboog' });
  await card.getByRole('button', { name: 'Start' }).click();
  await card.getByText('Je werkt sinds').waitFor();
  assert.match(await card.locator('.timer').innerText(), /^0:00:\d\d$/);
  await card.getByRole('button', { name: 'Stop' }).click();
  await page.locator('ul.entries li', { hasText: 'Wacht op bevestiging' }).first().waitFor();
  assert.match(await page.locator('ul.entries li').first().innerText(), /Basisschool De Regenboog/);
  await context.close();
});

test('the interface switches to English and back', async () => {
  const page = await phonePage(browser);
  await page.goto(`${server.base}/login`);
  await waitForHydration(page);
  await page.getByRole('button', { name: 'English' }).click();
  await page.getByRole('heading', { name: 'Log in' }).waitFor();
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  await checkScreen(page, 'login-en');
  await page.getByLabel('Email address').fill('maria@demo.test');
  await page.getByLabel('Password').fill('wijkwerk');
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.waitForURL('**/client');
  await page.getByRole('heading', { name: 'Hello Maria Peeters' }).waitFor();
  assert.match(await page.locator('.balance').innerText(), /You have \d+ cheques? left/);
  await checkScreen(page, 'client-en');
  await page.getByRole('button', { name: 'Nederlands' }).click();
  await page.getByRole('heading', { name: 'Dag Maria Peeters' }).waitFor();
  assert.equal(await page.getAttribute('html', 'lang'), 'nl');
  assertNoErrors(page);
  await page.context().close();
});

test('a shift with a pause: Pauze, Verder, Stop', async () => {
  const page = await phonePage(browser);
  await login(page, server.base, 'ahmed@demo.test');
  await page.waitForURL('**/worker');
  const card = page.locator('article.assignment', { hasText: 'Maria Peeters' }).first();
  // The gebruiker's address opens a map; her number is one tap away.
  assert.match(await card.getByRole('link', { name: /Toon op de kaart/ }).getAttribute('href'), /openstreetmap/);
  assert.match(await card.getByRole('link', { name: /Bel Maria Peeters/ }).getAttribute('href'), /^tel:0470123456$/);
  await card.getByRole('button', { name: 'Start' }).click();
  await card.getByRole('button', { name: 'Pauze' }).click();
  await card.getByRole('button', { name: 'Verder' }).waitFor();
  await page.getByRole('status').filter({ hasText: 'Je hebt pauze' }).waitFor();
  await checkScreen(page, 'worker-paused');
  await card.getByRole('button', { name: 'Verder' }).click();
  await card.getByRole('button', { name: 'Pauze' }).waitFor();
  await card.getByRole('button', { name: 'Stop' }).click();
  await card.getByRole('button', { name: 'Start' }).waitFor();
  assertNoErrors(page);
  await page.context().close();
});

test('hours entered afterwards appear in Mijn uren and can be corrected', async () => {
  const page = await phonePage(browser);
  await login(page, server.base, 'kevin@demo.test');
  await page.waitForURL('**/worker');
  await page.getByRole('link', { name: 'Mijn uren' }).first().click();
  await page.waitForURL('**/worker/hours');
  await checkScreen(page, 'worker-hours');
  await page.getByText(/Je traject loopt tot \d\d\/\d\d\/\d{4} \(nog \d+ dagen\)/).waitFor();
  const usedBefore = {};
  for (const name of ['Jouw uren deze maand', 'Jouw uren dit jaar']) {
    usedBefore[name] = Number(await page.getByRole('meter', { name }).getAttribute('aria-valuenow'));
  }
  await page.getByRole('link', { name: 'Uren ingeven' }).click();
  await page.waitForURL('**/worker/hours/new');
  await waitForHydration(page);
  const select = page.getByLabel('Opdracht');
  const option = select.locator('option', { hasText: 'vzw De Buurtwinkel' });
  await select.selectOption(await option.getAttribute('value'));
  // The day the assignment was planned (three days ago, in the option's text).
  const planned = await page.evaluate(() => {
    const d = new Date(Date.now() - 3 * 86400000);
    return d.toLocaleDateString('sv-SE', { timeZone: 'Europe/Brussels' });
  });
  await page.getByLabel('Datum').fill(planned);
  await page.getByLabel('Begonnen om').fill('13:00');
  // The phone runs the rules before sending: an end before the start is said at once.
  await page.getByLabel('Gestopt om').fill('12:00');
  await page.getByRole('status').filter({ hasText: 'Het einde moet na het begin liggen.' }).waitFor();
  await page.getByLabel('Gestopt om').fill('16:00');
  await page.getByLabel('Pauze (minuten)').fill('15');
  await page.getByLabel('Kilometers heen en terug').fill('12');
  await checkScreen(page, 'worker-enter-hours');
  await page.getByRole('button', { name: 'Bewaar' }).click();
  await page.waitForURL('**/worker/hours?saved=1');
  // The bar of the period the day falls in moved by the 2 h 45 (3 h less a 15-minute pause).
  const today = await page.evaluate(() =>
    new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Brussels' }));
  const meter = planned.slice(0, 7) === today.slice(0, 7) ? 'Jouw uren deze maand' : 'Jouw uren dit jaar';
  if (planned.slice(0, 4) === today.slice(0, 4)) {
    const now = Number(await page.getByRole('meter', { name: meter }).getAttribute('aria-valuenow'));
    assert.equal(now, usedBefore[meter] + 165);
  }
  await page.getByRole('status').filter({ hasText: 'Bewaard.' }).waitFor();
  const line = page.locator('li.entry', { hasText: '13:00–16:00' });
  assert.match(await line.innerText(), /pauze 15 min · 12 km/);
  await line.getByRole('link', { name: 'Verbeter' }).click();
  await page.waitForURL('**/worker/hours/*');
  await waitForHydration(page);
  await page.getByLabel('Gestopt om').fill('15:00');
  await page.getByLabel('Waarom verander je dit?').fill('Om 15 u gestopt');
  await checkScreen(page, 'worker-change-hours');
  await page.getByRole('button', { name: 'Bewaar' }).click();
  await page.waitForURL('**/worker/hours?saved=1');
  await page.locator('li.entry', { hasText: '13:00–15:00' }).waitFor();
  assertNoErrors(page);
  await page.context().close();
});

test('Profiel: the worker chooses French, then Dutch again', async () => {
  const page = await phonePage(browser);
  await login(page, server.base, 'fatima@demo.test');
  await page.waitForURL('**/worker');
  await page.getByRole('link', { name: 'Profiel' }).click();
  await page.waitForURL('**/worker/profile');
  await checkScreen(page, 'worker-profile');
  await page.locator('.lang-choice').getByRole('button', { name: 'Français' }).click();
  await page.getByRole('heading', { name: 'Profil' }).waitFor();
  assert.equal(await page.locator('html').getAttribute('lang'), 'fr');
  await checkScreen(page, 'worker-profile-fr');
  await page.getByRole('link', { name: 'Aujourd’hui' }).click();
  await page.getByRole('heading', { name: /Bonjour Fatima/ }).waitFor();
  await page.getByRole('link', { name: 'Profil' }).click();
  await page.locator('.lang-choice').getByRole('button', { name: 'Nederlands' }).click();
  await page.getByRole('heading', { name: 'Profiel' }).waitFor();
  assertNoErrors(page);
  await page.context().close();
});

test('the 61st hour is refused in plain Dutch, on the phone and by the server', async (t) => {
  const today = new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Brussels' });
  const yesterday = new Date(Date.now() - 86400000)
    .toLocaleDateString('sv-SE', { timeZone: 'Europe/Brussels' });
  if (yesterday.slice(0, 7) !== today.slice(0, 7)) {
    // On the first of a month the demo's 58 h 30 lie on today itself, still to come.
    t.skip('the first day of a month');
    return;
  }
  const page = await phonePage(browser);
  await login(page, server.base, 'jozef@demo.test');
  await page.waitForURL('**/worker');
  await page.goto(`${server.base}/worker/hours/new`);
  await waitForHydration(page);
  // Yesterday evening, after his demo hours of that day: 2 h 30 where 1 h 30 is left.
  await page.getByLabel('Datum').fill(yesterday);
  await page.getByLabel('Begonnen om').fill('16:00');
  await page.getByLabel('Gestopt om').fill('18:30');
  const phone = page.getByRole('status').filter({ hasText: 'je mag maximum 60 uur per maand werken' });
  await phone.waitFor();
  assert.match(await phone.innerText(), /nog 1 u 30 min/);
  await page.getByRole('button', { name: 'Bewaar' }).click();
  const refusal = page.getByRole('alert').filter({ hasText: 'Deze maand mag je nog 1 u 30 min werken' });
  await refusal.waitFor();
  await checkScreen(page, 'worker-month-limit-refusal');
  page.errors = page.errors.filter((e) => !/422/.test(e));
  assertNoErrors(page);
  await page.context().close();
});

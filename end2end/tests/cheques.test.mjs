// The gebruiker's side of the money, at a phone's size: a dispute, a confirmation without
// enough cheques that waits for them, the bemiddelaar's purchase that pays it, the Cheques tab
// with its batches and history, and the fiscal attest read back as text. Each test starts its
// own server on the demo data.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import {
  assertNoErrors,
  checkScreen,
  launchBrowser,
  login,
  phonePage,
  startServer,
  waitForHydration,
} from './harness.mjs';

async function withServer(run) {
  const server = await startServer();
  const browser = await launchBrowser();
  try {
    await run(server, browser);
  } finally {
    await browser.close();
    await server.stop();
  }
}

/// "€ 7,45" or "€7,45" → 745.
function cents(text) {
  const m = /€\s?(\d+),(\d\d)/.exec(text);
  assert.ok(m, `an amount in "${text}"`);
  return Number(m[1]) * 100 + Number(m[2]);
}

async function pdfText(path) {
  const pdf = await getDocument({ data: new Uint8Array(readFileSync(path)), useSystemFonts: false }).promise;
  const lines = [];
  for (let i = 1; i <= pdf.numPages; i++) {
    const content = await (await pdf.getPage(i)).getTextContent();
    lines.push(content.items.map((item) => item.str).join('\n'));
  }
  return lines.join('\n');
}

test('a gebruiker disputes a prestatie with a reason; no cheques are used, and expired cheques show as expired', async () => {
  await withServer(async (server, browser) => {
    const page = await phonePage(browser);
    await login(page, server.base, 'maria@demo.test');
    await page.waitForURL('**/client');
    await waitForHydration(page);
    const before = Number(await page.locator('.balance').getAttribute('data-balance'));
    const card = page.locator('article.prestatie', { hasText: '2 u 00 min' });
    await card.getByText('Niet akkoord').click();
    // Too short a reason: said in plain words, nothing changes.
    await card.getByLabel('Wat klopt er niet?').fill('x');
    await card.evaluate((el) => el.querySelector('textarea').removeAttribute('minlength'));
    await card.getByRole('button', { name: 'Verstuur' }).click();
    await page.getByText('Schrijf kort wat er niet klopt').waitFor();
    await checkScreen(page, 'client-dispute-refused');
    if (!(await card.locator('details').evaluate((d) => d.open))) await card.getByText('Niet akkoord').click();
    await card.getByLabel('Wat klopt er niet?').fill('Ahmed was er maar één uur.');
    await card.getByRole('button', { name: 'Verstuur' }).click();
    await page.locator('article.prestatie', { hasText: '2 u 00 min' }).waitFor({ state: 'detached' });
    const decided = page.locator('ul.entries li.entry', { hasText: '2 u 00 min' });
    assert.match(await decided.innerText(), /Betwist/);
    assert.equal(Number(await page.locator('.balance').getAttribute('data-balance')), before);
    await checkScreen(page, 'client-after-dispute');

    // Her Cheques tab: what she bought, what expired unused last year.
    await page.getByRole('link', { name: 'Cheques', exact: true }).click();
    await page.waitForURL('**/client/cheques');
    assert.equal(Number(await page.locator('.balance').getAttribute('data-balance')), before);
    const batches = page.locator('li.batch');
    assert.equal(await batches.count(), 2);
    assert.match(await page.locator('ul.batches').innerText(), /Vervallen: 3 cheques niet gebruikt/);
    assert.match(await page.locator('ul.batches').innerText(), /Nog \d+ · geldig tot \S/);
    assert.match(await page.locator('ul.ledger').innerText(), /Vervallen \(aankoop van/);
    await checkScreen(page, 'client-cheques');
    // The one refusal asked for above.
    page.errors = page.errors.filter((e) => !/422/.test(e));
    assertNoErrors(page);
    await page.context().close();
  });
});

test('confirmed without enough cheques it waits; the bemiddelaar records a purchase that pays it; the attest holds the year', async () => {
  await withServer(async (server, browser) => {
    // Kevin enters two hours of yesterday for Roger, who has one cheque.
    const kevin = await phonePage(browser);
    await login(kevin, server.base, 'kevin@demo.test');
    await kevin.waitForURL('**/worker');
    await kevin.goto(`${server.base}/worker/hours/new`);
    await waitForHydration(kevin);
    const select = kevin.getByLabel('Opdracht');
    const option = select.locator('option', { hasText: 'Roger Van Damme' });
    await select.selectOption(await option.getAttribute('value'));
    const yesterday = await kevin.evaluate(() =>
      new Date(Date.now() - 86400000).toLocaleDateString('sv-SE', { timeZone: 'Europe/Brussels' }));
    await kevin.getByLabel('Datum').fill(yesterday);
    await kevin.getByLabel('Begonnen om').fill('09:00');
    await kevin.getByLabel('Gestopt om').fill('11:00');
    await kevin.getByRole('button', { name: 'Bewaar' }).click();
    await kevin.waitForURL('**/worker/hours?saved=1');
    await kevin.context().close();

    const roger = await phonePage(browser);
    await login(roger, server.base, 'roger@demo.test');
    await roger.waitForURL('**/client');
    await waitForHydration(roger);
    assert.equal(await roger.locator('.balance').getAttribute('data-balance'), '1');
    const card = roger.locator('article.prestatie', { hasText: '2 u 00 min' });
    // What, when, by whom, what it costs, and that it will wait: before the tap.
    assert.match(await card.innerText(), /Gewerkt door Kevin[\s\S]*09:00–11:00\s*· 2 u 00 min[\s\S]*Kost 2 cheques/);
    assert.match(await card.innerText(), /Je hebt te weinig cheques voor deze prestatie/);
    await card.getByRole('button', { name: 'Bevestig' }).click();
    // Confirmed all the same: he is told it waits, for how many, and where to buy them.
    await roger.getByRole('status').filter({ hasText: 'Bevestigd. Deze prestatie wacht op 2 cheques: koop cheques bij je wijk-werkorganisatie.' }).waitFor();
    await roger.locator('article.prestatie').waitFor({ state: 'detached' });
    assert.match(await roger.locator('.owed-notice').last().innerText(), /1 prestatie wacht op 2 cheques\. Koop er minstens zoveel/);
    const line = roger.locator('ul.entries li.entry', { hasText: '2 u 00 min' });
    assert.match(await line.innerText(), /Bevestigd[\s\S]*Wacht op 2 cheques/);
    assert.equal(await roger.locator('.balance').getAttribute('data-balance'), '1');
    await checkScreen(roger, 'client-waits-for-cheques');

    // The bemiddelaar, on her phone: Roger waits for cheques; she records his purchase.
    const sofie = await phonePage(browser);
    await login(sofie, server.base, 'sofie@demo.test');
    await sofie.waitForURL('**/coordinator');
    const owing = sofie.locator('li.owing', { hasText: 'Roger Van Damme' });
    assert.match(await owing.innerText(), /1 prestatie bevestigd, wacht op 2 cheques/);
    const figures = sofie.locator('table.figures');
    assert.match(await figures.innerText(), /Gavere/);
    await checkScreen(sofie, 'coordinator-home-cheques');
    await owing.getByRole('link').click();
    await sofie.waitForURL(/\/coordinator\/clients\/\d+$/);
    await waitForHydration(sofie);
    await sofie.getByLabel('Aantal cheques').fill('5');
    await checkScreen(sofie, 'coordinator-purchase');
    await sofie.getByRole('button', { name: 'Aankoop noteren' }).click();
    await sofie.getByRole('status').filter({ hasText: 'Aankoop genoteerd. 1 prestatie die op cheques wachtte is nu betaald.' }).waitFor();
    await sofie.waitForFunction(() => document.querySelector('.balance')?.dataset.balance === '4');
    assertNoErrors(sofie);
    await sofie.context().close();

    // Roger's Cheques tab: 1 + 5 − 2; the payment in the history; the year's attest.
    await roger.goto(`${server.base}/client/cheques`);
    await waitForHydration(roger);
    assert.equal(await roger.locator('.balance').getAttribute('data-balance'), '4');
    assert.equal(await roger.locator('li.batch').count(), 2);
    assert.match(await roger.locator('ul.ledger').innerText(), /Prestatie van Kevin/);
    const price = cents(await roger.getByText('Eén cheque kost nu').innerText());
    await checkScreen(roger, 'client-cheques-paid');
    const year = await roger.evaluate(() =>
      new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Brussels' }).slice(0, 4));
    const [download] = await Promise.all([
      roger.waitForEvent('download'),
      roger.getByRole('link', { name: `Fiscaal attest ${year} (PDF)` }).click(),
    ]);
    const text = await pdfText(await download.path());
    assert.match(text, new RegExp(`Fiscaal attest wijk-werkcheques ${year}`));
    assert.match(text, /Gebruiker: Roger Van Damme/);
    assert.match(text, /Gebruikersnummer: G\d+/);
    assert.match(text, /Gebruikte wijk-werkcheques: 2/);
    const paid = /Betaald voor deze cheques: (.*)/.exec(text);
    assert.ok(paid, text);
    assert.equal(cents(paid[1]), 2 * price, text);

    const csv = await roger.request.get(`${server.base}/client/attest/${year}.csv`);
    assert.equal(csv.status(), 200);
    const rows = (await csv.text()).trim().split(/\r?\n/);
    assert.equal(rows.length, 2, rows.join('\n'));
    // A byte-order mark first, so a spreadsheet reads the accents of names as UTF-8.
    assert.deepEqual([...(await csv.body()).subarray(0, 3)], [0xef, 0xbb, 0xbf]);
    assert.match(rows[0], /^betaald op;gewerkt op;wijk-werker;activiteit;uren;cheques;bedrag \(EUR\)$/);
    assert.match(rows[1], new RegExp(`^\\d{4}-\\d\\d-\\d\\d;${yesterday};Kevin;[^;]+;2,00;2;\\d+,\\d\\d$`));
    assert.equal(cents(`€${rows[1].split(';')[6]}`), 2 * price);
    assertNoErrors(roger);
    await roger.context().close();
  });
});

// The month from the issuer's statement and the paper cheques to the payment run, on a phone:
// the organisation's account and a worker's IBAN; last month's run closed into a SEPA file and
// a statement per worker, which the worker opens on Mijn uren; the issuer's statement read in
// with its columns; paper cheques typed on the worker's phone for a prestatie that waited for
// cheques. Every new screen in Dutch, French and English at 390x844 (axe, 44 px targets).
//
// The server's demo data is placed around the first day of this month (WIJKWERK_DEMO_DAY), so
// last month always has confirmed prestaties to pay, whatever day the tests run.
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

/// Today in Brussels as "YYYY-MM-DD".
function brusselsToday() {
  return new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Brussels' });
}

const today = brusselsToday();
const firstOfMonth = `${today.slice(0, 7)}-01`;
const lastMonth = (() => {
  const [y, m] = today.split('-').map(Number);
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
})();

before(async () => {
  server = await startServer({ env: { WIJKWERK_DEMO_DAY: firstOfMonth } });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

async function as(email, landing, lang = 'nl') {
  const page = await phonePage(browser);
  await login(page, server.base, email);
  await page.waitForURL(`**${landing}`);
  if (lang !== 'nl') {
    await page.context().addCookies([{ name: 'wijkwerk_lang', value: lang, url: server.base }]);
  }
  return page;
}

test("last month's payment run is closed into a bank file and a statement per worker", async () => {
  const sofie = await as('sofie@demo.test', '/coordinator');
  // The organisation's account, in Organisatie-instellingen.
  await sofie.goto(`${server.base}/coordinator/settings`);
  await waitForHydration(sofie);
  const bank = sofie.locator('.bank-form');
  await bank.getByLabel('IBAN (BE…)').fill('BE71 0961 2345 6769');
  await bank.getByLabel('BIC').fill('GKCCBEBB');
  await bank.getByRole('button', { name: 'Rekening bewaren' }).click();
  await sofie.getByRole('status').getByText('Bewaard.').first().waitFor();

  // Ahmed's IBAN on his page; a wrong one is refused in words first.
  await sofie.goto(`${server.base}/coordinator/workers`);
  await sofie.getByRole('link', { name: /Ahmed/ }).first().click();
  await sofie.waitForURL('**/coordinator/workers/*');
  await waitForHydration(sofie);
  const iban = sofie.locator('.iban-form');
  await iban.getByLabel('IBAN (BE…)').fill('BE68 5390 0754 7035');
  await iban.getByRole('button', { name: 'Rekeningnummer bewaren' }).click();
  await sofie.getByRole('alert').getByText('geen geldig Belgisch rekeningnummer').waitFor();
  sofie.errors = sofie.errors.filter((e) => !/422/.test(e));
  await iban.getByLabel('IBAN (BE…)').fill('BE68 5390 0754 7034');
  await iban.getByRole('button', { name: 'Rekeningnummer bewaren' }).click();
  await sofie.locator('p.iban', { hasText: 'BE68 •••• •••• 7034' }).waitFor();
  await checkScreen(sofie, 'payments-worker-iban');

  // Last month's run: Ahmed's line is a transfer, the others wait for an IBAN.
  await sofie.goto(`${server.base}/coordinator/payments?month=${lastMonth}`);
  await waitForHydration(sofie);
  await sofie.getByRole('heading', { name: /^Uitbetaling / }).waitFor();
  const ahmed = sofie.locator('li.run-line', { hasText: 'Ahmed' });
  await ahmed.getByText('BE68 •••• •••• 7034').waitFor();
  assert.ok(await sofie.locator('li.run-line.waits').count() > 0, 'lines without an IBAN wait');
  await checkScreen(sofie, 'payments-run-open');
  const total = Number(await sofie.locator('.run-total').getAttribute('data-total-cents'));
  assert.equal(total, Number(await ahmed.locator('strong').getAttribute('data-cents')));
  await sofie.getByRole('button', { name: 'Uitbetaling afsluiten' }).click();
  await sofie.locator('.run-state', { hasText: 'Afgesloten op' }).waitFor();
  await checkScreen(sofie, 'payments-run-closed');
  const xml = await (await sofie.request.get(`${server.base}/coordinator/payments/${lastMonth}.xml`)).text();
  assert.match(xml, /urn:iso:std:iso:20022:tech:xsd:pain\.001\.001\.09/);
  assert.match(xml, /<NbOfTxs>1<\/NbOfTxs>/);
  assert.ok(xml.includes(`<CtrlSum>${(total / 100).toFixed(2)}</CtrlSum>`), xml);
  assert.ok(xml.includes('<IBAN>BE68539007547034</IBAN>'));
  const statementHref = await sofie
    .locator('li.run-line', { hasText: 'Ahmed' })
    .getByRole('link', { name: 'Afrekening (PDF)' })
    .getAttribute('href');
  const statement = await sofie.request.get(`${server.base}${statementHref}`);
  assert.equal(statement.status(), 200);
  assert.equal(statement.headers()['content-type'], 'application/pdf');
  for (const lang of ['fr', 'en']) {
    await sofie.context().addCookies([{ name: 'wijkwerk_lang', value: lang, url: server.base }]);
    await sofie.goto(`${server.base}/coordinator/payments?month=${lastMonth}`);
    await waitForHydration(sofie);
    await sofie.locator('.run-state').waitFor();
    await checkScreen(sofie, `payments-run-${lang}`);
  }
  assertNoErrors(sofie);
  await sofie.context().close();

  // Ahmed sees the payment on Mijn uren, with his statement.
  for (const lang of ['nl', 'fr', 'en']) {
    const page = await as('ahmed@demo.test', '/worker', lang);
    await page.goto(`${server.base}/worker/hours`);
    await waitForHydration(page);
    const link = page.locator('a.payment-statement');
    await link.waitFor();
    const pdf = await page.request.get(`${server.base}${await link.getAttribute('href')}`);
    assert.equal(pdf.status(), 200);
    await checkScreen(page, `payments-worker-hours-${lang}`);
    assertNoErrors(page);
    await page.context().close();
  }
});

test("the issuer's statement is read in with its columns chosen", async () => {
  const sofie = await as('sofie@demo.test', '/coordinator');
  for (const lang of ['fr', 'en', 'nl']) {
    await sofie.context().addCookies([{ name: 'wijkwerk_lang', value: lang, url: server.base }]);
    await sofie.goto(`${server.base}/coordinator/cheques`);
    await waitForHydration(sofie);
    await sofie.locator('.reconciliation').waitFor();
    await checkScreen(sofie, `cheques-desk-${lang}`);
  }
  const csv = `aankoopdatum;gebruikersnummer;aantal;prijs\n${firstOfMonth};G00001;3;7,45\n`;
  await sofie.getByLabel('Bestand van de uitgever (CSV of XLSX)').setInputFiles({
    name: 'afrekening.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(csv),
  });
  await sofie.getByRole('button', { name: 'Bestand lezen' }).click();
  await sofie.waitForURL('**/coordinator/cheques/statement/*');
  await waitForHydration(sofie);
  assert.equal(await sofie.getByLabel('Gebruikersnummer').inputValue(), '1');
  await checkScreen(sofie, 'cheques-statement-mapping');
  await sofie.getByRole('button', { name: 'Inlezen' }).click();
  await sofie.getByRole('status').getByText('Ingelezen: 1 aankoop, samen 3 cheques.').waitFor();
  await checkScreen(sofie, 'cheques-statement-imported');
  assertNoErrors(sofie);
  await sofie.context().close();
});

test("paper cheques are typed on the worker's phone for a prestatie that waited for cheques", async () => {
  // Kevin worked 2 hours at Roger's on the first of the month; Roger (one cheque) confirms:
  // it waits for two cheques, which Roger gave on paper.
  const kevin = await as('kevin@demo.test', '/worker');
  await kevin.goto(`${server.base}/worker/hours/new`);
  await waitForHydration(kevin);
  const select = kevin.getByLabel('Opdracht');
  const option = select.locator('option', { hasText: 'Roger Van Damme' }).first();
  await select.selectOption(await option.getAttribute('value'));
  await kevin.getByLabel('Datum').fill(firstOfMonth);
  await kevin.getByLabel('Begonnen om').fill('06:00');
  await kevin.getByLabel('Gestopt om').fill('08:00');
  await kevin.getByRole('button', { name: 'Bewaar' }).click();
  await kevin.waitForURL('**/worker/hours?saved=1');
  await kevin.getByRole('status').filter({ hasText: 'Bewaard.' }).waitFor();

  const roger = await as('roger@demo.test', '/client');
  await waitForHydration(roger);
  const card = roger.locator('article.prestatie', { hasText: '06:00–08:00' });
  await card.getByRole('button', { name: 'Bevestig' }).click();
  await card.waitFor({ state: 'detached' });
  assertNoErrors(roger);
  await roger.context().close();

  await kevin.goto(`${server.base}/worker/hours`);
  await waitForHydration(kevin);
  await kevin.getByRole('link', { name: 'Papieren cheques ingeven' }).first().click();
  await kevin.waitForURL('**/worker/hours/*/cheques');
  await waitForHydration(kevin);
  const address = kevin.url();
  for (const lang of ['fr', 'en', 'nl']) {
    await kevin.context().addCookies([{ name: 'wijkwerk_lang', value: lang, url: server.base }]);
    await kevin.goto(address);
    await waitForHydration(kevin);
    await kevin.locator('form.paper-cheques').waitFor();
    await checkScreen(kevin, `paper-cheques-${lang}`);
  }
  await kevin.getByLabel('Nummer van cheque 1').fill('5100 0001');
  await kevin.getByLabel('Nummer van cheque 2').fill('5100 0001');
  await kevin.getByRole('button', { name: 'Cheques bewaren' }).click();
  await kevin.getByRole('alert').getByText('werd al eens ingegeven').waitFor();
  kevin.errors = kevin.errors.filter((e) => !/409/.test(e));
  await kevin.getByLabel('Nummer van cheque 2').fill('5100 0002');
  await kevin.getByRole('button', { name: 'Cheques bewaren' }).click();
  await kevin.waitForURL('**/worker/hours?saved=1');
  assert.equal(await kevin.getByRole('link', { name: 'Papieren cheques ingeven' }).count(), 0);
  assertNoErrors(kevin);
  await kevin.context().close();

  // The bemiddelaar finds them on this month's hand-in list.
  const sofie = await as('sofie@demo.test', '/coordinator');
  await sofie.goto(`${server.base}/coordinator/cheques`);
  await waitForHydration(sofie);
  const list = sofie.locator(`section.hand-in[data-month="${today.slice(0, 7)}"]`);
  assert.equal(Number(await list.locator('.hand-in-total').getAttribute('data-cents')), 2 * 745);
  const csv = await (await sofie.request.get(`${server.base}/coordinator/cheques/hand-in/${today.slice(0, 7)}.csv`)).text();
  assert.match(csv, /51000001/);
  assert.match(csv, /51000002/);
  assertNoErrors(sofie);
  await sofie.context().close();
});

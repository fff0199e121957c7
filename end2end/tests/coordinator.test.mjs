// The bemiddelaar's money screens, on a laptop and on a phone: the allowance rates set from a
// day on in Organisatie-instellingen (a typing mistake refused in words, the planned change
// listed, this month's export unchanged), the cheque price of a municipality, the month's
// Vergoedingen per cheque earned with their totals, downloaded as XLSX and CSV; and the
// disputes settled in Te bekijken.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
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

/// The Brussels month of the demo's confirmed prestatie of Ahmed (1 u 30, nine days ago).
function demoMonth() {
  const nineDaysAgo = new Date(Date.now() - 9 * 24 * 3600 * 1000);
  return nineDaysAgo.toLocaleDateString('sv-SE', { timeZone: 'Europe/Brussels' }).slice(0, 7);
}

/// The first day of next month in Brussels, as the rates form proposes it ("2027-01-01").
function nextMonthFirst() {
  const [y, m] = new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Brussels' }).split('-').map(Number);
  return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
}

for (const [size, viewport, rate] of [['laptop', LAPTOP, '4,50'], ['phone', null, '4,80']]) {
  test(`new allowance rates from a day on leave the month's export as it was, downloaded as XLSX and CSV (${size})`, async () => {
    const page = viewport
      ? await pageIn(await browser.newContext({ viewport, locale: 'nl-BE', timezoneId: 'Europe/Brussels', acceptDownloads: true }))
      : await phonePage(browser);
    await login(page, server.base, 'sofie@demo.test');
    await page.waitForURL('**/coordinator');
    const month = demoMonth();

    await page.getByRole('link', { name: 'Instellingen' }).click();
    await page.waitForURL('**/coordinator/settings');
    await waitForHydration(page);
    await page.getByRole('heading', { name: 'Organisatie-instellingen' }).waitFor();
    await page.locator('.rates-form').waitFor();
    await checkScreen(page, `coordinator-settings-${size}`);
    const form = page.locator('.rates-form');
    assert.equal(await form.getByLabel('Vanaf').inputValue(), nextMonthFirst());
    // A typing mistake is refused in words, and nothing changes.
    await form.getByLabel('Vergoeding (euro)').fill('450');
    await form.getByRole('button', { name: 'Tarieven instellen' }).click();
    await page.getByRole('alert').getByText('Vul de vergoeding in euro in').waitFor();
    // The refusal's 422 is the browser's console line for it, not a fault.
    page.errors = page.errors.filter((e) => !/422/.test(e));
    await form.getByLabel('Vergoeding (euro)').fill(rate);
    await form.getByRole('button', { name: 'Tarieven instellen' }).click();
    await page.getByRole('status').getByText('Bewaard').first().waitFor();
    // Kept, and listed as a change from next month on; today's rates stay.
    await page.reload();
    await waitForHydration(page);
    await page.locator('.rates-history li', { hasText: `€ ${rate} per cheque` }).waitFor();
    await page.locator('.rates-today', { hasText: '€ 4,10 per cheque' }).waitFor();

    await page.goto(`${server.base}/coordinator/allowances?month=${month}`);
    await page.getByRole('heading', { name: /^Vergoedingen / }).waitFor();
    await checkScreen(page, `coordinator-allowances-${size}`);
    await page.getByText('€ 4,10 per cheque').first().waitFor();
    // Ahmed's 1 u 30 earned 2 cheques at the rate of its day: 2 × €4.10.
    const ahmed = page.locator('li.allowance-line', { hasText: 'Ahmed' });
    assert.equal(Number(await ahmed.locator('strong').getAttribute('data-cents')), 820);
    const lineCents = await page.locator('li.allowance-line strong').evaluateAll((els) =>
      els.map((el) => Number(el.dataset.cents)));
    const total = Number(await page.locator('.allowance-total').getAttribute('data-total-cents'));
    assert.equal(total, lineCents.reduce((a, b) => a + b, 0), 'the total is the sum of the lines');

    const [xlsx] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Download Excel (XLSX)' }).click(),
    ]);
    assert.equal(xlsx.suggestedFilename(), `vergoedingen-wijk-werken-scheldeland-${month}.xlsx`);
    const bytes = readFileSync(await xlsx.path());
    // An Office Open XML workbook is a zip archive holding the sheet.
    assert.deepEqual([...bytes.subarray(0, 4)], [0x50, 0x4b, 0x03, 0x04]);
    assert.ok(bytes.includes(Buffer.from('xl/worksheets/sheet1.xml')), 'a worksheet in the workbook');

    const csv = await page.request.get(`${server.base}/coordinator/allowances/${month}.csv`);
    assert.equal(csv.status(), 200);
    const rows = (await csv.text()).replace(/^\uFEFF/, '').trim().split(/\r?\n/).map((r) => r.split(';'));
    const ahmedRow = rows.find((r) => r[0].startsWith('Ahmed'));
    assert.equal(ahmedRow[3], '1,50');
    assert.equal(ahmedRow[4], '2');
    assert.equal(ahmedRow[9], '8,20');
    assert.equal(Number(rows.at(-1)[9].replace(',', '')), total);
    assertNoErrors(page);
    await page.context().close();
  });
}

test('a municipality gets a cheque price of its own from a 1 January on (phone)', async () => {
  const page = await phonePage(browser);
  await login(page, server.base, 'sofie@demo.test');
  await page.waitForURL('**/coordinator');
  await page.goto(`${server.base}/coordinator/settings`);
  await waitForHydration(page);
  const form = page.locator('.local-price-form');
  await form.getByLabel('Gemeente').selectOption({ label: 'Zulte' });
  await form.getByLabel('Nieuwe prijs').selectOption({ label: '€ 5,95' });
  const firstDay = await form.getByLabel('Vanaf').inputValue();
  assert.match(firstDay, /^\d{4}-01-01$/);
  await form.getByRole('button', { name: 'Prijs instellen' }).click();
  const zulte = page.locator('.municipality-prices li', { hasText: 'Zulte' });
  await zulte.getByText('€ 5,95 vanaf 1 januari').waitFor();
  await checkScreen(page, 'coordinator-municipality-price-phone');
  assertNoErrors(page);
  await page.context().close();
});

test('a dispute is settled in Te bekijken: confirmed on behalf of the gebruiker with a reason (laptop and phone)', async () => {
  const laptop = await pageIn(await browser.newContext({ viewport: LAPTOP, locale: 'nl-BE', timezoneId: 'Europe/Brussels' }));
  await login(laptop, server.base, 'sofie@demo.test');
  await laptop.waitForURL('**/coordinator');
  await laptop.getByRole('link', { name: 'Te bekijken' }).click();
  await laptop.waitForURL('**/coordinator/review');
  await waitForHydration(laptop);
  await laptop.getByRole('heading', { name: 'Te bekijken' }).waitFor();
  await checkScreen(laptop, 'coordinator-review-laptop');
  assertNoErrors(laptop);
  await laptop.context().close();

  const page = await phonePage(browser);
  await login(page, server.base, 'sofie@demo.test');
  await page.waitForURL('**/coordinator');
  await page.goto(`${server.base}/coordinator/review`);
  await waitForHydration(page);
  await checkScreen(page, 'coordinator-review-phone');
  // The demo's dispute: Kevin's 2 u 30 for the vzw.
  const card = page.locator('li.review-item', { hasText: 'Kevin' }).filter({ hasText: 'vzw De Buurtwinkel' });
  await card.getByText('Betwist door de gebruiker').waitFor();
  await card.getByLabel('Waarom bevestig je namens de gebruiker?').fill('De vzw belde: het was toch in orde.');
  await card.getByRole('button', { name: 'Bevestigen namens de gebruiker' }).click();
  await page.getByRole('status').getByText('Bevestigd namens de gebruiker.').waitFor();
  await card.waitFor({ state: 'detached' });
  assertNoErrors(page);
  await page.context().close();
});

test('a dispute is settled with a correction of the hours, and the gebruiker pays the corrected hours (laptop and phone)', async () => {
  // Maria disputes Ahmed's 2 u: "he was here one hour".
  const maria = await phonePage(browser);
  await login(maria, server.base, 'maria@demo.test');
  await maria.waitForURL('**/client');
  await waitForHydration(maria);
  const before = Number(await maria.locator('.balance').getAttribute('data-balance'));
  const pending = maria.locator('article.prestatie', { hasText: '2 u 00 min' });
  await pending.getByText('Niet akkoord').click();
  await pending.getByLabel('Wat klopt er niet?').fill('Ahmed was er maar één uur.');
  await pending.getByRole('button', { name: 'Verstuur' }).click();
  await pending.waitFor({ state: 'detached' });

  // On the laptop, the correction form opens in place, filled with the prestatie's hours.
  const laptop = await pageIn(await browser.newContext({ viewport: LAPTOP, locale: 'nl-BE', timezoneId: 'Europe/Brussels' }));
  await login(laptop, server.base, 'sofie@demo.test');
  await laptop.waitForURL('**/coordinator');
  await laptop.goto(`${server.base}/coordinator/review`);
  await waitForHydration(laptop);
  const wide = laptop.locator('li.review-item', { hasText: 'Ahmed' });
  await wide.getByText('Ahmed was er maar één uur.').waitFor();
  await wide.getByText('Corrigeren', { exact: true }).click();
  assert.equal(await wide.getByLabel('Begonnen om').inputValue(), '09:00');
  assert.equal(await wide.getByLabel('Gestopt om').inputValue(), '11:00');
  await checkScreen(laptop, 'coordinator-correct-laptop');
  assertNoErrors(laptop);
  await laptop.context().close();

  // On the phone: a correction without a reason is refused in words; with one it settles.
  const page = await phonePage(browser);
  await login(page, server.base, 'sofie@demo.test');
  await page.waitForURL('**/coordinator');
  await page.goto(`${server.base}/coordinator/review`);
  await waitForHydration(page);
  const card = page.locator('li.review-item', { hasText: 'Ahmed' });
  await card.getByText('Corrigeren', { exact: true }).click();
  await card.getByLabel('Gestopt om').fill('10:00');
  await card.getByLabel('Kilometers heen en terug').fill('3');
  const reason = card.getByLabel('Waarom corrigeer je?');
  await reason.fill('x');
  await reason.evaluate((el) => el.removeAttribute('minlength'));
  await card.getByRole('button', { name: 'Correctie opslaan' }).click();
  await page.getByRole('alert').getByText('Schrijf kort waarom').waitFor();
  await checkScreen(page, 'coordinator-correct-refused-phone');
  await reason.fill('Gebeld met Maria en Ahmed: het was één uur.');
  await card.getByRole('button', { name: 'Correctie opslaan' }).click();
  // Maria did not agree yet (the form's default): it goes back to her.
  await page.getByRole('status').getByText('Gecorrigeerd. De gebruiker moet de nieuwe uren nog bevestigen.').waitFor();
  await card.waitFor({ state: 'detached' });
  await checkScreen(page, 'coordinator-corrected-phone');
  // The refusal's 422 is the browser's console line for it, not a fault.
  page.errors = page.errors.filter((e) => !/422/.test(e));
  assertNoErrors(page);
  await page.context().close();

  // Maria sees the corrected hour among those to confirm, changed by the bemiddelaar, and
  // confirms it: paid with one cheque.
  await maria.reload();
  await waitForHydration(maria);
  const back = maria.locator('article.prestatie', { hasText: 'De bemiddelaar heeft deze uren aangepast.' });
  await back.waitFor();
  assert.match(await back.innerText(), /1 u 00 min/);
  await checkScreen(maria, 'client-corrected-to-confirm');
  await back.getByRole('button', { name: 'Bevestig' }).click();
  await back.waitFor({ state: 'detached' });
  await maria.waitForFunction(
    (b) => Number(document.querySelector('.balance')?.dataset.balance) === b,
    before - 1,
  );
  await checkScreen(maria, 'client-after-correction');
  assertNoErrors(maria);
  await maria.context().close();
});

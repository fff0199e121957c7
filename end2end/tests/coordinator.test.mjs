// The bemiddelaar's money screens, on a laptop and on a phone: the month's Vergoedingen with
// their totals, the hourly allowance changed in Organisatie-instellingen and the export
// following it, and the export downloaded as XLSX and CSV.
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

for (const [size, viewport, rate] of [['laptop', LAPTOP, '4,50'], ['phone', null, '4,80']]) {
  test(`a changed hourly allowance is followed by the month's export, downloaded as XLSX and CSV (${size})`, async () => {
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
    await checkScreen(page, `coordinator-settings-${size}`);
    // A typing mistake is refused in words, and nothing changes.
    await page.getByLabel('Vergoeding per uur (euro)').fill('450');
    await page.getByRole('button', { name: 'Instellingen bewaren' }).click();
    await page.getByRole('alert').getByText('Vul de vergoeding per uur in euro in').waitFor();
    // The refusal's 422 is the browser's console line for it, not a fault.
    page.errors = page.errors.filter((e) => !/422/.test(e));
    await page.getByLabel('Vergoeding per uur (euro)').fill(rate);
    await page.getByRole('button', { name: 'Instellingen bewaren' }).click();
    await page.getByRole('status').getByText('Bewaard').waitFor();
    // Kept: the page opened again shows it.
    await page.reload();
    await waitForHydration(page);
    assert.equal(await page.getByLabel('Vergoeding per uur (euro)').inputValue(), rate);

    await page.goto(`${server.base}/coordinator/allowances?month=${month}`);
    await page.getByRole('heading', { name: /^Vergoedingen / }).waitFor();
    await checkScreen(page, `coordinator-allowances-${size}`);
    const perHour = Number(rate.replace(',', '')); // cents
    await page.getByText(`€ ${rate} per uur`).waitFor();
    // Ahmed's 1 u 30 at the new rate, rounded to the cent.
    const ahmed = page.locator('li.allowance-line', { hasText: 'Ahmed' });
    assert.equal(Number(await ahmed.locator('strong').getAttribute('data-cents')), Math.floor((90 * perHour + 30) / 60));
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
    assert.equal(Number(ahmedRow[7].replace(',', '')), Math.floor((90 * perHour + 30) / 60));
    assert.equal(Number(rows.at(-1)[7].replace(',', '')), total);
    assertNoErrors(page);
    await page.context().close();
  });
}

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
  await card.getByLabel('Kilometers gereden').fill('3');
  const reason = card.getByLabel('Waarom corrigeer je?');
  await reason.fill('x');
  await reason.evaluate((el) => el.removeAttribute('minlength'));
  await card.getByRole('button', { name: 'Correctie opslaan' }).click();
  await page.getByRole('alert').getByText('Schrijf kort waarom').waitFor();
  await checkScreen(page, 'coordinator-correct-refused-phone');
  await reason.fill('Gebeld met Maria en Ahmed: het was één uur.');
  await card.getByRole('button', { name: 'Correctie opslaan' }).click();
  await page.getByRole('status').getByText('Gecorrigeerd. De uren en de cheques zijn aangepast.').waitFor();
  await card.waitFor({ state: 'detached' });
  await checkScreen(page, 'coordinator-corrected-phone');
  // The refusal's 422 is the browser's console line for it, not a fault.
  page.errors = page.errors.filter((e) => !/422/.test(e));
  assertNoErrors(page);
  await page.context().close();

  // Maria sees it corrected to one hour, paid with one cheque.
  await maria.reload();
  await waitForHydration(maria);
  const settled = maria.locator('ul.entries li.entry', { hasText: 'Gecorrigeerd' });
  await settled.waitFor();
  assert.match(await settled.innerText(), /1 u 00 min/);
  assert.equal(Number(await maria.locator('.balance').getAttribute('data-balance')), before - 1);
  await checkScreen(maria, 'client-after-correction');
  assertNoErrors(maria);
  await maria.context().close();
});

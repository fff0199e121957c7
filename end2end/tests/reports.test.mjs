// Rapport per gemeente on a laptop and on a phone: choose a municipality and the version for
// outside, read the figures and charts, download the CSV (its figures are the screen's) and
// open the printable page. axe-core and the tap-target check on each screen.
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

/// The CSV as rows of fields.
async function csvRows(page, href) {
  const answer = await page.request.get(new URL(href, server.base).href);
  assert.equal(answer.status(), 200);
  return (await answer.text()).replace(/^\uFEFF/, '').trim().split(/\r?\n/).map((r) => r.split(';'));
}

for (const [size, viewport] of [['laptop', LAPTOP], ['phone', null]]) {
  test(`the report per municipality: figures, the version for outside, the CSV and the printable page (${size})`, async () => {
    const page = viewport
      ? await pageIn(await browser.newContext({ viewport, locale: 'nl-BE', timezoneId: 'Europe/Brussels' }))
      : await phonePage(browser);
    await login(page, server.base, 'sofie@demo.test');
    await page.waitForURL('**/coordinator');
    await page.getByRole('link', { name: 'Rapport per gemeente' }).click();
    await page.waitForURL('**/coordinator/reports');
    await page.getByRole('heading', { name: 'Rapport per gemeente', level: 1 }).waitFor();
    // This year so far, all municipalities, the organisation's own version: with names.
    await page.getByRole('heading', { name: 'Wijk-werkers in deze periode' }).waitFor();
    assert.ok(await page.locator('tr[data-worker]').count() > 0, 'the workers of the period are listed');
    await checkScreen(page, `coordinator-report-${size}`);

    // One municipality, for outside: no names.
    const select = page.getByLabel('Gemeente');
    const options = await select.locator('option').evaluateAll((els) => els.map((e) => e.textContent));
    const municipality = options[1];
    await select.selectOption({ label: municipality });
    await page.getByLabel(/Versie voor buiten de organisatie/).check();
    await page.getByRole('button', { name: 'Toon het rapport' }).click();
    await page.waitForURL(/anonymous=true/);
    await page.getByText('Versie voor buiten de organisatie', { exact: false }).first().waitFor();
    assert.equal(await page.locator('tr[data-worker]').count(), 0, 'no names outside the organisation');
    assert.match(await page.locator('main').innerText(), new RegExp(municipality));
    await checkScreen(page, `coordinator-report-outside-${size}`);
    const active = (await page.locator('dd[data-figure="active"]').innerText()).trim();
    const minutes = Number(await page.locator('dd[data-figure="minutes"]').getAttribute('data-minutes'));

    // The CSV says what the screen says.
    const href = await page.getByRole('link', { name: 'Download CSV' }).getAttribute('href');
    const rows = await csvRows(page, href);
    assert.equal(rows[0][0], 'Wijk-werken Scheldeland');
    assert.match(rows[0][1], new RegExp(`Rapport per gemeente · ${municipality}`));
    const row = (label) => rows.find((r) => r[0] === label);
    assert.equal(row('Actieve wijk-werkers (in traject)')[1], active);
    assert.equal(row('Gewerkte uren')[1], `${Math.floor((minutes * 100 + 30) / 60 / 100)},${String(Math.floor((minutes * 100 + 30) / 60) % 100).padStart(2, '0')}`);
    assert.ok(!rows.some((r) => /Ahmed|Lien|Kevin|Fatima|Jozef/.test(r.join(' '))), 'no names in the file');

    // The printable page: the same figures, without the navigation and the form.
    await page.getByRole('link', { name: 'Afdrukbare versie' }).click();
    await page.waitForURL(/print=true/);
    await page.locator('dd[data-figure="active"]').waitFor();
    assert.equal((await page.locator('dd[data-figure="active"]').innerText()).trim(), active);
    assert.equal(await page.locator('form.report-form').count(), 0);
    assert.equal(await page.locator('nav.staff-nav').count(), 0);
    await checkScreen(page, `coordinator-report-print-${size}`);
    assertNoErrors(page);
    await page.context().close();
  });
}

// Offline for real: the server process is stopped (Playwright's setOffline does not reach the
// service worker), the app is opened cold from the phone, work is clocked and an offer answered,
// the app is closed and opened again, and when the server is back every action reaches the
// database exactly once, with the time of the tap.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, appendFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  startServer, launchBrowser, phonePage, pageIn, login, waitForHydration, checkScreen,
  assertNoErrors, sql,
} from './harness.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
let browser;

before(async () => {
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
});

/// Wait until `fn` (run in the page, may be async) answers something true. (Playwright's
/// waitForFunction takes a returned promise itself as true.)
async function until(page, fn, arg, timeout = 20_000) {
  const deadline = Date.now() + timeout;
  for (;;) {
    // A navigation (the reload under a new version) may interrupt a try: try again.
    if (await page.evaluate(fn, arg).catch(() => false)) return;
    if (Date.now() > deadline) throw new Error(`not true within ${timeout} ms: ${fn}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/// The service worker controls the page and keeps the worker's pages and data.
async function waitUntilKeptForOffline(page) {
  await until(page, async () => {
    const reg = await navigator.serviceWorker.getRegistration();
    if (!reg?.active || !navigator.serviceWorker.controller) return false;
    const pages = await caches.open('pages');
    for (const path of ['/worker', '/worker/assignments']) {
      if (!(await pages.match(path))) return false;
    }
    return true;
  });
}

/// Without the server, a page that cannot load a file says so in the console: expected here.
function withoutNetworkErrors(page) {
  page.errors = page.errors.filter((e) => !/ERR_CONNECTION_REFUSED|Failed to fetch|net::ERR_FAILED|503|500/.test(e));
}

test('offline: opened cold, clocked and answered offline, each action arrives once with its tap time', async () => {
  let server = await startServer();
  const kevinsEntries = () => sql(server.database,
    "SELECT COUNT(*) FROM time_entry t JOIN worker w ON w.id = t.worker_id WHERE w.first_name = 'Kevin'")[0][0];
  const entriesBefore = kevinsEntries();
  const first = await phonePage(browser);
  const phone = first.context();
  await login(first, server.base, 'kevin@demo.test');
  await first.waitForURL('**/worker');
  await waitForHydration(first);
  await waitUntilKeptForOffline(first);
  // The phone's copy of the screens' data, kept in the background once the service worker is
  // in charge (from the second page on).
  await first.reload();
  await waitForHydration(first);
  await until(first, async () => {
    const db = await new Promise((ok, fail) => {
      const r = indexedDB.open('wijkwerk', 1);
      r.onsuccess = () => ok(r.result);
      r.onerror = () => fail(r.error);
    });
    const n = await new Promise((ok) => {
      const r = db.transaction('data').objectStore('data').count();
      r.onsuccess = () => ok(r.result);
    });
    db.close();
    return n >= 3;
  });
  await first.close();

  // No network at all: the server is gone.
  await server.stop({ keep: true });

  let page = await pageIn(phone);
  await page.goto(`${server.base}/worker`);
  await waitForHydration(page);
  const card = page.locator('article.assignment', { hasText: 'Roger Van Damme' });
  await card.waitFor();
  await page.getByRole('link', { name: /1 nieuwe aanbieding/ }).waitFor();

  const taps = {};
  const tap = async (name) => {
    taps[name] = await page.evaluate(() => Date.now());
    await card.getByRole('button', { name }).click();
  };
  await tap('Start');
  const timer = card.locator('.timer');
  await timer.waitFor();
  const shownAfterMs = (await page.evaluate(() => Date.now())) - taps.Start;
  console.log(`# offline: Start to a visible running timer in ${shownAfterMs} ms`);
  await page.getByText('Offline', { exact: true }).waitFor();
  await page.getByText('1 actie nog niet verzonden.', { exact: false }).waitFor();
  await checkScreen(page, 'worker-offline-running');
  await page.waitForTimeout(1100);
  await tap('Pauze');
  await card.getByRole('button', { name: 'Verder' }).waitFor();
  await page.waitForTimeout(1100);
  await tap('Verder');
  await card.getByRole('button', { name: 'Pauze' }).waitFor();
  await page.waitForTimeout(1100);
  await tap('Stop');
  await timer.waitFor({ state: 'detached' });
  await page.getByText('4 acties nog niet verzonden.', { exact: false }).waitFor();

  // Opdrachten, from the phone's copy: the offer is answered offline too.
  await page.getByRole('link', { name: 'Opdrachten', exact: true }).click();
  await page.waitForURL('**/worker/assignments');
  const offer = page.locator('article.offer', { hasText: 'Lekkende kraan' });
  await offer.waitFor();
  await page.getByText(/Laatst bijgewerkt om \d\d:\d\d/).waitFor();
  taps.Aanvaarden = await page.evaluate(() => Date.now());
  await offer.getByRole('button', { name: 'Aanvaarden' }).click();
  await offer.waitFor({ state: 'detached' });
  await page.getByText('5 acties nog niet verzonden.', { exact: false }).waitFor();
  await checkScreen(page, 'worker-offline-offers');
  withoutNetworkErrors(page);
  assertNoErrors(page);
  await page.close();

  // Closed and opened again, still offline: nothing was lost, nothing runs.
  page = await pageIn(phone);
  await page.goto(`${server.base}/worker`);
  await waitForHydration(page);
  await page.getByText('5 acties nog niet verzonden.', { exact: false }).waitFor();
  await page.locator('article.assignment', { hasText: 'Roger Van Damme' })
    .getByRole('button', { name: 'Start' }).waitFor();
  assert.equal(await page.locator('.timer').count(), 0);
  withoutNetworkErrors(page);
  assertNoErrors(page);
  await page.close();

  // The server is back (same address, same database). The app opens and sends.
  server = await startServer({ again: server });
  page = await pageIn(phone);
  await page.goto(`${server.base}/worker`);
  await waitForHydration(page);
  await page.getByText('Alles is verzonden.').waitFor();
  assert.equal(await page.getByText(/nog niet verzonden/).count(), 0);

  const actions = sql(server.database,
    "SELECT kind, phone_tapped_at_ms, outcome, entry_id FROM sync_action ORDER BY phone_tapped_at_ms");
  assert.deepEqual(actions.map((a) => [a[0], a[2]]),
    [['start', 'applied'], ['pause', 'applied'], ['resume', 'applied'], ['stop', 'applied'], ['accept', 'applied']]);
  // The phone's own tap times, kept as tapped (the phone's clock is the server's here).
  const tapped = actions.map((a) => a[1]);
  const clicks = [taps.Start, taps.Pauze, taps.Verder, taps.Stop, taps.Aanvaarden];
  tapped.forEach((t, i) => assert.ok(Math.abs(t - clicks[i]) < 1000, `tap ${i}: ${t} vs ${clicks[i]}`));
  const entry = actions[0][3];
  const entries = sql(server.database,
    `SELECT COUNT(*), MIN(started_at), MIN(status) FROM time_entry WHERE id = ${entry}`);
  assert.equal(entries[0][0], 1);
  assert.equal(entries[0][2], 'submitted');
  // The prestatie started at the tap, not at the sync.
  const started = Date.parse(entries[0][1].replace(' ', 'T'));
  assert.ok(Math.abs(started - taps.Start) < 1000, `started ${entries[0][1]} vs tap ${taps.Start}`);
  assert.equal(kevinsEntries(), entriesBefore + 1, 'one prestatie, not two');
  const accepted = sql(server.database,
    "SELECT COUNT(*) FROM audit_event WHERE action = 'offer_accepted'");
  assert.equal(accepted[0][0], 1);

  // Opened once more: sent again? No, still once.
  await page.reload();
  await waitForHydration(page);
  await page.waitForTimeout(500);
  assert.equal(sql(server.database, 'SELECT COUNT(*) FROM sync_action')[0][0], 5);
  assert.equal(kevinsEntries(), entriesBefore + 1);
  assertNoErrors(page);
  await phone.close();
  await server.stop();
});

test('offline right after the first visit: another screen opens from the service worker\'s copy, with its time', async () => {
  const server = await startServer();
  const first = await phonePage(browser);
  const phone = first.context();
  await login(first, server.base, 'kevin@demo.test');
  await first.waitForURL('**/worker');
  await waitForHydration(first);
  await waitUntilKeptForOffline(first);
  // Only the first page: the other screens' data is in the service worker's copies of their
  // pages, not yet in IndexedDB.
  const copied = await first.evaluate(async () => {
    const db = await new Promise((ok) => { const r = indexedDB.open('wijkwerk', 1); r.onsuccess = () => ok(r.result); });
    const keys = await new Promise((ok) => { const r = db.transaction('data').objectStore('data').getAllKeys(); r.onsuccess = () => ok(r.result); });
    db.close();
    return keys;
  });
  assert.ok(!copied.includes('my_assignments'), `no copy of Opdrachten yet: ${copied}`);
  await first.close();
  await server.stop({ keep: true });

  // A minute later, without network: the page is a copy, and says how old it is.
  const page = await pageIn(phone);
  await page.clock.setFixedTime(Date.now() + 60_000);
  // A cheap phone: the screen's own code (a lazy island) may wake after the outbox's first
  // round has asked the screens to reload; the copy must still say how old it is.
  const cdp = await phone.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 6 });
  await page.goto(`${server.base}/worker/assignments`);
  await waitForHydration(page);
  await page.locator('article.offer', { hasText: 'Lekkende kraan' }).waitFor();
  await page.getByText(/Laatst bijgewerkt om \d\d:\d\d/).waitFor();
  assert.equal(await page.getByRole('alert').count(), 0, 'no error in place of the offers');
  withoutNetworkErrors(page);
  assertNoErrors(page);
  await phone.close();
  await server.stop();
});

test('the app is installable: manifest, icons and service worker pass Chromium\'s check', async () => {
  const server = await startServer();
  const page = await phonePage(browser);
  await login(page, server.base, 'ahmed@demo.test');
  await page.waitForURL('**/worker');
  await waitUntilKeptForOffline(page);
  const cdp = await page.context().newCDPSession(page);
  const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
  // A non-persistent browser context always reports 'in-incognito': nothing about the app.
  const errors = installabilityErrors.filter((e) => e.errorId !== 'in-incognito');
  assert.deepEqual(errors, []);
  const manifest = await cdp.send('Page.getAppManifest');
  assert.deepEqual(manifest.errors, []);
  assert.match(manifest.data, /"display": "standalone"/);
  assertNoErrors(page);
  await page.context().close();
  await server.stop();
});

test('a new version waits while the outbox holds actions, and takes over after they are sent and "Vernieuwen"', async () => {
  let server = await startServer();
  const page = await phonePage(browser);
  await login(page, server.base, 'lien@demo.test');
  await page.waitForURL('**/worker');
  await waitForHydration(page);
  await waitUntilKeptForOffline(page);
  const oldCache = await page.evaluate(async () => (await caches.keys()).find((k) => k.startsWith('shell-')));

  // A new build on the server: another stylesheet, so another version of the service worker.
  const site = mkdtempSync(join(tmpdir(), 'wijkwerk-site-'));
  cpSync(join(root, 'target', 'site'), site, { recursive: true, preserveTimestamps: true });
  appendFileSync(join(site, 'pkg', 'wijkwerk.css'), '\n/* the next build */\n');
  await server.stop({ keep: true });
  server = await startServer({ again: server, siteRoot: site });

  // The phone's sends fail for now (a bad connection), the service worker's background sync's
  // too: the Start stays in the outbox.
  await page.context().route('**/api/sync', (route) => route.abort());
  const card = page.locator('article.assignment', { hasText: 'Basisschool De Regenboog' });
  await card.getByRole('button', { name: 'Start' }).click();
  await page.getByText('1 actie nog niet verzonden.', { exact: false }).waitFor();
  await page.evaluate(async () => (await navigator.serviceWorker.getRegistration()).update());
  await until(page, async () => !!(await navigator.serviceWorker.getRegistration()).waiting);
  await page.waitForTimeout(500);
  assert.equal(await page.getByRole('button', { name: 'Vernieuwen' }).count(), 0,
    'no switch while the outbox holds actions');

  // The connection is back: the outbox empties, then the new version is offered.
  await page.context().unroute('**/api/sync');
  await page.evaluate(() => window.dispatchEvent(new Event('online')));
  await page.getByText('Alles is verzonden.').waitFor();
  await page.getByText('Nieuwe versie van de app.').waitFor();
  await checkScreen(page, 'worker-new-version');
  await page.getByRole('button', { name: 'Vernieuwen' }).click();
  await page.waitForURL('**/worker');
  await until(page, async (old) => {
    const keys = await caches.keys();
    const reg = await navigator.serviceWorker.getRegistration();
    return !reg.waiting && !keys.includes(old) && keys.some((k) => k.startsWith('shell-'));
  }, oldCache, 60_000); // a reload and a new shell: slow on a busy 2-core machine
  await waitForHydration(page);
  await card.locator('.timer').waitFor();
  page.errors = page.errors.filter((e) => !/ERR_FAILED|Failed to fetch/.test(e));
  assertNoErrors(page);
  await page.context().close();
  await server.stop();
  rmSync(site, { recursive: true, force: true });
});

// A server under a rush answers the phone "busy" (503 with Retry-After) at once. The phone keeps
// the tap, says the server is busy (not that it is offline), asks again no sooner than the
// server said and with growing waits, and delivers the tap exactly once when it can.
// The rush is the server started with no place for any request (WIJKWERK_BUSY_AT_WORK=0), so
// every answer is the real busy answer; server::shedding's own test makes a real rush.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  startServer, launchBrowser, phonePage, login, waitForHydration, checkScreen, assertNoErrors, sql,
} from './harness.mjs';

let browser;

before(async () => {
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
});

test('busy: the Start is kept, asked again after Retry-After with growing waits, and counted once', async () => {
  let server = await startServer();
  const page = await phonePage(browser);
  await login(page, server.base, 'ahmed@demo.test');
  await page.waitForURL('**/worker');
  await waitForHydration(page);
  const ahmedsClocks = () => sql(server.database,
    "SELECT COUNT(*) FROM sync_action a JOIN worker w ON w.id = a.worker_id WHERE w.first_name = 'Ahmed' AND a.kind = 'start'")[0][0];
  assert.equal(ahmedsClocks(), 0);

  // The same server, now with no place for anyone: every request is answered busy.
  await server.stop({ keep: true });
  server = await startServer({
    again: server,
    env: { WIJKWERK_BUSY_AT_WORK: '0', WIJKWERK_BUSY_WAITING: '0' },
  });
  const busy = [];
  page.on('response', (response) => {
    if (new URL(response.url()).pathname === '/api/sync') {
      busy.push({ at: Date.now(), status: response.status(), retryAfter: response.headers()['retry-after'] });
    }
  });

  const card = page.locator('article.assignment', { hasText: 'Maria Peeters' });
  await card.getByRole('button', { name: 'Start' }).click();
  await card.locator('.timer').waitFor();
  await page.getByText('Even druk: je telefoon probeert het zo opnieuw').waitFor();
  await page.getByText('1 actie nog niet verzonden.', { exact: false }).waitFor();
  await checkScreen(page, 'worker-server-busy');

  // Three busy answers: the first at the tap, then after the server's second at the least,
  // each wait drawn from a range that doubles (1–2 s, 2–4 s).
  const deadline = Date.now() + 20_000;
  while (busy.length < 3 && Date.now() < deadline) await page.waitForTimeout(100);
  assert.ok(busy.length >= 3, `three tries within 20 s: ${JSON.stringify(busy)}`);
  for (const answer of busy) {
    assert.equal(answer.status, 503);
    assert.equal(answer.retryAfter, '1');
  }
  const waits = busy.slice(1, 3).map((b, i) => b.at - busy[i].at);
  assert.ok(waits[0] >= 950, `the first wait honours Retry-After: ${waits}`);
  assert.ok(waits[1] >= 1_950, `the second wait is longer: ${waits}`);
  assert.equal(ahmedsClocks(), 0, 'nothing arrived while the server was busy');

  // The rush is over: the next try delivers the Start, once.
  await server.stop({ keep: true });
  server = await startServer({ again: server });
  await page.getByText('Alles is verzonden', { exact: false }).waitFor({ timeout: 30_000 });
  await page.getByText('Even druk', { exact: false }).waitFor({ state: 'detached' });
  assert.equal(ahmedsClocks(), 1, 'the Start arrived once');
  // Without the server in between, the page logged the failed loads: expected here.
  page.errors = page.errors.filter((e) => !/ERR_CONNECTION_REFUSED|Failed to fetch|net::ERR_FAILED|503/.test(e));
  assertNoErrors(page);
  await page.context().close();
  await server.stop();
});

// Measures what a phone downloads: the bytes transferred (as served: compressed, headers
// included) for a first visit of the login page and of each role's home, and for a repeat
// visit of the worker's home (the app's shell should come from the service worker: 0 bytes).
// `make measure` runs it against the release build; the README's performance section quotes it.
import { startServer, launchBrowser, phonePage, pageIn, login, waitForHydration } from './tests/harness.mjs';

async function transferred(page, action) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  const sizes = new Map();
  const fromWorker = new Set();
  cdp.on('Network.responseReceived', (e) => {
    if (e.response.fromServiceWorker) fromWorker.add(e.requestId);
    sizes.set(e.requestId, { url: e.response.url, bytes: 0 });
  });
  cdp.on('Network.loadingFinished', (e) => {
    const s = sizes.get(e.requestId);
    if (s && !fromWorker.has(e.requestId)) s.bytes = e.encodedDataLength;
  });
  // What the service worker itself fetches meanwhile (its precache when it installs): the
  // phone downloads it too, so it is counted, apart.
  const workerFetches = [];
  const onWorkerFetch = (request) => {
    if (request.serviceWorker()) workerFetches.push(request.sizes().then((s) => s.responseBodySize + s.responseHeadersSize, () => 0));
  };
  page.context().on('requestfinished', onWorkerFetch);
  await action();
  await page.waitForTimeout(1500);
  page.context().off('requestfinished', onWorkerFetch);
  await cdp.detach();
  const byKind = {};
  let total = 0;
  for (const { url, bytes } of sizes.values()) {
    const path = new URL(url).pathname;
    const kind = path.startsWith('/api/') ? 'api' : path.split('.').pop().slice(0, 8) || 'html';
    byKind[kind] = (byKind[kind] || 0) + bytes;
    total += bytes;
  }
  const serviceWorker = (await Promise.all(workerFetches)).reduce((a, b) => a + b, 0);
  return { total, byKind, serviceWorker };
}

const server = await startServer();
const browser = await launchBrowser();
const page = await phonePage(browser);
const loginVisit = await transferred(page, async () => {
  await page.goto(`${server.base}/login`);
  await waitForHydration(page);
});
const line = (name, m) => console.log(`${name.padEnd(26)} ${String(m.total).padStart(9)} B  ${JSON.stringify(m.byKind)}  service worker: ${m.serviceWorker} B`);
line('login, first visit', loginVisit);
// Each role's home on a phone that has never loaded the app: logged in elsewhere, the session
// cookie copied over, so the visit starts without the shell.
for (const [role, email, path] of [
  ['worker', 'ahmed@demo.test', '/worker'],
  ['gebruiker', 'maria@demo.test', '/client'],
  ['coordinator', 'sofie@demo.test', '/coordinator'],
]) {
  const logged = await phonePage(browser);
  await login(logged, server.base, email);
  await logged.waitForURL(`**${path}`);
  await waitForHydration(logged);
  await logged.waitForTimeout(3000);
  const fresh = await pageIn(await browser.newContext({ viewport: { width: 390, height: 844 } }));
  await fresh.context().addCookies(await logged.context().cookies());
  const first = await transferred(fresh, async () => {
    await fresh.goto(`${server.base}${path}`);
    await waitForHydration(fresh);
  });
  line(`${role} home, first`, first);
  if (role === 'worker') {
    // Again on the phone that has the app: its shell comes from the service worker.
    const again = await pageIn(logged.context());
    const repeat = await transferred(again, async () => {
      await again.goto(`${server.base}${path}`);
      await waitForHydration(again);
    });
    line('worker home, repeat', repeat);
  }
  await logged.context().close();
  await fresh.context().close();
}
await browser.close();
await server.stop();

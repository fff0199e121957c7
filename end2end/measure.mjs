// Measures what a phone downloads: the bytes transferred (as served: compressed, headers
// included) for a first visit of the login page and of the worker's home, and for a repeat
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
await login(page, server.base, 'ahmed@demo.test');
await page.waitForURL('**/worker');
await waitForHydration(page);
await page.waitForTimeout(3000);
const fresh = await pageIn(await browser.newContext({ viewport: { width: 390, height: 844 } }));
// The worker's home on a phone that has never loaded the app: log in without the shell first.
await fresh.context().addCookies(await page.context().cookies());
const homeFirst = await transferred(fresh, async () => {
  await fresh.goto(`${server.base}/worker`);
  await waitForHydration(fresh);
});
const again = await pageIn(page.context());
const homeRepeat = await transferred(again, async () => {
  await again.goto(`${server.base}/worker`);
  await waitForHydration(again);
});
const line = (name, m) => console.log(`${name.padEnd(22)} ${String(m.total).padStart(9)} B  ${JSON.stringify(m.byKind)}  service worker: ${m.serviceWorker} B`);
line('login, first visit', loginVisit);
line('worker home, first', homeFirst);
line('worker home, repeat', homeRepeat);
await browser.close();
await server.stop();

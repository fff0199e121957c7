// A bundle per role: each person's phone downloads the code of their own screens and never
// another role's. The split build lists, per lazy island and lazy function, the files its code
// is in (`pkg/__wasm_split_manifest.json`, named `worker_…`, `staff_…`, `client_…`); a file
// that only another role's screens need must not be fetched by this role's first visit of all
// its screens — neither by the page nor by the service worker's precache.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, phonePage, login, waitForHydration, assertNoErrors } from './harness.mjs';

let server;
let browser;
/// role → the set of `pkg/` files its screens' splits are in.
let filesOf;

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  const manifest = await (await fetch(`${server.base}/pkg/__wasm_split_manifest.json`)).json();
  filesOf = { worker: new Set(), staff: new Set(), client: new Set() };
  for (const [split, files] of Object.entries(manifest)) {
    const role = split.replace(/^_+/, '').toLowerCase().split('_')[0];
    assert.ok(role in filesOf, `split ${split} belongs to a role (worker_, staff_, client_)`);
    for (const file of files) filesOf[role].add(`${file}.wasm`);
  }
  for (const role of Object.keys(filesOf)) assert.ok(filesOf[role].size > 0, `${role} has split files`);
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

/// Every `pkg/` file the phone fetched (page and service worker) while `visit` ran.
async function fetchedWhile(page, visit) {
  const fetched = new Set();
  const onRequest = (request) => {
    const path = new URL(request.url()).pathname;
    if (path.startsWith('/pkg/')) fetched.add(path.slice('/pkg/'.length));
  };
  page.context().on('request', onRequest);
  await visit();
  // The service worker's precache runs on after the first page.
  await page.waitForTimeout(2000);
  page.context().off('request', onRequest);
  return fetched;
}

async function open(page, path) {
  await page.goto(`${server.base}${path}`);
  await waitForHydration(page);
}

/// Files only the other roles' screens need.
function foreignTo(role) {
  const foreign = new Set();
  for (const [other, files] of Object.entries(filesOf)) {
    if (other === role) continue;
    for (const f of files) if (!filesOf[role].has(f)) foreign.add(f);
  }
  return foreign;
}

for (const { role, email, home, screens } of [
  {
    role: 'worker',
    email: 'ahmed@demo.test',
    home: '**/worker',
    screens: ['/worker', '/worker/assignments', '/worker/hours', '/worker/hours/new', '/worker/profile'],
  },
  {
    role: 'staff',
    email: 'sofie@demo.test',
    home: '**/coordinator',
    screens: ['/coordinator', '/coordinator/workers', '/coordinator/workers/new', '/coordinator/review', '/coordinator/settings'],
  },
  {
    role: 'client',
    email: 'maria@demo.test',
    home: '**/client',
    screens: ['/client', '/client/requests/new'],
  },
]) {
  test(`the ${role}'s first visit of every screen downloads no other role's code`, async () => {
    const page = await phonePage(browser);
    const fetched = await fetchedWhile(page, async () => {
      await login(page, server.base, email);
      await page.waitForURL(home);
      await waitForHydration(page);
      for (const screen of screens) await open(page, screen);
    });
    // The measurement sees what was downloaded: the main bundle, and this role's own screens.
    assert.ok(fetched.has('wijkwerk.wasm'), `the main bundle was seen: ${[...fetched].join(', ')}`);
    assert.ok(
      [...fetched].some((f) => filesOf[role].has(f)),
      `some of the ${role}'s own screen files were downloaded: ${[...fetched].join(', ')}`,
    );
    const foreign = [...fetched].filter((f) => foreignTo(role).has(f));
    assert.deepEqual(foreign, [], `the ${role}'s phone downloaded another role's code`);
    assertNoErrors(page);
    await page.context().close();
  });
}

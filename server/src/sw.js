// Wijkwerk's service worker. Written by hand (about 150 lines, no generator): it must speak the
// outbox's IndexedDB layout (app/src/sync/outbox.rs) and never cache a server function or another
// account's page, rules a generic generator does not know. The server fills in the build's
// version and asset list when it serves /sw.js (server/src/offline.rs).
'use strict';

const VERSION = '__VERSION__';
const ASSETS = __ASSETS__;
const SHELL = `shell-${VERSION}`;
// The last good copy of the worker's own pages: forgotten at logout and when another account
// logs in (the login page tells us), so nobody sees someone else's work.
const PAGES = 'pages';
const OFFLINE = '/offline';
// On a bad connection, show the copy after this long and keep loading in the background.
const NETWORK_WAIT_MS = 4000;

self.addEventListener('install', (event) => {
  // No skipWaiting: a new version waits until the worker taps "vernieuwen" (the app shows it
  // only when the outbox is empty).
  event.waitUntil(caches.open(SHELL).then((cache) => cache.addAll([...ASSETS, OFFLINE])));
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const key of await caches.keys()) {
      if (key.startsWith('shell-') && key !== SHELL) await caches.delete(key);
    }
    await self.clients.claim();
  })());
});

self.addEventListener('message', (event) => {
  const msg = event.data || {};
  if (msg.type === 'activate') self.skipWaiting();
  if (msg.type === 'warm') event.waitUntil(warm(msg.urls || []));
});

function isWorkerPage(path) {
  return path === '/worker' || path.startsWith('/worker/');
}

function isPage(response) {
  return response.ok && !response.redirected &&
    (response.headers.get('content-type') || '').startsWith('text/html');
}

// Keep the worker's pages for a start without network (only answers that are their pages: a
// logged-out request is redirected to the login and not kept).
async function warm(urls) {
  const cache = await caches.open(PAGES);
  for (const url of urls) {
    if (!isWorkerPage(url)) continue;
    try {
      const response = await fetch(url, { credentials: 'same-origin' });
      if (isPage(response)) await cache.put(url, response);
    } catch (e) {
      // offline: the next visit warms it
    }
  }
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  // Server functions (POST), logins and everything that changes something: never cached.
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin || url.pathname.startsWith('/api/')) return;
  if (ASSETS.includes(url.pathname)) {
    event.respondWith(cacheFirst(request));
  } else if (request.mode === 'navigate') {
    if (url.pathname === '/login') event.waitUntil(forgetAccount());
    event.respondWith(isWorkerPage(url.pathname) ? networkFirst(request, url.pathname) : orOffline(request));
  }
});

// At the login page (after a logout or an expired session) whoever logs in next sees nothing
// of the last account: its pages, copies and refusals are forgotten. Never the outbox: unsent
// work stays until it is sent.
async function forgetAccount() {
  await caches.delete(PAGES);
  const db = await openOutbox();
  for (const store of ['refused', 'data', 'meta']) await change(db, store, (s) => s.clear());
}

async function cacheFirst(request) {
  const hit = await caches.match(request, { ignoreSearch: true });
  return hit || fetch(request);
}

async function orOffline(request) {
  try {
    return await fetch(request);
  } catch (e) {
    return (await caches.match(OFFLINE)) || Response.error();
  }
}

async function networkFirst(request, path) {
  const cache = await caches.open(PAGES);
  const network = fetch(request).then(async (response) => {
    if (isPage(response)) await cache.put(path, response.clone());
    return response;
  });
  network.catch(() => {});
  const waited = new Promise((resolve) => setTimeout(resolve, NETWORK_WAIT_MS));
  try {
    const first = await Promise.race([network, waited]);
    if (first) return first;
  } catch (e) {
    // no network: the copy below
  }
  const copy = await cache.match(path);
  if (copy) return copy;
  try {
    return await network;
  } catch (e) {
    return (await caches.match(OFFLINE)) || Response.error();
  }
}

// Background Sync: the browser wakes us when the network is back, even with the app closed.
self.addEventListener('sync', (event) => {
  if (event.tag === 'outbox') event.waitUntil(sendOutbox());
});

function openOutbox() {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open('wijkwerk', 1);
    request.onupgradeneeded = () => {
      for (const store of ['outbox', 'refused', 'data', 'meta']) {
        if (!request.result.objectStoreNames.contains(store)) request.result.createObjectStore(store);
      }
    };
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

function readAll(db, store) {
  return new Promise((resolve, reject) => {
    const request = db.transaction(store).objectStore(store).getAll();
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

function change(db, store, each) {
  return new Promise((resolve, reject) => {
    const tx = db.transaction(store, 'readwrite');
    each(tx.objectStore(store));
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
  });
}

// The same round as the app's (app/src/sync/outbox.rs): send in tap order, keep refusals with
// their reason, then let go of every answered action. A failure leaves everything for the next
// round; the server answers a replay with its first result.
async function sendOutbox() {
  const db = await openOutbox();
  const actions = (await readAll(db, 'outbox')).map((json) => JSON.parse(json))
    .sort((a, b) => a.tapped_at_ms - b.tapped_at_ms);
  for (let i = 0; i < actions.length; i += 200) {
    const chunk = actions.slice(i, i + 200);
    const response = await fetch('/api/sync', {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ batch: { sent_at_ms: Date.now(), actions: chunk } }),
    });
    if (!response.ok) throw new Error(`sync answered ${response.status}`);
    const answer = await response.json();
    const sent = new Map(chunk.map((a) => [a.id, a]));
    await change(db, 'refused', (store) => {
      for (const r of answer.results) {
        if (r.problem) store.put(JSON.stringify({ action: sent.get(r.id), problem: r.problem }), r.id);
      }
    });
    await change(db, 'outbox', (store) => {
      for (const r of answer.results) store.delete(r.id);
    });
  }
}

// Lighthouse's own numbers for what a phone sees: its default (mobile) profile, simulated
// throttling (a slow 4G network and a 4x slower CPU, computed from one unthrottled load, so
// a busy machine moves them less than real throttling would), 3 runs of each page, the median.
//
//   node scripts/bench/lighthouse.mjs http://127.0.0.1:3917     (a server with the demo data)
//
// Prints one JSON object on stdout; progress on stderr. Uses Debian's Chromium (CHROMIUM to
// override); Lighthouse 12.2.3 because later releases need Node 22.
import lighthouse from 'lighthouse';
// Lighthouse's own dependency, the launcher its CLI uses: it sets the flags a measurement wants.
import * as chromeLauncher from 'chrome-launcher';

const RUNS = 3;
const base = process.argv[2]?.replace(/\/$/, '');
if (!base) {
  console.error('usage: node scripts/bench/lighthouse.mjs <base-url>');
  process.exit(2);
}

// Logging in the way the login form's island does: a server-function POST. The server refuses
// changes without our own Origin, like a browser's cross-site form.
async function sessionCookie(email) {
  const res = await fetch(`${base}/api/login`, {
    method: 'POST',
    headers: {
      origin: new URL(base).origin,
      accept: 'application/json',
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: new URLSearchParams({ email, password: 'wijkwerk' }),
  });
  const cookie = res.headers.getSetCookie().find((c) => /^(__Host-)?wijkwerk_session=/.test(c));
  if (!res.ok || !cookie) throw new Error(`login ${email}: ${res.status} ${await res.text()}`);
  return cookie.split(';')[0];
}

// A fresh browser for every run, as Lighthouse's CLI does: nothing (HTTP cache, service worker,
// compiled WASM) carries over from one run to the next.
async function audit(url, extraHeaders) {
  const chrome = await chromeLauncher.launch({
    chromePath: process.env.CHROMIUM || '/usr/bin/chromium',
    chromeFlags: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
  });
  try {
    const { lhr } = await lighthouse(url, {
      port: chrome.port,
      output: 'json',
      logLevel: 'error',
      onlyCategories: ['performance', 'accessibility'],
      extraHeaders,
    });
    if (lhr.runtimeError) throw new Error(`${url}: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
    return lhr;
  } finally {
    await chrome.kill();
  }
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function measure(name, path, expectPath, cookie) {
  const runs = [];
  for (let i = 1; i <= RUNS; i++) {
    console.error(`lighthouse: ${name} run ${i}/${RUNS}`);
    const lhr = await audit(`${base}${path}`, cookie ? { Cookie: cookie } : undefined);
    // A lost session would send the worker's home to /login, and measure the wrong page.
    const landed = new URL(lhr.finalDisplayedUrl).pathname;
    if (landed !== expectPath) throw new Error(`${name}: audited ${landed}, expected ${expectPath}`);
    for (const w of lhr.runWarnings) console.error(`  warning: ${w}`);
    // What costs accessibility points, so a score below 100 says where to look.
    const failed = lhr.categories.accessibility.auditRefs
      .filter((r) => r.weight > 0 && lhr.audits[r.id].score !== null && lhr.audits[r.id].score < 1)
      .map((r) => r.id);
    if (failed.length) console.error(`  accessibility audits failed: ${failed.join(', ')}`);
    runs.push({
      performance: Math.round(lhr.categories.performance.score * 100),
      accessibility: Math.round(lhr.categories.accessibility.score * 100),
      lcp: Math.round(lhr.audits['largest-contentful-paint'].numericValue),
      tbt: Math.round(lhr.audits['total-blocking-time'].numericValue),
      cls: Number(lhr.audits['cumulative-layout-shift'].numericValue.toFixed(4)),
    });
  }
  const page = { path, median: {}, runs: {} };
  for (const key of Object.keys(runs[0])) {
    page.runs[key] = runs.map((r) => r[key]);
    page.median[key] = median(page.runs[key]);
  }
  return page;
}

// Each role's home, checked as text first: with this cookie the path is that person's page,
// not the login.
const homes = [
  ['worker_home', 'ahmed@demo.test', '/worker', 'Dag Ahmed'],
  ['gebruiker_home', 'maria@demo.test', '/client', 'Maria'],
  ['coordinator_home', 'sofie@demo.test', '/coordinator', 'Sofie'],
];
const pages = { login: await measure('login', '/login', '/login') };
for (const [name, email, path, text] of homes) {
  const cookie = await sessionCookie(email);
  const home = await fetch(`${base}${path}`, { headers: { cookie }, redirect: 'manual' });
  const html = await home.text();
  if (home.status !== 200 || !html.includes(text)) {
    throw new Error(`${path} with ${email}'s session: ${home.status}, not their home`);
  }
  pages[name] = await measure(name.replace('_', ' '), path, path, cookie);
}

const out = {
  lighthouse: (await import('lighthouse/package.json', { with: { type: 'json' } })).default.version,
  profile: 'mobile, simulated throttling',
  units: { performance: '0-100', accessibility: '0-100', lcp: 'ms', tbt: 'ms', cls: 'score' },
  pages,
};
// Indented, but a page's medians, and its runs, each on one line.
const text = JSON.stringify(out, null, 2).replace(/\{[^{}]*\}|\[[^[\]]*\]/g, (m) => JSON.stringify(JSON.parse(m)));
console.log(text);

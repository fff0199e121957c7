// Starts the release server on a free port with a fresh SQLite database and the demo data,
// and opens Debian's Chromium at a phone's size. Every page is checked with axe-core.
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);
const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..', '..');
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export const PHONE = { width: 390, height: 844 };

function freePort() {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.unref();
    s.on('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => ok(port));
    });
  });
}

/// A fresh server on a free port with a fresh database; or, with `again`, the server of an
/// earlier start back on its port and database (as after a crash or a network outage), and
/// `siteRoot` to serve another build.
export async function startServer({ again, siteRoot, env } = {}) {
  const binary = process.env.WIJKWERK_SERVER || join(root, 'target', 'release', 'server');
  const dir = again?.dir ?? mkdtempSync(join(tmpdir(), 'wijkwerk-e2e-'));
  const port = again?.port ?? (await freePort());
  const child = spawn(binary, [], {
    cwd: root,
    env: {
      ...process.env,
      DATABASE_URL: `sqlite://${join(dir, 'e2e.db')}`,
      WIJKWERK_DEMO_DATA: '1',
      WIJKWERK_DEV_HTTP: '1',
      LEPTOS_SITE_ADDR: `127.0.0.1:${port}`,
      LEPTOS_SITE_ROOT: siteRoot ?? join(root, 'target', 'site'),
      LEPTOS_OUTPUT_NAME: 'wijkwerk',
      RUST_LOG: 'warn',
      ...(env ?? {}),
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try {
      // Ready: migrated and the database answers (never turned away as busy).
      const res = await fetch(`${base}/readyz`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error('server did not start within 30 s');
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    base,
    dir,
    port,
    database: join(dir, 'e2e.db'),
    /// Stop the process; `keep` leaves the database for a start `again`.
    async stop({ keep } = {}) {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await new Promise((r) => child.once('exit', r));
      }
      if (!keep) rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
    ],
  });
}

/// A phone-sized page that records every console error and uncaught exception.
export async function phonePage(browser) {
  const context = await browser.newContext({
    viewport: PHONE,
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: 'nl-BE',
    timezoneId: 'Europe/Brussels',
  });
  return pageIn(context);
}

/// Another page (a tab, or the app opened again) of the same phone.
export async function pageIn(context) {
  const page = await context.newPage();
  page.errors = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') page.errors.push(`console: ${msg.text()}`);
  });
  page.on('pageerror', (err) => page.errors.push(`page: ${err.message}`));
  return page;
}

export async function waitForHydration(page) {
  await page.waitForSelector('html[data-hydrated="true"]', { timeout: 20_000 });
}

export async function login(page, base, email) {
  await page.goto(`${base}/login`);
  await waitForHydration(page);
  await page.getByLabel('E-mailadres').fill(email);
  await page.getByLabel('Wachtwoord').fill('wijkwerk');
  await page.getByRole('button', { name: 'Aanmelden' }).click();
}

/// axe-core with the WCAG 2.0, 2.1 and 2.2 A and AA rules: no violation allowed.
export async function checkAccessibility(page, screen) {
  // Evaluated through the DevTools protocol: an inline <script> would be (rightly) refused by
  // the page's Content-Security-Policy.
  await page.evaluate(axeSource);
  const result = await page.evaluate(async () =>
    // eslint-disable-next-line no-undef
    axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
    }),
  );
  const summary = result.violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help}\n    ${v.nodes.map((n) => `${n.target.join(' ')}: ${n.failureSummary}`).join('\n    ')}`,
  );
  assert.deepEqual(summary, [], `axe found WCAG violations on ${screen}`);
  assert.ok(result.passes.length > 0, `axe ran its rules on ${screen}`);
}

/// Every visible control is at least 44 x 44 CSS pixels.
export async function checkTapTargets(page, screen) {
  const small = await page.evaluate(() => {
    const controls = document.querySelectorAll(
      'a[href], button, input:not([type=hidden]), select, textarea, summary, [role=button]',
    );
    const out = [];
    for (const el of controls) {
      const r = el.getBoundingClientRect();
      const style = getComputedStyle(el);
      if (style.display === 'none' || style.visibility === 'hidden' || r.width === 0) continue;
      if (r.width < 44 || r.height < 44) {
        out.push(`${el.tagName.toLowerCase()} "${el.textContent.trim().slice(0, 30)}" ${Math.round(r.width)}x${Math.round(r.height)}`);
      }
    }
    return out;
  });
  assert.deepEqual(small, [], `tap targets smaller than 44x44 on ${screen}`);
}

/// Nothing sticks out sideways: a phone user never has to scroll left and right.
export async function checkNoSidewaysScroll(page, screen) {
  // Compared with the device's width: a mobile browser widens its layout viewport to fit.
  const viewport = page.viewportSize().width;
  const content = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(content <= viewport, `${screen} is ${content}px wide on a ${viewport}px screen`);
}

export async function checkScreen(page, screen) {
  // A page whose HTML is parsed may still wait for its stylesheet (on a first visit the service
  // worker fetches its precache at the same time): measure the page as people see it.
  await page.waitForLoadState('load');
  // A page whose HTML is parsed may still wait for its stylesheet (on a first visit the service
  // worker fetches its precache at the same time): measure the page as people see it.
  await page.waitForLoadState('load');
  await checkAccessibility(page, screen);
  await checkTapTargets(page, screen);
  await checkNoSidewaysScroll(page, screen);
  if (process.env.E2E_SCREENSHOTS) {
    await page.screenshot({ path: join(process.env.E2E_SCREENSHOTS, `${screen}.png`), fullPage: true });
  }
}

export function assertNoErrors(page) {
  assert.deepEqual(page.errors, [], 'the page logged no errors');
}

/// A query on the e2e server's SQLite file (Python's sqlite3: no driver in node 20).
export function sql(database, query) {
  const out = execFileSync('python3', ['-c', `
import json, sqlite3, sys
rows = sqlite3.connect(sys.argv[1]).execute(sys.argv[2]).fetchall()
print(json.dumps(rows))
`, database, query]);
  return JSON.parse(out.toString());
}

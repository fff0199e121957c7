// Security and privacy on the phone: a bemiddelaar opens Kevin's file and downloads his data,
// and Kevin sees on Profiel who looked at his file; then she sets up the second factor (QR
// code, key, recovery codes) and logs in again with a code from the "app" (computed here as an
// authenticator app does), and once with a recovery code.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import {
  assertNoErrors,
  checkScreen,
  launchBrowser,
  login,
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

/// RFC 4648 base32, as the key is shown.
function base32(text) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const c of text.replace(/[\s=]/g, '').toUpperCase()) {
    bits += alphabet.indexOf(c).toString(2).padStart(5, '0');
  }
  const bytes = [];
  for (let i = 0; i + 8 <= bits.length; i += 8) bytes.push(parseInt(bits.slice(i, i + 8), 2));
  return Buffer.from(bytes);
}

/// What an authenticator app shows at `ms` (RFC 6238: SHA-1, 6 digits, 30 s).
function totp(key, ms) {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(ms / 1000 / 30)));
  const h = createHmac('sha1', base32(key)).update(counter).digest();
  const o = h[19] & 15;
  const n = ((h[o] & 0x7f) << 24) | (h[o + 1] << 16) | (h[o + 2] << 8) | h[o + 3];
  return String(n % 1_000_000).padStart(6, '0');
}

async function logout(page) {
  await page.getByRole('button', { name: 'Afmelden' }).first().click();
  await page.waitForURL('**/login');
}

test("Kevin sees who looked at his file; his data is downloaded as one zip", async () => {
  // Before the next test turns Sofie's second factor on.
  const sofie = await phonePage(browser);
  await login(sofie, server.base, 'sofie@demo.test');
  await sofie.waitForURL('**/coordinator');
  await sofie.goto(`${server.base}/coordinator/workers`);
  await waitForHydration(sofie);
  await sofie.getByRole('link', { name: /Kevin/ }).first().click();
  await sofie.waitForURL(/\/coordinator\/workers\/\d+$/);
  await waitForHydration(sofie);
  await sofie.getByRole('heading', { name: 'Wie bekeek dit dossier' }).waitFor();
  await checkScreen(sofie, 'coordinator-worker-file-views');
  const download = sofie.waitForEvent('download');
  await sofie.getByRole('link', { name: 'Alle gegevens downloaden' }).click();
  const file = await download;
  assert.match(file.suggestedFilename(), /^gegevens-kevin-.*\.zip$/);
  const path = await file.path();
  const { readFileSync } = await import('node:fs');
  const bytes = readFileSync(path);
  assert.equal(bytes.subarray(0, 2).toString(), 'PK', 'a zip file');
  assertNoErrors(sofie);

  const kevin = await phonePage(browser);
  await login(kevin, server.base, 'kevin@demo.test');
  await kevin.waitForURL('**/worker');
  await kevin.goto(`${server.base}/worker/profile`);
  await waitForHydration(kevin);
  await kevin.getByRole('heading', { name: 'Wie bekeek je gegevens' }).waitFor();
  await kevin.getByText(/Sofie .* · dossier bekeken/).first().waitFor();
  await kevin.getByText(/alle gegevens gedownload/).first().waitFor();
  await checkScreen(kevin, 'worker-profile-file-views');
  assertNoErrors(kevin);
});

test('a bemiddelaar sets up the second factor and logs in with a code, once with a recovery code', async () => {
  const page = await phonePage(browser);
  await login(page, server.base, 'sofie@demo.test');
  await page.waitForURL('**/coordinator');
  await page.goto(`${server.base}/coordinator/settings`);
  await waitForHydration(page);
  await page.getByRole('heading', { name: 'Tweestapsverificatie', exact: true }).waitFor();
  await page.getByText('Tweestapsverificatie staat uit.').waitFor();
  await page.getByRole('heading', { name: 'Bewaartermijn' }).waitFor();
  await checkScreen(page, 'coordinator-settings-security');

  await page.getByRole('link', { name: 'Tweestapsverificatie instellen' }).click();
  await page.waitForURL('**/login/enrol');
  await page.getByRole('img', { name: 'QR-code voor de app' }).waitFor();
  await checkScreen(page, 'enrol-second-factor');
  const key = (await page.locator('.secret code').textContent()).trim();
  const recovery = await page.locator('.recovery-codes code').allTextContents();
  assert.equal(recovery.length, 10);
  assert.match(recovery[0], /^[a-z2-9]{5}-[a-z2-9]{5}$/);
  // A wrong code first: said in plain Dutch, nothing on.
  await page.getByLabel('De code die de app nu toont').fill('000000');
  await page.getByRole('button', { name: 'Aanzetten' }).click();
  await page.getByText('Deze code klopt niet of is al gebruikt.').waitFor();
  // The page shown again keeps the key the app scanned; its recovery codes are the new ones.
  assert.equal((await page.locator('.secret code').textContent()).trim(), key);
  const codes = await page.locator('.recovery-codes code').allTextContents();
  await page.getByLabel('De code die de app nu toont').fill(totp(key, Date.now()));
  await page.getByRole('button', { name: 'Aanzetten' }).click();
  await page.waitForURL('**/coordinator/settings');
  await page.getByText('Tweestapsverificatie staat aan. Je hebt nog 10 herstelcodes.').waitFor();
  assertNoErrors(page);

  // The next login asks for the code.
  await logout(page);
  await login(page, server.base, 'sofie@demo.test');
  await page.waitForURL('**/login/code');
  await checkScreen(page, 'login-code');
  await page.getByLabel('Code').fill('123456');
  await page.getByRole('button', { name: 'Aanmelden' }).click();
  await page.getByText('Deze code klopt niet of is al gebruikt.').waitFor();
  // The app's next code (the step after the one used to set it up) logs in.
  await page.getByLabel('Code').fill(totp(key, Date.now() + 30_000));
  await page.getByRole('button', { name: 'Aanmelden' }).click();
  await page.waitForURL('**/coordinator');

  // Phone lost: a recovery code, typed in capitals, works once.
  await logout(page);
  await login(page, server.base, 'sofie@demo.test');
  await page.waitForURL('**/login/code');
  await page.getByLabel('Code').fill(codes[0].toUpperCase());
  await page.getByRole('button', { name: 'Aanmelden' }).click();
  await page.waitForURL('**/coordinator');
  await page.goto(`${server.base}/coordinator/settings`);
  await page.getByText('Je hebt nog 9 herstelcodes.', { exact: false }).waitFor();
  assertNoErrors(page);
});

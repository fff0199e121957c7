// Renders the app's icons (PNG, as the manifest needs) from the SVGs in public/icons with
// Debian's Chromium. Run once after changing an SVG: `node scripts/make-icons.mjs`; the PNGs
// are committed, so a build needs no image tools.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'end2end', 'package.json'));
const { chromium } = require('playwright-core');
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu'],
});
const page = await browser.newPage();
for (const [svg, size, png] of [
  ['icon.svg', 192, 'icon-192.png'],
  ['icon.svg', 512, 'icon-512.png'],
  ['maskable.svg', 512, 'maskable-512.png'],
]) {
  await page.setViewportSize({ width: size, height: size });
  const source = readFileSync(join(root, 'public', 'icons', svg), 'utf8');
  await page.setContent(
    `<html><body style="margin:0;background:transparent">${source.replace('<svg ', `<svg width="${size}" height="${size}" `)}</body></html>`,
  );
  await page.screenshot({ path: join(root, 'public', 'icons', png), omitBackground: true });
}
await browser.close();

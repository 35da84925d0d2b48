// @ts-check
/**
 * Renders the PWA icons in public/ from public/favicon.svg with headless Chromium.
 * Run once after changing the SVG: `node apps/pwa/scripts/render-icons.mjs`.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const publicDir = fileURLToPath(new URL('../../../public/', import.meta.url));
const svg = readFileSync(join(publicDir, 'favicon.svg'), 'utf8');

/** A maskable icon must keep its content inside the central 80 % circle: full-bleed, no corners. */
const maskableSvg = svg
  .replace('rx="96"', 'rx="0"')
  .replace('<g fill', '<g transform="translate(51.2 51.2) scale(0.8)"><g fill')
  .replace('</svg>', '</g></svg>');

const targets = [
  { file: 'pwa-192.png', size: 192, source: svg },
  { file: 'pwa-512.png', size: 512, source: svg },
  { file: 'maskable-512.png', size: 512, source: maskableSvg },
  { file: 'apple-touch-icon.png', size: 180, source: maskableSvg },
];

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu'],
});
try {
  for (const { file, size, source } of targets) {
    const page = await browser.newPage({ viewport: { width: size, height: size } });
    const html = `<html><body style="margin:0;background:transparent">${source.replace('<svg ', `<svg width="${size}" height="${size}" `)}</body></html>`;
    await page.setContent(html);
    await page.screenshot({ path: join(publicDir, file), omitBackground: true });
    await page.close();
  }
} finally {
  await browser.close();
}

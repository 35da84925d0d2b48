import { appendFileSync, cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/chromium';
import { repoRoot, startServerProcess, type ServerProcess } from '../support/server-process';
import { scanWedge, signIn } from './handheld';

/** A new build's service worker, with the compressed twins the build writes beside it. */
function publishNextVersion(dist: string) {
  const sw = join(dist, 'sw.js');
  appendFileSync(sw, '\n// the next version\n');
  const next = readFileSync(sw);
  writeFileSync(`${sw}.br`, brotliCompressSync(next));
  writeFileSync(`${sw}.gz`, gzipSync(next));
}

describe('an app update on the handheld', () => {
  let server: ServerProcess;
  let browser: Browser;
  let dist: string;

  beforeAll(async () => {
    // A copy of the build of our own, so that the test can publish a "new version" into it.
    dist = mkdtempSync(join(tmpdir(), 'wms-dist-'));
    cpSync(join(repoRoot, 'apps/pwa/dist'), dist, { recursive: true });
    [server, browser] = await Promise.all([
      startServerProcess({ PWA_DIST: dist }),
      launchChromium(),
    ]);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    rmSync(dist, { recursive: true, force: true });
  });

  it('offered mid-line, waits until the line is done', async () => {
    const context = await browser.newContext({
      viewport: { width: 400, height: 800 },
      serviceWorkers: 'allow',
    });
    const page = await context.newPage();
    await page.goto(server.url);
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    // The second start, as on a device: now the service worker controls the page.
    await page.reload();
    expect(await page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
    await signIn(page, 'P-0003', '1234');
    await page.click('[data-testid=wave-B26-09]');
    await page.waitForSelector('[data-testid=pick-step][data-step="scan-bin"]');
    const bin = (await page.textContent('[data-testid=pick-bin]')) ?? '';
    const barcode = (await page.textContent('[data-testid=pick-barcode]')) ?? '';
    await scanWedge(page, bin);
    await page.waitForSelector('[data-testid=pick-step][data-step="scan-item"]');

    publishNextVersion(dist);
    await page.evaluate(async () => {
      await (await navigator.serviceWorker.getRegistration())?.update();
    });
    await page.waitForSelector('[data-testid=update-prompt]', { timeout: 20_000 });
    expect(await page.isDisabled('[data-testid=update-apply]')).toBe(true);

    await scanWedge(page, barcode);
    await page.waitForSelector('[data-testid=pick-step][data-step="confirm-qty"]');
    expect(await page.isDisabled('[data-testid=update-apply]')).toBe(true);
    await scanWedge(page, ''); // Enter: the line is done, the next one starts at its bin
    await page.waitForSelector('[data-testid=pick-progress][data-done="1"]', { state: 'attached' });
    await page.waitForSelector('[data-testid=update-apply]:not([disabled])');

    await Promise.all([page.waitForEvent('load'), page.click('[data-testid=update-apply]')]);
    await page.waitForSelector('[data-testid=pick-step][data-step="scan-bin"]');
    expect(await page.isVisible('[data-testid=update-prompt]')).toBe(false);
    await context.close();
  });
});

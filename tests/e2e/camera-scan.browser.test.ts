import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeEan13Video, writeDamagedEan13Video } from '../support/barcode-video';
import { launchChromiumWithCamera } from '../support/chromium';
import { startServerProcess, type ServerProcess } from '../support/server-process';
import { doneLines, scanWedge, signIn } from './handheld';
import { signInSupervisor } from './supervisor-api';

/** A page whose every `getUserMedia` stream is kept in `window.__streams`, to check the tracks. */
async function cameraPage(
  browser: Browser,
  viewport: { width: number; height: number },
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport });
  await context.grantPermissions(['camera']);
  await context.addInitScript(() => {
    const streams: MediaStream[] = [];
    (window as unknown as { __streams: MediaStream[] }).__streams = streams;
    const open = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);
    navigator.mediaDevices.getUserMedia = async (constraints) => {
      const stream = await open(constraints);
      streams.push(stream);
      return stream;
    };
  });
  return { context, page: await context.newPage() };
}

function trackStates(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    (window as unknown as { __streams: MediaStream[] }).__streams.flatMap((stream) =>
      stream.getTracks().map((track) => track.readyState),
    ),
  );
}

/** Opens wave B26-08 and scans the bin of its current line (the first, unless a test picked it). */
async function toItemStep(page: Page, url: string, binCode?: string): Promise<void> {
  await page.goto(url);
  await signIn(page, 'P-0002', '1234');
  await page.click('[data-testid=wave-B26-08]');
  await page.waitForSelector('[data-testid=pick-step][data-step="scan-bin"]');
  const shown = (await page.textContent('[data-testid=pick-bin]')) ?? '';
  if (binCode !== undefined) expect(shown).toBe(binCode);
  await scanWedge(page, shown);
  await page
    .waitForSelector('[data-testid=pick-step][data-step="scan-item"]', { timeout: 10_000 })
    .catch(async (error: unknown) => {
      throw new Error(`no item step after scanning ${shown}: ${await page.innerText('body')}`, {
        cause: error,
      });
    });
}

describe('scanning with the camera', () => {
  let server: ServerProcess;
  let videoDir: string;
  let firstLine: { binCode: string; barcode: string; qty: number };

  beforeAll(async () => {
    server = await startServerProcess();
    const supervisor = await signInSupervisor(server.url);
    const [line] = (await supervisor.linesInWarehouse())
      .filter((l) => l.waveId.endsWith('B26-08'))
      .sort(
        (a, b) =>
          a.pathSeq - b.pathSeq || a.binCode.localeCompare(b.binCode) || a.id.localeCompare(b.id),
      );
    if (!line?.barcodes[0]) throw new Error('wave B26-08 has lines with barcodes');
    firstLine = { binCode: line.binCode, barcode: line.barcodes[0], qty: line.qty };
    videoDir = mkdtempSync(join(tmpdir(), 'wms-camera-'));
  });

  afterAll(async () => {
    await server?.stop();
    rmSync(videoDir, { recursive: true, force: true });
  });

  it('one item held in view is one scan: the camera closes after the read and counts nothing more', async () => {
    const video = join(videoDir, 'item.y4m');
    writeEan13Video(video, firstLine.barcode.replace(/^0/, ''));
    const browser = await launchChromiumWithCamera(video);
    try {
      const { context, page } = await cameraPage(browser, { width: 400, height: 800 });
      await toItemStep(page, server.url, firstLine.binCode);

      await page.click('[data-testid=open-camera]');
      await page.waitForSelector('[data-testid=pick-step][data-step="confirm-qty"]', {
        timeout: 20_000,
      });
      // The code stays in view for three more seconds: a reader that keeps going counts units.
      await page.waitForTimeout(3_000);
      expect(await page.getAttribute('[data-testid=pick-step]', 'data-step')).toBe('confirm-qty');
      expect(await page.$('[data-testid=unit-countdown]')).toBeNull();
      expect(await page.$('[data-testid=error]')).toBeNull();
      expect(await doneLines(page)).toBe(0);
      expect(await page.textContent('[data-testid=qty-entry]')).toBe(String(firstLine.qty));
      // The panel closed itself and released the camera.
      expect(await page.$('[data-testid=camera-panel]')).toBeNull();
      const live = await trackStates(page);
      expect(live.length).toBe(1);
      expect(live).toEqual(['ended']);
      await context.close();
    } finally {
      await browser.close();
    }
  });

  it('a code that will not decode gets a hint, and the preview is at the top of a 360×640 screen', async () => {
    const video = join(videoDir, 'damaged.y4m');
    writeDamagedEan13Video(video, firstLine.barcode.replace(/^0/, ''));
    const browser = await launchChromiumWithCamera(video);
    try {
      const { context, page } = await cameraPage(browser, { width: 360, height: 640 });
      await toItemStep(page, server.url);
      await page.click('[data-testid=open-camera]');
      const preview = await page.waitForSelector('[data-testid=camera-preview]');
      const box = await preview.boundingBox();
      expect(box).not.toBeNull();
      expect(box?.y).toBeLessThan(120);
      expect((box?.y ?? 0) + (box?.height ?? 0)).toBeLessThanOrEqual(640);
      const close = await page.waitForSelector('[data-testid=camera-close]');
      const closeBox = await close.boundingBox();
      expect((closeBox?.y ?? 0) + (closeBox?.height ?? 0)).toBeLessThanOrEqual(640);

      const hint = await page.waitForSelector('[data-testid=camera-hint]', { timeout: 12_000 });
      expect(await hint.textContent()).toBe(
        'No code read yet. Hold the label 15–25 cm away, flat and lit; or use the scanner.',
      );
      expect(await page.getAttribute('[data-testid=pick-step]', 'data-step')).toBe('scan-item');
      await page.click('[data-testid=camera-close]');
      expect(await trackStates(page)).toEqual(['ended']);
      await context.close();
    } finally {
      await browser.close();
    }
  });
});

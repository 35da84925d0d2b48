import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeEan13Video } from '../support/barcode-video';
import { launchChromiumWithCamera } from '../support/chromium';
import { startServerProcess, type ServerProcess } from '../support/server-process';
import { scanWedge, signIn } from './handheld';
import { signInSupervisor } from './supervisor-api';

describe('scanning with the camera', () => {
  let server: ServerProcess;
  let browser: Browser;
  let videoDir: string;
  let firstLine: { binCode: string; barcode: string };

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
    firstLine = { binCode: line.binCode, barcode: line.barcodes[0] };
    videoDir = mkdtempSync(join(tmpdir(), 'wms-camera-'));
    const video = join(videoDir, 'item.y4m');
    writeEan13Video(video, firstLine.barcode.replace(/^0/, ''));
    browser = await launchChromiumWithCamera(video);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    rmSync(videoDir, { recursive: true, force: true });
  });

  it('reads the item from the camera and releases the camera when closed', async () => {
    const context = await browser.newContext({ viewport: { width: 400, height: 800 } });
    await context.grantPermissions(['camera']);
    // Keeps every stream the app opens, to check that closing the camera ends each track.
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
    const page = await context.newPage();
    await page.goto(server.url);
    await signIn(page, 'P-0002', '1234');
    await page.click('[data-testid=wave-B26-08]');
    await page.waitForSelector('[data-testid=pick-step][data-step="scan-bin"]');
    expect(await page.textContent('[data-testid=pick-bin]')).toBe(firstLine.binCode);
    await scanWedge(page, firstLine.binCode);
    await page.waitForSelector('[data-testid=pick-step][data-step="scan-item"]');

    await page.click('[data-testid=open-camera]');
    await page.waitForSelector('[data-testid=pick-step][data-step="confirm-qty"]', {
      timeout: 20_000,
    });
    await page.click('[data-testid=camera-close]');
    const live = await page.evaluate(() =>
      (window as unknown as { __streams: MediaStream[] }).__streams.flatMap((stream) =>
        stream.getTracks().map((track) => track.readyState),
      ),
    );
    expect(live.length).toBeGreaterThan(0);
    expect(live.every((state) => state === 'ended')).toBe(true);
    await context.close();
  });
});

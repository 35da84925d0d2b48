import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeQrVideo } from '../support/barcode-video';
import { launchChromiumWithCamera } from '../support/chromium';
import { startServerProcess, type ServerProcess } from '../support/server-process';
import { errorText, signIn } from './handheld';
import { signInSupervisor } from './supervisor-api';

// ENROLMENT_REQUIRED: a picker signs in only on a handheld enrolled by QR. A handheld without a
// working scanner enrols through its camera: the QR the admin screen shows, read by @zxing.
describe('enrolling a handheld with its camera', () => {
  let server: ServerProcess;
  let browser: Browser;
  let videoDir: string;
  let code: string;

  beforeAll(async () => {
    server = await startServerProcess({ ENROLMENT_REQUIRED: 'true' });
    const admin = await signInSupervisor(server.url, 'A-0001');
    code = await admin.issueEnrolmentCode();
    videoDir = mkdtempSync(join(tmpdir(), 'wms-camera-enrol-'));
    const video = join(videoDir, 'enrolment-qr.y4m');
    writeQrVideo(video, `WMS-ENROL:${code}`);
    browser = await launchChromiumWithCamera(video);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    rmSync(videoDir, { recursive: true, force: true });
  });

  it('refuses the picker before, reads the QR from the camera, then lets the picker sign in', async () => {
    const refused = await browser.newContext({ viewport: { width: 400, height: 800 } });
    const before = await refused.newPage();
    await before.goto(server.url);
    await signIn(before, 'P-0001', '1234');
    await before.waitForSelector('[data-testid=error]');
    expect(await errorText(before)).toContain('Scan the enrolment QR on the admin screen first');
    await refused.close();

    const context = await browser.newContext({ viewport: { width: 400, height: 800 } });
    await context.grantPermissions(['camera']);
    const page = await context.newPage();
    await page.goto(server.url);
    await page.waitForSelector('[data-testid=badge]');
    await page.click('[data-testid=open-camera]');
    await page.waitForFunction(
      () => document.querySelector('[data-testid=enrol-notice]')?.textContent?.includes('enrolled'),
      undefined,
      { timeout: 30_000 },
    );
    expect(await page.textContent('[data-testid=enrol-notice]')).toBe(
      'Handheld enrolled for this warehouse. Now scan your badge.',
    );
    // A camera read is one scan: the panel closed itself (a click on its close button here
    // waited 30 s for a button that was gone, then was ignored).
    await page.waitForSelector('[data-testid=camera-panel]', { state: 'detached', timeout: 5_000 });
    await signIn(page, 'P-0001', '1234');
    await page.waitForSelector('[data-testid=user-name]');
    expect(await page.textContent('[data-testid=user-name]')).toContain('Li Wei');

    // The code was used up: another handheld showing the same QR is not enrolled by it.
    const other = await browser.newContext({ viewport: { width: 400, height: 800 } });
    await other.grantPermissions(['camera']);
    const second = await other.newPage();
    await second.goto(server.url);
    await second.waitForSelector('[data-testid=badge]');
    await second.click('[data-testid=open-camera]');
    await second.waitForSelector('[data-testid=error]', { timeout: 30_000 });
    expect(await errorText(second)).toMatch(/code/i);
    await other.close();
    await context.close();
  });
});

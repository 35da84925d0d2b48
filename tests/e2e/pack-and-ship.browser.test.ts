import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { aServerAndBrowserPerFile } from '../support/server-and-browser';
import {
  doneLines,
  errorText,
  pickCurrentLine,
  scanWedge,
  signIn,
  syncNow,
  totalLines,
  unsyncedCount,
} from './handheld';
import { signInSupervisor } from './supervisor-api';

async function waitForShipStep(page: Page, step: string): Promise<void> {
  await page.waitForSelector(`[data-testid=ship-step][data-step="${step}"]`, { timeout: 10_000 });
}

/** Package label, carrier, tracking number: one package through Pack & ship (M1.6). */
async function shipPackage(page: Page, orderId: string, carrier: string, tracking: string) {
  await waitForShipStep(page, 'scan-order');
  await scanWedge(page, orderId);
  await waitForShipStep(page, 'choose-carrier');
  await page.click(`[data-testid=carrier-${carrier}]`);
  await waitForShipStep(page, 'scan-tracking');
  await scanWedge(page, tracking);
}

describe('pack & ship on the handheld', () => {
  const fx = aServerAndBrowserPerFile();

  it('ships a fully picked order (retried once back online) and shows the refusal for an unknown label', async () => {
    const context = await fx.browser.newContext({ viewport: { width: 400, height: 800 } });
    const page = await context.newPage();
    await page.goto(fx.server.url);
    await signIn(page, 'P-0002', '1234');
    await page.click('[data-testid=wave-B26-08]');
    await page.waitForSelector('[data-testid=pick-progress]', { state: 'attached' });
    while ((await doneLines(page)) < (await totalLines(page))) await pickCurrentLine(page);
    await page.waitForSelector('[data-testid=pick-step][data-step="wave-done"]');
    await syncNow(page);
    expect(await unsyncedCount(page)).toBe(0);

    const { lines } = await (await signInSupervisor(fx.server.url)).waveDetail('W-GZ-B26-08');
    const orderId = lines.find((line) =>
      lines.filter((l) => l.orderId === line.orderId).every((l) => l.pickedQty >= l.qty),
    )?.orderId;
    expect(orderId).toBeDefined();

    await page.click('[data-testid=back-to-waves]');
    await page.click('[data-testid=pack-and-ship]');
    await context.setOffline(true);
    await shipPackage(page, orderId!, 'SF', 'SF1234567890');
    await page.waitForSelector('[data-testid=error][data-kind=offline]');
    expect(await errorText(page)).toContain('Shipping needs the network');
    expect(await page.textContent('[data-testid=ship-tracking]')).toBe('SF1234567890');
    await context.setOffline(false);
    await page.click('[data-testid=ship-retry]');
    await page.waitForSelector('[data-testid=ship-ok]');
    expect(await page.textContent('[data-testid=ship-ok]')).toBe(
      `Order ${orderId} shipped with SF SF1234567890`,
    );

    // Too short for a tracking number: the device asks again before bothering the fx.server.
    await shipPackage(page, 'SO-NOPE-1', 'SF', 'SF0');
    await page.waitForSelector('[data-testid=error][data-kind=bad-tracking]');
    await scanWedge(page, 'SF0000000000');
    await page.waitForSelector('[data-testid=error][data-kind=refused]');
    expect(await errorText(page)).toMatch(/^No order SO-NOPE-1 .*scan the package label again$/);
    await waitForShipStep(page, 'scan-order');
    await context.close();
  });
});

import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { aServerAndBrowserPerFile } from '../support/server-and-browser';
import {
  doneLines,
  pickCurrentLine,
  scanWedge,
  signIn,
  syncNow,
  totalLines,
  unsyncedCount,
} from './handheld';
import { signInSupervisor } from './supervisor-api';

async function waitForPackStep(page: Page, step: string): Promise<void> {
  await page.waitForSelector(`[data-testid=pack-step][data-step="${step}"]`, { timeout: 10_000 });
}

async function noticeKind(page: Page): Promise<string | null> {
  return page.getAttribute('[data-testid=pack-notice]', 'data-kind');
}

async function typeInto(page: Page, testId: string, text: string): Promise<void> {
  await page.fill(`[data-testid=${testId}-input]`, text);
  await page.click(`[data-testid=${testId}-enter]`);
}

/** A GTIN-14 no demo SKU has: a stray item from the next order on the bench. */
const STRAY_ITEM = '06909999999994';

describe('the pack bench on a 360×640 handheld', () => {
  const fx = aServerAndBrowserPerFile();

  it('packs an order into two parcels, offline, the scale catching one wrong weight; the server keeps each event once', async () => {
    const context = await fx.browser.newContext({ viewport: { width: 360, height: 640 } });
    const page = await context.newPage();
    await page.goto(fx.server.url);
    await signIn(page, 'P-0002', '1234');
    await page.click('[data-testid=wave-B26-08]');
    await page.waitForSelector('[data-testid=pick-progress]', { state: 'attached' });
    while ((await doneLines(page)) < (await totalLines(page))) await pickCurrentLine(page);
    await syncNow(page);

    const supervisor = await signInSupervisor(fx.server.url);
    const { lines } = await supervisor.waveDetail('W-GZ-B26-08');
    const units = (orderId: string) =>
      lines.filter((l) => l.orderId === orderId).reduce((n, l) => n + l.qty, 0);
    const orderId = lines.find((l) => units(l.orderId) >= 2)?.orderId;
    expect(orderId).toBeDefined();
    const order = await supervisor.packOrder(orderId!);
    expect(order.status).toBe('picked');
    const unitBarcodes = order.lines.flatMap((l) => Array<string>(l.qty).fill(l.barcodes[0]!));
    const grams = (barcodes: string[], tare: number) =>
      barcodes.reduce(
        (sum, code) => sum + (order.lines.find((l) => l.barcodes[0] === code)?.weightGrams ?? 0),
        tare,
      );

    await page.click('[data-testid=back-to-waves]');
    await page.click('[data-testid=pack-and-ship]');
    await waitForPackStep(page, 'scan-order');
    await scanWedge(page, orderId!);
    await waitForPackStep(page, 'scan-items');
    await context.setOffline(true);

    await scanWedge(page, STRAY_ITEM);
    await page.waitForSelector('[data-testid=pack-notice][data-kind=pack-not-in-order]');
    // Parcel 1: the first unit, in a poly mailer (20 g); first weighed with a tin too many.
    await scanWedge(page, unitBarcodes[0]!);
    await page.click('[data-testid=pack-close-parcel]');
    await waitForPackStep(page, 'choose-box');
    await page.click('[data-testid=box-BOX-BAG]');
    await waitForPackStep(page, 'weigh');
    const first = grams([unitBarcodes[0]!], 20);
    await typeInto(page, 'pack-weight', String(first + 900));
    await page.waitForSelector('[data-testid=pack-notice][data-kind=pack-weight-mismatch]');
    expect(await page.textContent('[data-testid=pack-notice]')).toBe(
      `Weight wrong: ${first + 900} grams, expected ${first}. Parcel stopped, check the items.`,
    );
    await waitForPackStep(page, 'weigh');
    await typeInto(page, 'pack-weight', String(first));
    await waitForPackStep(page, 'scan-tracking');
    await typeInto(page, 'pack-tracking', 'SF1402837465001');
    await waitForPackStep(page, 'scan-items');
    expect(await page.textContent('[data-testid=pack-parcel-no]')).toContain('Parcel 2');

    // Parcel 2: the rest, in a small carton (120 g), read from a keyboard-wedge scale in kg.
    for (const code of unitBarcodes.slice(1)) await scanWedge(page, code);
    await waitForPackStep(page, 'choose-box');
    await scanWedge(page, 'BOX-S');
    await waitForPackStep(page, 'weigh');
    const second = grams(unitBarcodes.slice(1), 120);
    await scanWedge(page, (second / 1000).toFixed(3));
    await waitForPackStep(page, 'scan-tracking');
    await scanWedge(page, 'SF1402837465002');
    await waitForPackStep(page, 'order-done');
    expect(await noticeKind(page)).toBe('pack-parcel-done');
    expect(await unsyncedCount(page)).toBe(3);

    await context.setOffline(false);
    await syncNow(page);
    await syncNow(page);
    expect(await unsyncedCount(page)).toBe(0);
    const steps = await supervisor.orderSteps(orderId!);
    const packing = steps.filter((s) => s.kind === 'packed' || s.kind === 'shipped');
    expect(
      packing.map((s) => [s.kind, s.detail.parcelNo ?? null, s.detail.stopped ?? null]),
    ).toEqual([
      ['packed', 1, 'weight-mismatch'],
      ['packed', 1, null],
      ['packed', 2, null],
      ['shipped', null, null],
    ]);
    const after = await supervisor.packOrder(orderId!);
    expect(after.status).toBe('shipped');
    expect(after.parcels.map((p) => p.trackingNumber)).toEqual([
      'SF1402837465001',
      'SF1402837465002',
    ]);
    const mismatches = (await supervisor.openExceptions()).filter(
      (e) => e.kind === 'weight-mismatch' && e.message.startsWith(`Order ${orderId} `),
    );
    expect(mismatches).toHaveLength(1);
    await context.close();
  });
});

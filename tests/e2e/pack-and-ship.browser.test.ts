import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kdniaoForm } from '../../apps/server/src/waybills/kdniao';
import { installFakeSpeech } from '../support/fake-speech';
import { startKdniaoServer, type KdniaoServer } from '../support/kdniao-server';
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
import { signInSupervisor, type SupervisorApi } from './supervisor-api';

async function waitForPackStep(page: Page, step: string): Promise<void> {
  await page.waitForSelector(`[data-testid=pack-step][data-step="${step}"]`, { timeout: 30_000 });
}

async function noticeKind(page: Page): Promise<string | null> {
  return page.getAttribute('[data-testid=pack-notice]', 'data-kind');
}

async function typeInto(page: Page, testId: string, text: string): Promise<void> {
  await page.fill(`[data-testid=${testId}-input]`, text);
  await page.click(`[data-testid=${testId}-enter]`);
}

declare global {
  interface Window {
    /** The blobs the page made URLs for, by URL (recorded by this test's init script). */
    __blobs?: Map<string, Blob>;
  }
}

/** A GTIN-14 no demo SKU has: a stray item from the next order on the bench. */
const STRAY_ITEM = '06909999999994';

/** Picks every line of `wave` as `badge` and syncs; leaves the pick screen open. */
async function pickWave(page: Page, badge: string, wave: string): Promise<void> {
  await signIn(page, badge, '1234');
  await page.click(`[data-testid=wave-${wave}]`);
  await page.waitForSelector('[data-testid=pick-progress]', { state: 'attached' });
  while ((await doneLines(page)) < (await totalLines(page))) await pickCurrentLine(page);
  await syncNow(page);
}

/**
 * An order of the picked wave with two units or more: its unit barcodes, one a unit, and what a
 * parcel of some of them weighs in a box of `tare` grams.
 */
async function anOrderToPack(supervisor: SupervisorApi, waveId: string) {
  const { lines } = await supervisor.waveDetail(waveId);
  const units = (orderId: string) =>
    lines.filter((l) => l.orderId === orderId).reduce((n, l) => n + l.qty, 0);
  const orderId = lines.find((l) => units(l.orderId) >= 2)?.orderId;
  if (!orderId) throw new Error(`wave ${waveId} has no order of two units or more`);
  const order = await supervisor.packOrder(orderId);
  const unitBarcodes = order.lines.flatMap((l) => Array<string>(l.qty).fill(l.barcodes[0]!));
  const grams = (barcodes: string[], tare: number) =>
    barcodes.reduce(
      (sum, code) => sum + (order.lines.find((l) => l.barcodes[0] === code)?.weightGrams ?? 0),
      tare,
    );
  return { orderId, order, unitBarcodes, grams };
}

describe('the pack bench on a 360×640 handheld', () => {
  // The server process asks KDNiao's documented fake for e-waybills (set before it starts).
  const kdniaoEnv: Record<string, string> = {};
  let kdniao: KdniaoServer;
  beforeAll(async () => {
    kdniao = await startKdniaoServer();
    Object.assign(kdniaoEnv, kdniao.env);
  });
  afterAll(() => kdniao.stop());
  const fx = aServerAndBrowserPerFile({ env: kdniaoEnv });

  it('packs an order into two parcels, offline, the scale catching one wrong weight; the server keeps each event once', async () => {
    const context = await fx.browser.newContext({ viewport: { width: 360, height: 640 } });
    const page = await context.newPage();
    await page.goto(fx.server.url);
    await pickWave(page, 'P-0002', 'B26-08');

    const supervisor = await signInSupervisor(fx.server.url);
    const { orderId, order, unitBarcodes, grams } = await anOrderToPack(supervisor, 'W-GZ-B26-08');
    expect(order.status).toBe('picked');

    await page.click('[data-testid=back-to-waves]');
    await page.click('[data-testid=pack-and-ship]');
    await waitForPackStep(page, 'scan-order');
    await scanWedge(page, orderId);
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
    const steps = await supervisor.orderSteps(orderId);
    const packing = steps.filter((s) => s.kind === 'packed' || s.kind === 'shipped');
    expect(
      packing.map((s) => [s.kind, s.detail.parcelNo ?? null, s.detail.stopped ?? null]),
    ).toEqual([
      ['packed', 1, 'weight-mismatch'],
      ['packed', 1, null],
      ['packed', 2, null],
      ['shipped', null, null],
    ]);
    const after = await supervisor.packOrder(orderId);
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

  it('prints e-waybills at the bench: one opens as a PDF, one waits for the network, one KDNiao refuses; each shown and said', async () => {
    const context = await fx.browser.newContext({ viewport: { width: 360, height: 640 } });
    await installFakeSpeech(context);
    await context.addInitScript(() => {
      const blobs = new Map<string, Blob>();
      window.__blobs = blobs;
      const create = URL.createObjectURL.bind(URL);
      URL.createObjectURL = (blob: Blob) => {
        const url = create(blob);
        blobs.set(url, blob);
        return url;
      };
    });
    const page = await context.newPage();
    await page.goto(fx.server.url);
    await pickWave(page, 'P-0001', 'B26-07');

    const supervisor = await signInSupervisor(fx.server.url);
    const { orderId, unitBarcodes, grams } = await anOrderToPack(supervisor, 'W-GZ-B26-07');
    // The shop's ERP once asked KDNiao under parcel 2's order code: KDNiao refuses it twice.
    const { KDNIAO_EBUSINESS_ID: id, KDNIAO_APP_KEY: key } = kdniao.env;
    await kdniao.fake.fetch(kdniao.env.KDNIAO_URL!, {
      method: 'POST',
      body: kdniaoForm(id!, key!, '1007', {
        OrderCode: `${orderId}-P2`,
        ShipperCode: 'SF',
        Receiver: { Name: '陈晓明', Mobile: '13912345678', Address: '科苑路15号' },
      }).toString(),
    });
    const spoken = (start: string) =>
      page.waitForFunction(
        (text) => (window.__spoken ?? []).some((p) => p.text.startsWith(text)),
        start,
      );

    await page.click('[data-testid=back-to-waves]');
    await page.click('[data-testid=pack-and-ship]');
    await waitForPackStep(page, 'scan-order');
    await scanWedge(page, orderId);
    await waitForPackStep(page, 'scan-items');
    await scanWedge(page, unitBarcodes[0]!);
    await page.click('[data-testid=pack-close-parcel]');
    await page.click('[data-testid=box-BOX-BAG]');
    await typeInto(page, 'pack-weight', String(grams([unitBarcodes[0]!], 20)));
    await waitForPackStep(page, 'scan-tracking');
    const popup = context.waitForEvent('page');
    await page.click('[data-testid=pack-print-waybill]');
    await page.waitForSelector('[data-testid=waybill-notice][data-kind=printed]');
    const [waybillNo] = [...kdniao.fake.issued].find(([, w]) => w.orderCode === `${orderId}-P1`)!;
    expect(await page.textContent('[data-testid=waybill-notice]')).toBe(
      `第1个包裹的面单 ${waybillNo} 已打开：请打印并贴在箱上。 再次打开面单`,
    );
    await spoken(`第1个包裹的面单 ${waybillNo} 已打开`);
    expect((await popup).url()).toBe(await page.getAttribute('[data-testid=waybill-open]', 'href'));
    // The page's CSP keeps fetch off blob: URLs; the blob itself is read where it was made.
    const pdf = await page.evaluate(async () => {
      const href = document.querySelector('[data-testid=waybill-open]')!.getAttribute('href')!;
      const blob = window.__blobs!.get(href)!;
      return [blob.type, new TextDecoder().decode(await blob.slice(0, 5).arrayBuffer())];
    });
    expect(pdf).toEqual(['application/pdf', '%PDF-']);

    // Parcel 2 packed offline: packed on the handheld, its waybill waits for the network.
    await context.setOffline(true);
    for (const code of unitBarcodes.slice(1)) await scanWedge(page, code);
    await waitForPackStep(page, 'choose-box');
    await page.click('[data-testid=box-BOX-S]');
    await typeInto(page, 'pack-weight', String(grams(unitBarcodes.slice(1), 120)));
    await waitForPackStep(page, 'scan-tracking');
    await page.click('[data-testid=pack-print-waybill]');
    await page.waitForSelector('[data-testid=waybill-notice][data-kind=offline]');
    const offline = '第2个包裹已装好，保存在本机。面单需要联网：恢复联网后再点“打印面单”。';
    expect(await page.textContent('[data-testid=waybill-notice]')).toBe(offline);
    await spoken(offline);
    await waitForPackStep(page, 'order-done');
    expect(await unsyncedCount(page)).toBe(1);

    await context.setOffline(false);
    await page.click('[data-testid=waybill-print-2]');
    await page.waitForSelector('[data-testid=waybill-notice][data-kind=refused]');
    const refused =
      '电子面单服务拒绝了第2个包裹（代码 106）。包裹已装好：可再点“打印面单”重试，或告诉主管。';
    expect(await page.textContent('[data-testid=waybill-notice]')).toBe(refused);
    await spoken(refused);
    expect(await page.isVisible('[data-testid=waybill-print-2]')).toBe(true);
    // Back online, the outbox drains on its own schedule (slower on a loaded machine).
    await expect.poll(() => unsyncedCount(page), { timeout: 30_000 }).toBe(0);

    const after = await supervisor.packOrder(orderId);
    expect(after.parcels.map((p) => [p.parcelNo, p.trackingNumber])).toEqual([
      [1, waybillNo],
      [2, null],
    ]);
    expect(after.status).toBe('picked');
    await context.close();
  });
});

import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { aServerAndBrowserPerFile } from '../support/server-and-browser';
import {
  outboxEventIds,
  pickCurrentLine,
  scanWedge,
  openWave,
  signIn,
  syncNow,
  unsyncedCount,
} from './handheld';
import { signInSupervisor } from './supervisor-api';

const HANDHELD = { width: 400, height: 800 };

/** Faults on the handheld itself: a page killed mid-push, a wiped database, a full disk. */
describe('the handheld under device faults', () => {
  const fx = aServerAndBrowserPerFile();

  async function openWaveIn(context: BrowserContext, badge: string, wave: string): Promise<Page> {
    const page = await context.newPage();
    await openWave(page, fx.server.url, badge, wave);
    return page;
  }

  it('a page killed after the server stored its push loses nothing and stores nothing twice', async () => {
    const context = await fx.browser.newContext({ viewport: HANDHELD, serviceWorkers: 'allow' });
    let page = await openWaveIn(context, 'P-0001', 'B26-07');
    await context.setOffline(true);
    await pickCurrentLine(page);
    await pickCurrentLine(page);
    const picked = await outboxEventIds(page);
    expect(picked).toHaveLength(2);

    // The push reaches the server and commits; the page dies before it hears the reply.
    let stored!: () => void;
    const pushStored = new Promise<void>((resolve) => (stored = resolve));
    await context.route('**/api/sync/push', async (route) => {
      await route.fetch();
      stored();
    });
    await context.setOffline(false);
    void page.evaluate(() => window.__wmsSync?.()).catch(() => undefined);
    await pushStored;
    await page.close({ runBeforeUnload: false });
    await context.unroute('**/api/sync/push');

    // Reopened offline first, so the outbox is seen as the dead page left it.
    await context.setOffline(true);
    page = await context.newPage();
    await page.goto(fx.server.url);
    await page.waitForSelector('[data-testid=unsynced-count]');
    expect(await outboxEventIds(page)).toEqual(picked);
    expect(await unsyncedCount(page)).toBe(2);
    await context.setOffline(false);
    await syncNow(page);
    expect(await unsyncedCount(page)).toBe(0);
    const detail = await (await signInSupervisor(fx.server.url)).waveDetail('W-GZ-B26-07');
    expect(detail.events.map((e) => e.id).sort()).toEqual([...picked].sort());
    await context.close();
  });

  it('a database wiped with unsynced picks re-registers as a new epoch, and the loss is an exception', async () => {
    const context = await fx.browser.newContext({ viewport: HANDHELD, serviceWorkers: 'allow' });
    const page = await openWaveIn(context, 'P-0002', 'B26-08');
    await context.setOffline(true);
    for (let i = 0; i < 3; i++) await pickCurrentLine(page);
    expect(await unsyncedCount(page)).toBe(3);

    await page.evaluate(
      () =>
        new Promise<void>((resolve) => {
          const request = indexedDB.deleteDatabase('wms-picking');
          request.onsuccess = request.onerror = request.onblocked = () => resolve();
        }),
    );
    await context.setOffline(false);
    await page.reload();
    await signIn(page, 'P-0002', '1234');
    await page.waitForSelector('[data-testid=pick-step], [data-testid=wave-B26-08]');

    const lost = (await (await signInSupervisor(fx.server.url)).openExceptions()).filter(
      (x) => x.kind === 'events-lost',
    );
    expect(lost).toHaveLength(1);
    expect(lost[0]?.qty).toBe(3);
    expect(lost[0]?.message).toMatch(/lost 3 unsynced scans \(seq 1–3\)/);
    await context.close();
  });

  it('a full disk is told to the picker, and the pick is not counted', async () => {
    const context = await fx.browser.newContext({ viewport: HANDHELD, serviceWorkers: 'allow' });
    const page = await openWaveIn(context, 'P-0003', 'B26-09');
    // Chromium raises QuotaExceededError from IndexedDB writes when the disk is full; CDP's quota
    // override does not reach IndexedDB writes here, so the error is raised where Chromium would.
    await page.evaluate(() => {
      for (const method of ['add', 'put'] as const) {
        IDBObjectStore.prototype[method] = function full(): IDBRequest<IDBValidKey> {
          throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
        };
      }
    });
    const bin = (await page.textContent('[data-testid=pick-bin]')) ?? '';
    const barcode = (await page.textContent('[data-testid=pick-barcode]')) ?? '';
    await scanWedge(page, bin);
    await page.waitForSelector('[data-testid=pick-step][data-step="scan-item"]');
    await scanWedge(page, barcode);
    await page.waitForSelector('[data-testid=pick-step][data-step="confirm-qty"]');
    await scanWedge(page, '');
    await page.waitForSelector('[data-testid=error]');
    expect(await page.textContent('[data-testid=error]')).toBe(
      '设备存储已满，拣货未保存。请立即同步并告知主管。',
    );
    expect(await outboxEventIds(page)).toEqual([]);
    expect(await unsyncedCount(page)).toBe(0);
    await context.close();
  });
});

import { availableQty } from '@wms/domain';
import type { InboundNotice } from '@wms/protocol';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { aServerAndBrowserPerFile } from '../support/server-and-browser';
import { scanWedge, signIn, syncNow, unsyncedCount } from './handheld';

const HANDHELD = { width: 360, height: 640 };

/** A supervisor's calls to the server (notices, the pool, bins), through the public API. */
async function aSupervisor(baseUrl: string) {
  const call = async <T>(path: string, init: RequestInit = {}, token?: string): Promise<T> => {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (token) headers.authorization = `Bearer ${token}`;
    const res = await fetch(new URL(path, baseUrl), { ...init, headers });
    const body = (await res.json()) as T;
    if (!res.ok) throw new Error(`${path}: HTTP ${res.status} ${JSON.stringify(body)}`);
    return body;
  };
  const device = await call<object>('/api/devices/register', {
    method: 'POST',
    body: JSON.stringify({ label: 'e2e-inbound' }),
  });
  const { token } = await call<{ token: string }>('/api/auth/login', {
    method: 'POST',
    body: JSON.stringify({ badge: 'S-0001', pin: '1234', ...device }),
  });
  return {
    notices: () => call<{ notices: InboundNotice[] }>('/api/inbound/notices', {}, token),
    notice: (id: string) => call<InboundNotice>(`/api/inbound/notices/${id}`, {}, token),
    createNotice: (body: unknown) =>
      call<InboundNotice>(
        '/api/inbound/notices',
        { method: 'POST', body: JSON.stringify(body) },
        token,
      ),
    pool: async (skuId: string) => {
      const stock = await call<{
        warehouses: { warehouseId: string; physical: number; reserved: number; inbound: number }[];
      }>(`/api/inventory/stock/${skuId}`, {}, token);
      const gz = stock.warehouses.find((w) => w.warehouseId === 'GZ')!;
      return { physical: gz.physical, reserved: gz.reserved, inbound: gz.inbound };
    },
    binStock: async (binCode: string, skuId: string) => {
      const bin = await call<{ stock: { skuId: string; qty: number }[] }>(
        `/api/inventory/bins/${binCode}`,
        {},
        token,
      );
      return bin.stock.filter((s) => s.skuId === skuId).reduce((sum, s) => sum + s.qty, 0);
    },
  };
}

type Pool = { physical: number; reserved: number; inbound: number };
const withAvailable = (p: Pool) => ({
  ...p,
  available: availableQty({ ...p, inboundCoefficientBp: 8000 }),
});

async function receivedOnScreen(page: Page) {
  return page.$$eval('[data-testid=inbound-line]', (rows) =>
    rows.map((r) => [r.getAttribute('data-sku'), Number(r.getAttribute('data-received'))]),
  );
}

describe('inbound on the handheld, offline', () => {
  const fx = aServerAndBrowserPerFile();

  it('receives an ASN offline through a reload, stores each event once, QC passes part, put-away moves exactly the passed units', async () => {
    const supervisor = await aSupervisor(fx.server.url);
    const demo = (await supervisor.notices()).notices;
    const lotSku = demo.flatMap((n) => n.lines).find((l) => l.lotTracked)!;
    // A SKU flagged for QC itself (the demo's QC-flagged supplier flags every line it sends).
    const qcSku = demo
      .filter((n) => n.supplierId === 'SUP-NB-PARTS')
      .flatMap((n) => n.lines)
      .find((l) => l.qcRequired)!;
    const lot0 = await supervisor.pool(lotSku.skuId);
    const qc0 = await supervisor.pool(qcSku.skuId);
    const notice = await supervisor.createNotice({
      code: 'ASN-E2E-0001',
      expectedDate: '2026-12-09',
      lines: [
        { skuId: lotSku.skuId, expectedQty: 8 },
        { skuId: qcSku.skuId, expectedQty: 5 },
      ],
    });
    // Expected: inbound up by what the notice expects.
    expect(await supervisor.pool(lotSku.skuId)).toEqual({ ...lot0, inbound: lot0.inbound + 8 });
    expect(await supervisor.pool(qcSku.skuId)).toEqual({ ...qc0, inbound: qc0.inbound + 5 });

    const context = await fx.browser.newContext({ viewport: HANDHELD, serviceWorkers: 'allow' });
    const page = await context.newPage();
    await page.goto(fx.server.url);
    await signIn(page, 'P-0001', '1234');
    await page.click('[data-testid=open-inbound]');
    await page.waitForSelector('[data-testid=inbound-notice][data-code="ASN-E2E-0001"]');
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });

    await context.setOffline(true);
    await page.click('[data-testid=inbound-notice][data-code="ASN-E2E-0001"]');
    await scanWedge(page, `(01)${lotSku.barcodes[0]}(10)LE2E01(17)271231`);
    await page.fill('[data-testid=inbound-qty]', '8');
    expect(await page.inputValue('[data-testid=inbound-lot]')).toBe('LE2E01');
    await page.click('[data-testid=inbound-receive]');
    await scanWedge(page, qcSku.barcodes[0]!);
    await page.fill('[data-testid=inbound-qty]', '5');
    await page.click('[data-testid=inbound-receive]');
    await page.waitForSelector(
      `[data-testid=inbound-line][data-sku="${qcSku.skuId}"][data-received="5"]`,
    );
    expect(await unsyncedCount(page)).toBe(2);

    await page.reload();
    await page.click('[data-testid=open-inbound]');
    await page.click('[data-testid=inbound-notice][data-code="ASN-E2E-0001"]');
    await page.waitForSelector('[data-testid=inbound-line]');
    expect(await receivedOnScreen(page)).toEqual([
      [lotSku.skuId, 8],
      [qcSku.skuId, 5],
    ]);
    expect(await unsyncedCount(page)).toBe(2);

    await context.setOffline(false);
    await syncNow(page);
    await syncNow(page);
    expect(await unsyncedCount(page)).toBe(0);
    const stored = await supervisor.notice(notice.id);
    expect(stored.lines.map((l) => [l.skuId, l.receivedQty])).toEqual([
      [lotSku.skuId, 8],
      [qcSku.skuId, 5],
    ]);
    // Received: out of inbound, into physical (not pickable yet).
    const lot1 = { ...lot0, physical: lot0.physical + 8 };
    const qc1 = { ...qc0, physical: qc0.physical + 5 };
    expect(withAvailable(await supervisor.pool(lotSku.skuId))).toEqual(withAvailable(lot1));
    expect(withAvailable(await supervisor.pool(qcSku.skuId))).toEqual(withAvailable(qc1));

    await page.click('[data-testid=inbound-back]');
    await page.click('[data-testid=open-qc]');
    await page.waitForSelector('[data-testid=inbound-signal][data-signal="awaiting-qc"]');
    await page.waitForSelector('[data-testid=qc-task]');
    await page.fill('[data-testid=qc-passed]', '3');
    await page.fill('[data-testid=qc-failed]', '2');
    await page.fill('[data-testid=qc-reason]', '灯罩划伤');
    await page.click('[data-testid=qc-record]');
    await page.waitForSelector('[data-testid=no-tasks]');
    await syncNow(page);
    // Failed units went to quarantine: out of physical.
    const qc2 = { ...qc1, physical: qc1.physical - 2 };
    expect(withAvailable(await supervisor.pool(qcSku.skuId))).toEqual(withAvailable(qc2));

    await page.click('[data-testid=inbound-back]');
    await page.click('[data-testid=open-put-away]');
    await page.waitForSelector('[data-testid=inbound-signal][data-signal="awaiting-put-away"]');
    const placed: [string, string, number][] = [];
    for (let i = 0; i < 2; i++) {
      await page.waitForSelector('[data-testid=put-away-task]');
      // The suggested bin comes with the server's task (a task made on the device has none yet).
      await page.waitForFunction(() =>
        /^[A-Z]{1,2}-\d{2}-\d{2}$/.test(
          document.querySelector('[data-testid=put-away-bin]')?.textContent ?? '',
        ),
      );
      const bin = (await page.textContent('[data-testid=put-away-bin]'))!;
      const text = (await page.textContent('[data-testid=put-away-task]'))!;
      const skuId = text.includes(lotSku.skuNameZh) ? lotSku.skuId : qcSku.skuId;
      placed.push([skuId, bin, skuId === lotSku.skuId ? 8 : 3]);
      const before = await supervisor.binStock(bin, skuId);
      if (i === 0) {
        // The item's own barcode where the bin is asked for: answered (never ignored), bin kept.
        await scanWedge(page, qcSku.barcodes[0]!);
        expect(await page.textContent('[data-testid=error]')).toBe(
          `${qcSku.barcodes[0]} 不是库位标签：请扫放货的库位。`,
        );
        expect(await page.textContent('[data-testid=put-away-bin]')).toBe(bin);
      }
      await scanWedge(page, bin);
      await page.waitForSelector('[data-testid=error]', { state: 'detached' });
      await page.click('[data-testid=put-away-confirm]');
      await syncNow(page);
      expect(await supervisor.binStock(bin, skuId)).toBe(before + (skuId === lotSku.skuId ? 8 : 3));
    }
    await page.waitForSelector('[data-testid=no-tasks]');
    expect(placed.map(([sku, , qty]) => [sku, qty]).sort()).toEqual(
      [
        [lotSku.skuId, 8],
        [qcSku.skuId, 3],
      ].sort(),
    );
    // Put-away moves units within the building: the pool stays where receipt and QC left it.
    expect(withAvailable(await supervisor.pool(lotSku.skuId))).toEqual(withAvailable(lot1));
    expect(withAvailable(await supervisor.pool(qcSku.skuId))).toEqual(withAvailable(qc2));
    await context.close();
  });
});

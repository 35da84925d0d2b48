import type { InboundNotice } from '@wms/protocol';
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { aServerAndBrowserPerFile } from '../support/server-and-browser';
import { scanWedge, signIn, syncNow, unsyncedCount } from './handheld';
import { signInSupervisor } from './supervisor-api';

const HANDHELD = { width: 360, height: 640 };
/** A valid EAN-13 no SKU of the demo carries (the demo's are 690…). */
const FOREIGN_BARCODE = '6970000000017';

/** A 360×640 handheld signed in as `badge` on the inbound screen, its app shell cached (offline-ready). */
async function onTheHandheld(url: string, browser: Browser, badge: string) {
  const context = await browser.newContext({ viewport: HANDHELD, serviceWorkers: 'allow' });
  const page = await context.newPage();
  await page.goto(url);
  await signIn(page, badge, '1234');
  await page.click('[data-testid=open-inbound]');
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  return { context, page };
}

async function linesOnScreen(page: Page, selector: string, attribute: string) {
  return page.$$eval(
    selector,
    (rows, name) => rows.map((r) => [r.getAttribute('data-sku'), Number(r.getAttribute(name))]),
    attribute,
  );
}

describe('returns and blind receipts on the handheld, offline', () => {
  const fx = aServerAndBrowserPerFile();

  it('grades a return offline through a reload (resellable, damaged, wrong item), each once, and the sale owes the refund of two', async () => {
    const admin = await signInSupervisor(fx.server.url, 'A-0001');
    const supervisor = await signInSupervisor(fx.server.url);
    const buyer = {
      channel: 'mini-program',
      placedAt: new Date().toISOString(),
      customerId: 'mp-user-3302',
      consignee: { name: '周建国', phone: '13926003302' },
      address: {
        province: '广东省',
        city: '广州市',
        district: '越秀区',
        detail: '中山五路 219 号',
      },
    };
    const { orderId: saleId } = (await admin.raw('/api/orders', {
      method: 'POST',
      body: JSON.stringify({
        ...buyer,
        channelOrderId: 'MP-RET-0001',
        paidCents: 38_700,
        lines: [{ skuId: 'SKU-00121', qty: 3, unitPriceCents: 12_900 }],
      }),
    })) as { orderId: string };
    const { orderId: returnId } = (await admin.raw('/api/orders', {
      method: 'POST',
      body: JSON.stringify({
        ...buyer,
        channelOrderId: 'MP-RET-0001-R',
        orderType: 'return',
        originalOrderId: saleId,
        paidCents: 0,
        lines: [{ skuId: 'SKU-00121', qty: 3, unitPriceCents: 12_900 }],
      }),
    })) as { orderId: string };
    const code = `RT-${returnId.toUpperCase()}`;
    const { notices } = (await supervisor.raw('/api/inbound/notices')) as {
      notices: InboundNotice[];
    };
    const notice = notices.find((n) => n.code === code)!;
    const barcode = notice.lines[0]!.barcodes[0]!;

    const { context, page } = await onTheHandheld(fx.server.url, fx.browser, 'P-0001');
    const mine = `[data-testid=inbound-notice][data-code="${code}"]`;
    await page.waitForSelector(mine);
    await context.setOffline(true);
    await page.click(mine);
    await page.waitForSelector('[data-testid=inbound-signal][data-signal="returning"]');
    // The first unit by its barcode, the second by its line (the same code twice within the
    // scanner's debounce is one trigger pull read twice, not a second unit).
    for (const grade of ['resellable', 'damaged'] as const) {
      if (grade === 'resellable') await scanWedge(page, barcode);
      else await page.click('[data-testid=return-line]');
      await page.waitForSelector('[data-testid=return-qty]');
      await page.click(`[data-testid=grade-${grade}]`);
      await page.waitForSelector('[data-testid=return-hint]');
    }
    // The customer sent something else back: said, then graded against the line it came for.
    await scanWedge(page, FOREIGN_BARCODE);
    expect(await page.textContent('[data-testid=error]')).toBe(
      `0${FOREIGN_BARCODE} 不在这张退货单上：请点选它所退的行，再选“错货”。`,
    );
    await page.click('[data-testid=return-line]');
    await page.click('[data-testid=grade-wrong-item]');
    await page.waitForSelector('[data-testid=return-line][data-graded="3"][data-wrong="1"]');
    expect(await unsyncedCount(page)).toBe(3);

    await page.reload();
    await page.click('[data-testid=open-inbound]');
    await page.click(mine);
    await page.waitForSelector('[data-testid=return-line]');
    expect(await linesOnScreen(page, '[data-testid=return-line]', 'data-graded')).toEqual([
      ['SKU-00121', 3],
    ]);
    expect(await unsyncedCount(page)).toBe(3);

    await context.setOffline(false);
    await syncNow(page);
    await syncNow(page);
    expect(await unsyncedCount(page)).toBe(0);
    const stored = (await supervisor.raw(`/api/inbound/notices/${notice.id}`)) as InboundNotice;
    expect(stored.lines.map((l) => [l.skuId, l.receivedQty, l.damagedQty, l.wrongItemQty])).toEqual(
      [['SKU-00121', 2, 1, 1]],
    );
    const trace = (await supervisor.raw(`/api/orders/${saleId}/trace`)) as {
      afterSales: Record<string, number>;
    };
    expect(trace.afterSales).toMatchObject({
      refundableCents: 25_800,
      refundHeldCents: 12_900,
      refundDueCents: 25_800,
    });
    const { exceptions } = (await supervisor.raw('/api/exceptions')) as {
      exceptions: { kind: string; message: string }[];
    };
    expect(exceptions.filter((x) => x.kind === 'return-wrong-item').map((x) => x.message)).toEqual([
      `Return ${code} (order ${returnId}): 1 × SKU-00121 expected, came 0${FOREIGN_BARCODE}: decide the refund and where it goes (退货错货)`,
    ]);
    // Another sync sends nothing again.
    await syncNow(page);
    const again = (await supervisor.raw(`/api/inbound/notices/${notice.id}`)) as InboundNotice;
    expect(again.lines[0]!.receivedQty).toBe(2);
    await context.close();
  });

  it('receives a delivery without notice offline through a reload: supplier chosen, lines made by the scans, flagged for review, once', async () => {
    const supervisor = await signInSupervisor(fx.server.url);
    const { notices } = (await supervisor.raw('/api/inbound/notices')) as {
      notices: InboundNotice[];
    };
    const demoLines = notices.flatMap((n) => n.lines);
    const lotSku = demoLines.find((l) => l.lotTracked)!;
    const plainSku = demoLines.find((l) => !l.lotTracked && !l.qcRequired)!;

    const { context, page } = await onTheHandheld(fx.server.url, fx.browser, 'P-0002');
    await page.waitForSelector('[data-testid=open-blind]');
    await context.setOffline(true);
    await page.click('[data-testid=open-blind]');
    await page.selectOption('[data-testid=blind-supplier]', 'SUP-NB-PARTS');
    await page.click('[data-testid=blind-start]');
    await scanWedge(page, `(01)${lotSku.barcodes[0]}(10)LBLIND01(17)271231`);
    await page.waitForSelector(`[data-testid=blind-form][data-sku="${lotSku.skuId}"]`);
    expect(await page.inputValue('[data-testid=inbound-lot]')).toBe('LBLIND01');
    expect(await page.inputValue('[data-testid=inbound-expiry]')).toBe('2027-12-31');
    await page.fill('[data-testid=inbound-qty]', '4');
    await page.click('[data-testid=inbound-receive]');
    await scanWedge(page, plainSku.barcodes[0]!);
    await page.waitForSelector(`[data-testid=blind-form][data-sku="${plainSku.skuId}"]`);
    await page.fill('[data-testid=inbound-qty]', '2');
    await page.click('[data-testid=inbound-receive]');
    await page.waitForSelector(
      `[data-testid=inbound-line][data-sku="${plainSku.skuId}"][data-received="2"]`,
    );
    expect(await unsyncedCount(page)).toBe(2);

    await page.reload();
    await page.click('[data-testid=open-inbound]');
    await page.click('[data-testid=inbound-notice][data-kind=blind]');
    await page.waitForSelector('[data-testid=inbound-line]');
    expect(await linesOnScreen(page, '[data-testid=inbound-line]', 'data-received')).toEqual([
      [lotSku.skuId, 4],
      [plainSku.skuId, 2],
    ]);
    expect(await unsyncedCount(page)).toBe(2);

    await context.setOffline(false);
    await syncNow(page);
    await syncNow(page);
    expect(await unsyncedCount(page)).toBe(0);
    const blind = async () =>
      (
        (await supervisor.raw('/api/inbound/notices')) as { notices: InboundNotice[] }
      ).notices.filter((n) => n.kind === 'blind');
    const [stored, ...more] = await blind();
    expect(more).toEqual([]);
    expect(stored).toMatchObject({ needsReview: true, supplierId: 'SUP-NB-PARTS' });
    expect(stored!.lines.map((l) => [l.skuId, l.expectedQty, l.receivedQty])).toEqual([
      [lotSku.skuId, 0, 4],
      [plainSku.skuId, 0, 2],
    ]);
    const dock = (await supervisor.raw('/api/inventory/bins/RV-00-01')) as {
      stock: { skuId: string; qty: number }[];
    };
    expect(dock.stock.filter((s) => s.skuId === lotSku.skuId)).toEqual([
      { skuId: lotSku.skuId, qty: 4 },
    ]);
    await syncNow(page);
    expect((await blind())[0]!.lines.map((l) => l.receivedQty)).toEqual([4, 2]);
    await context.close();
  });
});

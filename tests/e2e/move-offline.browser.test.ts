import type { MoveSlot, MoveWork, StockHistoryEntry } from '@wms/protocol';
import { describe, expect, it } from 'vitest';
import { aServerAndBrowserPerFile } from '../support/server-and-browser';
import { scanWedge, signIn, syncNow, unsyncedCount } from './handheld';
import { aSlotAndTarget, gs1Date, keyQty, moveStep, moveWork, openMoves } from './moves';
import { signInSupervisor } from './supervisor-api';

const HANDHELD = { width: 360, height: 640 };

const slotQty = (work: MoveWork, binCode: string, s: MoveSlot) =>
  work.slots
    .filter((x) => x.binCode === binCode && x.skuId === s.skuId && x.lot === s.lot)
    .reduce((sum, x) => sum + x.qty, 0);

describe('moves on the handheld, offline, exactly once', () => {
  const fx = aServerAndBrowserPerFile();

  it('two moves made offline survive a reload and move the server’s stock and ledger once each', async () => {
    const supervisor = await signInSupervisor(fx.server.url);
    const before = await moveWork(supervisor);
    const lotted = aSlotAndTarget(before, true, 3);
    const plain = aSlotAndTarget(before, false, 2, [lotted.slot.binCode, lotted.to.code]);

    const context = await fx.browser.newContext({ viewport: HANDHELD, serviceWorkers: 'allow' });
    const page = await context.newPage();
    await page.goto(fx.server.url);
    await signIn(page, 'P-0001', '1234');
    await openMoves(page);
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    await context.setOffline(true);

    // Move 1: a lot-tracked item by its GS1 label (lot and expiry), 3 units, to a scanned bin.
    const { slot, sku, to } = lotted;
    await scanWedge(page, slot.binCode);
    await moveStep(page, 'scan-item');
    await scanWedge(page, `(01)${sku.barcodes[0]}(10)${slot.lot}(17)${gs1Date(slot.expiry!)}`);
    await moveStep(page, 'key-qty');
    expect(await page.textContent('[data-testid=move-lot]')).toContain(slot.lot!);
    await keyQty(page, 3);
    await scanWedge(page, to.code);
    await page.waitForSelector('[data-testid=move-ok]');
    expect(await page.textContent('[data-testid=move-ok]')).toBe(
      `已从${slot.binCode}移3件到${to.code}，请扫描下一个移出库位`,
    );

    // Move 2: a plain item, 2 units; the target's label "won't scan": code and check digits keyed.
    await scanWedge(page, plain.slot.binCode);
    await moveStep(page, 'scan-item');
    await scanWedge(page, plain.sku.barcodes[0]!);
    await keyQty(page, 2);
    await page.click('[data-testid=move-label-unreadable]');
    await page.fill('[data-testid=move-keyed-bin-code]', plain.to.code);
    await page.fill('[data-testid=move-keyed-check-digits]', plain.to.checkDigits);
    await page.click('[data-testid=move-keyed-confirm]');
    await page.waitForSelector('[data-testid=move-ok]');
    await moveStep(page, 'scan-from-bin');
    expect(await unsyncedCount(page)).toBe(2);

    // Offline through a reload: both moves are in the outbox, and the view counts them.
    await page.reload();
    await openMoves(page);
    expect(await unsyncedCount(page)).toBe(2);
    await scanWedge(page, slot.binCode);
    await scanWedge(page, `(01)${sku.barcodes[0]}(10)${slot.lot}(17)${gs1Date(slot.expiry!)}`);
    await moveStep(page, 'key-qty');
    expect(await page.textContent('[data-testid=move-card]')).toContain(`可移 ${slot.free - 3} 件`);
    await page.click('[data-testid=move-restart]');
    // Nothing reached the server yet.
    expect(slotQty(await moveWork(supervisor), to.code, slot)).toBe(0);

    await context.setOffline(false);
    await syncNow(page);
    await syncNow(page);
    expect(await unsyncedCount(page)).toBe(0);
    await syncNow(page);

    const after = await moveWork(supervisor);
    expect([
      slotQty(after, slot.binCode, slot),
      slotQty(after, to.code, slot),
      slotQty(after, plain.slot.binCode, plain.slot),
      slotQty(after, plain.to.code, plain.slot),
    ]).toEqual([
      slotQty(before, slot.binCode, slot) - 3,
      3,
      slotQty(before, plain.slot.binCode, plain.slot) - 2,
      2,
    ]);
    // The ledger: each move is two rows naming its event, in the SKU's history, once.
    for (const [skuId, qty] of [
      [slot.skuId, 3],
      [plain.slot.skuId, 2],
    ] as const) {
      const { entries } = (await supervisor.raw(`/api/inventory/history/${skuId}`)) as {
        entries: StockHistoryEntry[];
      };
      const moves = entries.filter((e) => e.reason === 'move');
      expect(moves.map((e) => e.delta).sort()).toEqual([-qty, qty].sort());
      expect(new Set(moves.map((e) => e.eventId)).size).toBe(1);
      expect(moves.every((e) => e.userId === 'u-gz-p1')).toBe(true);
    }
    await context.close();
  });

  it('a move of more than the bin still holds is refused by the server, shown and said on the device', async () => {
    const supervisor = await signInSupervisor(fx.server.url);
    const { slot, sku, to } = aSlotAndTarget(await moveWork(supervisor), false, 2);
    const context = await fx.browser.newContext({ viewport: HANDHELD, serviceWorkers: 'allow' });
    const page = await context.newPage();
    await page.goto(fx.server.url);
    await signIn(page, 'P-0002', '1234');
    await openMoves(page);
    await context.setOffline(true);
    // Meanwhile a supervisor moves the units away: the device's copy still shows them free.
    await supervisor.raw('/api/inventory/moves', {
      method: 'POST',
      body: JSON.stringify({
        fromBinCode: slot.binCode,
        toBinCode: to.code,
        skuId: slot.skuId,
        qty: slot.free,
      }),
    });
    await scanWedge(page, slot.binCode);
    await scanWedge(page, sku.barcodes[0]!);
    await keyQty(page, 2);
    await scanWedge(page, to.code);
    await page.waitForSelector('[data-testid=move-ok]');
    await context.setOffline(false);
    await syncNow(page);
    await page.waitForSelector('[data-testid=move-refused]');
    const told = `Move refused: bin ${slot.binCode} did not have 2 of ${sku.name} free. Nothing moved; ask a supervisor to count the bin.`;
    expect(await page.textContent('[data-testid=move-refused]')).toContain(told);
    await page.waitForFunction(
      (text) => document.querySelector('[data-testid=prompt-text]')?.textContent === text,
      told,
    );
    expect(await page.evaluate(() => window.__wmsTones?.at(-1))).toBe('error');
    expect(await unsyncedCount(page)).toBe(0);
    // Stored and answered, nothing moved: the supervisor's move is all the target holds.
    expect(slotQty(await moveWork(supervisor), to.code, slot)).toBe(slot.free);
    await page.click('[data-testid=move-refused-dismiss]');
    await page.waitForSelector('[data-testid=move-refused]', { state: 'detached' });
    await context.close();
  });
});

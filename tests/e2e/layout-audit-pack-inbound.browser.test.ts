import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { InboundNotice, Sku } from '@wms/protocol';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { aServerAndBrowserPerFile } from '../support/server-and-browser';
import { scanWedge, signIn, syncInDeadZone, syncNow } from './handheld';
import { anAuditor, CODE_WORDS, HANDHELD_SIZES } from './layout-audit';
import { aSlotAndTarget, gs1Date, keyQty, moveStep, moveWork, openMoves } from './moves';
import { signInSupervisor, type SupervisorApi } from './supervisor-api';

const ARTIFACTS = join(import.meta.dirname, '..', 'artifacts', 'layout');

/** Names as shops list them: long, brand and model in Latin letters, pack size at the end. */
const LONG_NAMES = [
  {
    nameZh: '飞利浦 Sonicare 钻石亮白声波电动牙刷替换刷头 HX9064 标准型 8支装(白色)',
    name: 'Philips Sonicare DiamondClean replacement brush heads HX9064, standard, pack of 8, white',
  },
  {
    nameZh: '得力 33123 重型省力订书机 可订50页 附1000枚订书钉 办公文具套装',
    name: 'Deli 33123 heavy-duty stapler, low effort, staples 50 sheets, with 1000 staples',
  },
  {
    nameZh: '九阳 破壁料理机 L18-P390 家用多功能豆浆机 1.2升 静音款 含研磨杯',
    name: 'Joyoung high-speed blender L18-P390, soy milk maker, 1.2 litres, quiet, with grinder cup',
  },
];

const PACKERS = [
  { language: 'zh-CN', badge: 'P-0001', orderOf: 'W-GZ-B26-07' },
  { language: 'en', badge: 'P-0002', orderOf: 'W-GZ-B26-08' },
] as const;

/** Gives the SKUs long names in both languages (the admin's master data screen would). */
async function renameSkus(admin: SupervisorApi, skuIds: readonly string[]): Promise<string[]> {
  const { skus } = (await admin.raw('/api/admin/skus')) as { skus: Sku[] };
  const words: string[] = [];
  for (const [i, skuId] of skuIds.entries()) {
    const { id: _id, active: _active, ...sku } = skus.find((s) => s.id === skuId)!;
    const names = LONG_NAMES[i % LONG_NAMES.length]!;
    await admin.raw(`/api/admin/skus/${skuId}`, {
      method: 'PUT',
      body: JSON.stringify({ ...sku, ...names }),
    });
    words.push(...`${names.name} ${names.nameZh}`.split(/[^A-Za-z']+/));
  }
  return words.filter((w) => w.length > 1);
}

/** An open order of the wave with two lines (or more), for the bench. */
async function anOrderWithLines(supervisor: SupervisorApi, waveId: string) {
  const { lines } = await supervisor.waveDetail(waveId);
  const count = (orderId: string) => lines.filter((l) => l.orderId === orderId).length;
  const orderId = [...lines].reverse().find((l) => count(l.orderId) >= 2)!.orderId;
  return { orderId, skuIds: lines.filter((l) => l.orderId === orderId).map((l) => l.skuId) };
}

async function packStep(page: Page, step: string): Promise<void> {
  await page.waitForSelector(`[data-testid=pack-step][data-step="${step}"]`);
}

describe('layout audit of the pack bench, the inbound and the move screens', () => {
  const fx = aServerAndBrowserPerFile();

  it.each(PACKERS)(
    'fits each pack and inbound step (returns graded, blind receipts) on one 360×640 and 480×854 screen in $language',
    async ({ language, badge, orderOf }) => {
      mkdirSync(ARTIFACTS, { recursive: true });
      const admin = await signInSupervisor(fx.server.url, 'A-0001');
      const supervisor = await signInSupervisor(fx.server.url);
      const { orderId, skuIds } = await anOrderWithLines(supervisor, orderOf);
      const demo = (await admin.raw('/api/inbound/notices')) as { notices: InboundNotice[] };
      const demoLines = demo.notices.flatMap((n) => n.lines);
      const lotSku = demoLines.find((l) => l.lotTracked)!;
      // A SKU flagged for QC itself (the demo's QC-flagged supplier flags every line it sends).
      const qcSku = demo.notices
        .filter((n) => n.supplierId === 'SUP-NB-PARTS')
        .flatMap((n) => n.lines)
        .find((l) => l.qcRequired)!;
      const plainSku = demoLines.find(
        (l) => !l.qcRequired && !l.lotTracked && l.skuId !== qcSku.skuId,
      )!;
      const names = await renameSkus(admin, [...skuIds, lotSku.skuId, qcSku.skuId, plainSku.skuId]);
      const notice = (await admin.raw('/api/inbound/notices', {
        method: 'POST',
        body: JSON.stringify({
          code: `ASN-LAYOUT-${badge}`,
          expectedDate: '2026-12-09',
          lines: [
            { skuId: lotSku.skuId, expectedQty: 8 },
            { skuId: qcSku.skuId, expectedQty: 5 },
            { skuId: plainSku.skuId, expectedQty: 12 },
          ],
        }),
      })) as InboundNotice;

      const context = await fx.browser.newContext({ viewport: HANDHELD_SIZES[0] });
      const page = await context.newPage();
      const failures: string[] = [];
      const audit = anAuditor({
        page,
        sizes: HANDHELD_SIZES,
        prefix: `${language}-pack-inbound`,
        chinese: language === 'zh-CN',
        allowedWords: [...CODE_WORDS, ...names],
        artifacts: ARTIFACTS,
        failures,
      });
      await page.goto(fx.server.url);
      await signIn(page, badge, '1234');

      // The pack bench: order, items (one not in the order), box, weight, waybill.
      await page.click('[data-testid=pack-and-ship]');
      await packStep(page, 'scan-order');
      await audit('pack-1-scan-order', ['pack-step']);
      await scanWedge(page, orderId);
      await packStep(page, 'scan-items');
      const order = await supervisor.packOrder(orderId);
      await scanWedge(page, '06909999999994');
      await page.waitForSelector('[data-testid=pack-notice][data-kind=pack-not-in-order]');
      await audit('pack-2-not-in-order', [
        'pack-step',
        'pack-notice',
        'pack-order',
        `pack-line-${order.lines.at(-1)!.skuId}`,
      ]);
      await scanWedge(page, order.lines[0]!.barcodes[0]!);
      await audit('pack-3-scan-items', [
        'pack-step',
        'pack-order',
        `pack-line-${order.lines.at(-1)!.skuId}`,
        'pack-close-parcel',
      ]);
      await page.click('[data-testid=pack-close-parcel]');
      await packStep(page, 'choose-box');
      await audit('pack-4-choose-box', ['pack-step', `box-${order.boxes.at(-1)!.code}`]);
      await page.click(`[data-testid=box-${order.boxes[0]!.code}]`);
      await packStep(page, 'weigh');
      await audit('pack-5-weigh', ['pack-step', 'pack-expected', 'pack-weight-input']);
      const expected = (await page.textContent('[data-testid=pack-expected]'))!.match(/\d+/)![0];
      await page.fill('[data-testid=pack-weight-input]', expected);
      await page.click('[data-testid=pack-weight-enter]');
      await packStep(page, 'scan-tracking');
      await audit('pack-6-waybill', ['pack-step', 'pack-print-waybill', 'pack-tracking-input']);
      await context.setOffline(true);
      await page.click('[data-testid=pack-print-waybill]');
      await page.waitForSelector('[data-testid=waybill-notice][data-kind=offline]');
      await audit('pack-7-waybill-offline', ['waybill-notice', 'waybill-print-1', 'pack-step']);
      await context.setOffline(false);
      await page.click('[data-testid=ship-back]');

      // Inbound: the notices, receiving (lot, over-receipt), QC, put-away (another bin).
      await page.click('[data-testid=open-inbound]');
      const mine = `[data-testid=inbound-notice][data-code="${notice.code}"]`;
      await page.waitForSelector(mine);
      await audit('inbound-1-notices', ['inbound-signal', 'open-qc', 'open-put-away']);
      await page.click(mine);
      await page.waitForSelector('[data-testid=inbound-scan-hint]');
      await audit('inbound-2-receive', ['inbound-signal', 'inbound-scan-hint']);
      await scanWedge(page, `(01)${lotSku.barcodes[0]}(10)LAYOUT01(17)271231`);
      await page.waitForSelector('[data-testid=inbound-lot]');
      await audit('inbound-3-receive-lot', [
        'inbound-qty',
        'inbound-lot',
        'inbound-expiry',
        'inbound-damaged',
        'inbound-receive',
      ]);
      await page.fill('[data-testid=inbound-qty]', '10');
      await page.click('[data-testid=inbound-receive]');
      await page.waitForSelector('[data-testid=inbound-reason][aria-invalid=true]');
      await audit('inbound-4-over-receipt', ['inbound-reason', 'inbound-receive']);
      await page.selectOption('[data-testid=inbound-reason]', 'supplier-sent-more');
      await page.click('[data-testid=inbound-receive]');
      await page.waitForSelector(
        `[data-testid=inbound-line][data-sku="${lotSku.skuId}"][data-received="10"]`,
      );
      for (const [sku, qty] of [
        [qcSku, '5'],
        [plainSku, '12'],
      ] as const) {
        await scanWedge(page, sku.barcodes[0]!);
        await page.fill('[data-testid=inbound-qty]', qty);
        await page.click('[data-testid=inbound-receive]');
        await page.waitForSelector(
          `[data-testid=inbound-line][data-sku="${sku.skuId}"][data-received="${qty}"]`,
        );
      }
      await syncNow(page);
      await syncNow(page);

      await page.click('[data-testid=inbound-back]');
      await page.click('[data-testid=open-qc]');
      await page.waitForSelector('[data-testid=qc-task]');
      await audit('inbound-5-qc', ['inbound-signal', 'qc-passed', 'qc-failed', 'qc-record']);
      await page.click('[data-testid=inbound-back]');
      await page.click('[data-testid=open-put-away]');
      await page.waitForFunction(() =>
        /^[A-Z]{1,2}-\d{2}-\d{2}$/.test(
          document.querySelector('[data-testid=put-away-bin]')?.textContent ?? '',
        ),
      );
      await audit('inbound-6-put-away', [
        'inbound-signal',
        'put-away-bin',
        'put-away-check-digits',
        'put-away-confirm',
      ]);
      const bin = (await page.textContent('[data-testid=put-away-bin]'))!;
      await scanWedge(page, bin === 'Z-99-99' ? 'Z-99-98' : 'Z-99-99');
      await page.waitForSelector('[data-testid=put-away-reason]');
      await audit('inbound-7-put-away-other-bin', [
        'put-away-bin',
        'put-away-reason',
        'put-away-confirm',
      ]);

      // A customer's return, graded unit by unit (the demo's return notice in GZ).
      await page.click('[data-testid=inbound-back]');
      await page.click('[data-testid=inbound-notice][data-kind=return]');
      await page.waitForSelector('[data-testid=return-hint]');
      await audit('inbound-8-return', ['inbound-signal', 'return-line', 'return-hint']);
      await page.click('[data-testid=return-line]');
      await page.waitForSelector('[data-testid=return-qty]');
      await audit('inbound-9-return-grade', [
        'return-line',
        'return-qty',
        'grade-resellable',
        'grade-damaged',
        'grade-wrong-item',
      ]);
      await scanWedge(page, '6970000000017');
      await page.waitForSelector('[data-testid=error]');
      await audit('inbound-10-return-not-on-it', ['error', 'return-qty', 'grade-wrong-item']);

      // A delivery without notice: the supplier, then the scans make the lines.
      await page.click('[data-testid=inbound-back]');
      await page.click('[data-testid=open-blind]');
      await audit('inbound-11-blind-supplier', ['inbound-signal', 'blind-supplier', 'blind-start']);
      await page.selectOption('[data-testid=blind-supplier]', 'SUP-NB-PARTS');
      await page.click('[data-testid=blind-start]');
      await scanWedge(page, `(01)${lotSku.barcodes[0]}(10)LAYOUT02(17)271231`);
      await page.waitForSelector('[data-testid=blind-form]');
      await audit('inbound-12-blind-receive', [
        'blind-form',
        'inbound-qty',
        'inbound-lot',
        'inbound-expiry',
        'inbound-receive',
      ]);
      await context.close();
      expect(failures).toEqual([]);
    },
  );
  it.each(PACKERS)(
    'fits each move step (from bin, item, quantity, to bin, lot, done, refused) on one 360×640 and 480×854 screen in $language',
    async ({ language, badge }) => {
      mkdirSync(ARTIFACTS, { recursive: true });
      const admin = await signInSupervisor(fx.server.url, 'A-0001');
      const supervisor = await signInSupervisor(fx.server.url);
      const before = await moveWork(supervisor);
      const lotted = aSlotAndTarget(before, true, 3);
      const plain = aSlotAndTarget(before, false, 2, [lotted.slot.binCode, lotted.to.code]);
      const names = await renameSkus(admin, [lotted.sku.id, plain.sku.id]);

      const context = await fx.browser.newContext({ viewport: HANDHELD_SIZES[0] });
      const page = await context.newPage();
      const failures: string[] = [];
      const audit = anAuditor({
        page,
        sizes: HANDHELD_SIZES,
        prefix: `${language}-move`,
        chinese: language === 'zh-CN',
        allowedWords: [...CODE_WORDS, ...names],
        artifacts: ARTIFACTS,
        failures,
      });
      await page.goto(fx.server.url);
      await signIn(page, badge, '1234');
      await openMoves(page);
      // Offline, the device's stock is what it downloaded: a supervisor takes the plain slot's
      // free units meanwhile, so the device's move of them is refused at the next sync.
      await context.setOffline(true);
      await supervisor.raw('/api/inventory/moves', {
        method: 'POST',
        body: JSON.stringify({
          fromBinCode: plain.slot.binCode,
          toBinCode: plain.to.code,
          skuId: plain.slot.skuId,
          qty: plain.slot.free,
        }),
      });

      // The device has tried to sync in the dead zone (the status bar says so) before every step.
      await syncInDeadZone(page);
      const { slot, sku } = lotted;
      const facts = ['move-step', 'move-from', 'move-item', 'move-lot', 'move-qty'];
      await audit('move-1-scan-from-bin', ['move-step', 'move-label-unreadable']);
      await scanWedge(page, slot.binCode);
      await moveStep(page, 'scan-item');
      await audit('move-2-scan-item', ['move-step', 'move-from', 'move-restart']);
      await scanWedge(page, `(01)${sku.barcodes[0]}(10)${slot.lot}(17)${gs1Date(slot.expiry!)}`);
      await moveStep(page, 'key-qty');
      // While counting, the keypad's entry is the quantity.
      const counting = ['move-step', 'move-from', 'move-item', 'move-lot', 'qty-entry'];
      await audit('move-3-key-qty', [...counting, 'confirm-qty', 'key-9', 'key-0']);
      await keyQty(page, 3);
      await audit('move-4-scan-to-bin', [
        ...facts,
        'move-label-unreadable',
        'move-correct-lot',
        'move-restart',
      ]);
      await page.click('[data-testid=move-label-unreadable]');
      await page.waitForSelector('[data-testid=move-keyed-bin]');
      await audit('move-5-key-bin', [
        'move-step',
        'move-keyed-bin-code',
        'move-keyed-check-digits',
        'move-keyed-confirm',
      ]);
      await page.click('[data-testid=move-keyed-back]');
      await page.click('[data-testid=move-correct-lot]');
      await moveStep(page, 'scan-new-lot');
      await audit('move-6-scan-new-lot', [...facts, 'move-restart']);
      await scanWedge(page, `(01)${sku.barcodes[0]}(10)240917B(17)${gs1Date(slot.expiry!)}`);
      await moveStep(page, 'scan-to-bin');
      await audit('move-7-to-bin-new-lot', [...facts, 'move-new-lot', 'move-restart']);
      await page.click('[data-testid=move-restart]');
      await moveStep(page, 'scan-from-bin');
      await syncInDeadZone(page);

      // A plain move, made and recorded offline, then refused by the server.
      await scanWedge(page, plain.slot.binCode);
      await moveStep(page, 'scan-item');
      await scanWedge(page, plain.sku.barcodes[0]!);
      await keyQty(page, 2);
      await scanWedge(page, plain.to.code);
      await page.waitForSelector('[data-testid=move-ok]');
      await moveStep(page, 'scan-from-bin');
      await audit('move-8-done', ['move-step', 'move-ok', 'move-label-unreadable']);
      await context.setOffline(false);
      await syncNow(page);
      await page.waitForSelector('[data-testid=move-refused]');
      await audit('move-9-refused', ['move-step', 'move-refused', 'move-refused-dismiss']);
      await context.close();
      expect(failures).toEqual([]);
    },
  );
});

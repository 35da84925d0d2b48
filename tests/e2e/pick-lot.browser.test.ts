import type { MoveWork } from '@wms/protocol';
import { describe, expect, it } from 'vitest';
import { aServerAndBrowserPerFile } from '../support/server-and-browser';
import { signIn } from './handheld';
import { signInSupervisor } from './supervisor-api';

/** The pick card's lot line, as each language words it (the card, not the scan's answer). */
const CARD_LOT = '.pick-line [data-testid=pick-lot]';

describe('the pick card names the lot and expiry to pick', () => {
  const fx = aServerAndBrowserPerFile();

  it.each([
    {
      badge: 'P-0001',
      userId: 'u-gz-p1',
      words: (lot: string, day: string) => `批次 ${lot}，有效期至 ${day}`,
    },
    {
      badge: 'P-0002',
      userId: 'u-gz-p2',
      words: (lot: string, day: string) => `Lot ${lot}, use by ${day}`,
    },
  ])(
    'a lot-tracked line shows its FEFO lot and expiry to $badge',
    async ({ badge, userId, words }) => {
      const supervisor = await signInSupervisor(fx.server.url);
      const admin = await signInSupervisor(fx.server.url, 'A-0001');
      const work = (await supervisor.raw('/api/moves/work')) as MoveWork;
      const skuId = work.skus.find(
        (k) => k.lotTracked && work.slots.some((s) => s.skuId === k.id && s.free > 0),
      )!.id;
      // The oldest order of the warehouse, so that a one-order wave takes it.
      const { orderId } = (await admin.raw('/api/orders', {
        method: 'POST',
        body: JSON.stringify({
          channel: 'mini-program',
          channelOrderId: `MP-LOT-${badge}`,
          placedAt: '2026-01-05T02:00:00.000Z',
          customerId: `mp-lot-${badge}`,
          consignee: { name: '陈晓燕', phone: badge === 'P-0001' ? '13826001001' : '13826001002' },
          address: {
            province: '广东省',
            city: '广州市',
            district: '天河区',
            detail: '体育西路 191 号',
          },
          paidCents: 19_900,
          lines: [{ skuId, qty: 1, unitPriceCents: 19_900 }],
        }),
      })) as { orderId: string };
      const built = (await supervisor.raw('/api/waves/build', {
        method: 'POST',
        body: JSON.stringify({ maxOrders: 1, assignTo: userId }),
      })) as { waves: { waveId: string; code: string }[] };
      const wave = built.waves[0]!;
      // Issue 16: FEFO gave the line a lot that is not expired (and not short-dated).
      const line = (await supervisor.linesInWarehouse()).find((l) => l.orderId === orderId)!;
      expect(line.lot).toMatch(/\S/);
      expect(line.expiry).toMatch(/^\d{4}-\d{2}-\d{2}$/);

      const context = await fx.browser.newContext({ viewport: { width: 360, height: 640 } });
      const page = await context.newPage();
      await page.goto(fx.server.url);
      await signIn(page, badge, '1234');
      await page.click(`[data-testid=wave-${wave.code}]`);
      await page.waitForSelector('[data-testid=pick-step][data-step="scan-bin"]');
      expect(await page.textContent(CARD_LOT)).toBe(words(line.lot!, line.expiry!));
      const box = await page.locator(CARD_LOT).boundingBox();
      expect(box!.y + box!.height).toBeLessThanOrEqual(640);
      await context.close();
    },
  );
});

import type { MoveWork } from '@wms/protocol';
import type { Page } from 'playwright-core';
import type { SupervisorApi } from './supervisor-api';

/** What a browser test reads and does on the handheld's move screen (issue 16). */

/** `2027-01-31` as a GS1 label prints it (AI 17, YYMMDD). */
export const gs1Date = (day: string) => day.slice(2).replaceAll('-', '');

export const moveWork = async (supervisor: SupervisorApi) =>
  (await supervisor.raw('/api/moves/work')) as MoveWork;

/** A slot with `qty` units free (not planned for waves), and a bin that holds nothing of its SKU. */
export function aSlotAndTarget(
  work: MoveWork,
  lotTracked: boolean,
  qty: number,
  not: string[] = [],
) {
  const today = new Date().toISOString().slice(0, 10);
  const tracked = new Set(work.skus.filter((s) => s.lotTracked).map((s) => s.id));
  const slot = work.slots.find(
    (s) =>
      tracked.has(s.skuId) === lotTracked &&
      s.free >= qty &&
      !not.includes(s.binCode) &&
      (s.expiry === null || s.expiry > today) &&
      work.skus.find((k) => k.id === s.skuId)!.barcodes.length > 0,
  )!;
  const held = new Set(work.slots.filter((s) => s.skuId === slot.skuId).map((s) => s.binCode));
  const to = work.bins.filter((b) => !held.has(b.code) && !not.includes(b.code)).at(-1)!;
  const sku = work.skus.find((k) => k.id === slot.skuId)!;
  return { slot, to, sku };
}

export async function moveStep(page: Page, step: string) {
  await page.waitForSelector(`[data-testid=move-step][data-step="${step}"]`, { timeout: 15_000 });
}

/** Keys `qty` on the move's keypad and confirms it: the move asks for the target bin. */
export async function keyQty(page: Page, qty: number) {
  await moveStep(page, 'key-qty');
  for (const digit of String(qty)) await page.click(`[data-testid=key-${digit}]`);
  await page.click('[data-testid=confirm-qty]');
  await moveStep(page, 'scan-to-bin');
}

export async function openMoves(page: Page) {
  await page.click('[data-testid=open-moves]');
  await moveStep(page, 'scan-from-bin');
}

import { describe, expect, it } from 'vitest';
import { aServerAndBrowserPerFile } from '../support/server-and-browser';
import { errorText, pickCurrentLine, scanWedge, signIn, syncNow } from './handheld';
import { signInSupervisor } from './supervisor-api';

const promptText = (page: import('playwright-core').Page) =>
  page.textContent('[data-testid=prompt-text]');

describe('the handheld says what happened', () => {
  const fx = aServerAndBrowserPerFile();

  it('names a known wrong item, says an over-quantity, and tells where moved lines went', async () => {
    const api = await signInSupervisor(fx.server.url);
    const context = await fx.browser.newContext({ viewport: { width: 360, height: 640 } });
    const page = await context.newPage();
    await page.goto(fx.server.url);
    await signIn(page, 'P-0002', '1234');
    await page.click('[data-testid=wave-B26-08]');
    await page.waitForSelector('[data-testid=pick-step][data-step="scan-bin"]');
    const first = await pickCurrentLine(page);
    // "Line done" leads the next prompt (alone, it was always cut off by it).
    await page.waitForFunction(
      () =>
        document
          .querySelector('[data-testid=prompt-text]')
          ?.textContent?.startsWith('Line done. Wave B26-08. Bin '),
      undefined,
      { timeout: 5_000 },
    );

    const bin = (await page.textContent('[data-testid=pick-bin]')) ?? '';
    const barcode = (await page.textContent('[data-testid=pick-barcode]')) ?? '';
    const qty = Number(await page.textContent('[data-testid=pick-qty]'));
    const lines = await api.linesInWarehouse();
    const firstSku = lines.find((l) => l.barcodes.includes(first.barcode));
    expect(firstSku).toBeDefined();
    expect(first.barcode).not.toBe(barcode);
    await scanWedge(page, bin);
    await page.waitForSelector('[data-testid=pick-step][data-step="scan-item"]');

    // The item of the line before is a product this device knows: it is named.
    await scanWedge(page, first.barcode);
    await page.waitForSelector('[data-testid=error]');
    expect(await errorText(page)).toMatch(
      new RegExp(
        `^Wrong item: you scanned ${firstSku?.skuName}, not .+\\. Take the item from bin ${bin}\\.$`,
      ),
    );
    expect(await promptText(page)).toBe(
      `Wrong item: that is ${firstSku?.skuName}. Put it back and scan the item shown.`,
    );

    await scanWedge(page, barcode);
    await page.waitForSelector('[data-testid=pick-step][data-step="confirm-qty"]');
    if (qty > 1)
      expect(await promptText(page)).toBe(`Quantity ${qty}. Confirm, or scan each unit.`);
    await page.click('[data-testid=key-clear]');
    for (const digit of String(qty + 1)) await page.click(`[data-testid=key-${digit}]`);
    await page.click('[data-testid=confirm-qty]');
    await page.waitForSelector('[data-testid=error]');
    expect(await promptText(page)).toBe(`Too many. At most ${qty}.`);
    await syncNow(page);

    // The supervisor gives the rest of the wave to another picker: this picker's part is done,
    // and the end of the wave says so (it said "All lines picked" and "Wave B26-08 done").
    const before = await api.waveDetail('W-GZ-B26-08');
    await api.assignWave('W-GZ-B26-08', 'u-gz-p1', 'remaining');
    const moved = before.lines.length - (await api.waveDetail('W-GZ-B26-08')).lines.length;
    expect(moved).toBeGreaterThan(0);
    await syncNow(page);
    const done = await page.waitForSelector('[data-testid=wave-done]');
    expect(await done.textContent()).toBe(
      `Your line of wave B26-08 is done. ${moved} lines went to another picker.`,
    );
    expect(await page.textContent('[data-testid=pick-step]')).toContain('Your lines are done');
    await page.waitForFunction(
      () =>
        document.querySelector('[data-testid=prompt-text]')?.textContent?.startsWith('Your lines'),
      undefined,
      { timeout: 5_000 },
    );
    expect(await promptText(page)).toBe(
      `Your lines of wave B26-08 are done. ${moved} lines went to another picker.`,
    );
    await context.close();
  });
});

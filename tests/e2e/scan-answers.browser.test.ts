import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { aServerAndBrowserPerFile } from '../support/server-and-browser';
import { errorText, evenRun, pickStep, sendKeyRuns, signIn } from './handheld';

/**
 * Keys sent the way a scanner on a slow link sends them (Bluetooth, a busy handheld): `gapMs`
 * apart, then Enter unless `suffix` is false.
 */
async function scanSlowly(page: Page, code: string, gapMs: number, suffix = true): Promise<void> {
  await sendKeyRuns(page, [evenRun(suffix ? [...code, 'Enter'] : [...code], gapMs)]);
}

/** A code and the same code again `gapMs` later, both at scanner speed (one trigger pull read twice). */
async function scanTwice(page: Page, code: string, gapMs: number): Promise<void> {
  const keys = [...code, 'Enter'];
  await sendKeyRuns(page, [evenRun(keys, 3), evenRun(keys, 3, gapMs)]);
}

const tones = (page: Page) => page.evaluate(() => [...(window.__wmsTones ?? [])]);
const promptText = (page: Page) => page.textContent('[data-testid=prompt-text]');

describe('every scan is answered exactly once', () => {
  const fx = aServerAndBrowserPerFile();

  it('reads a slow burst, answers a repeat "already counted" and a bad read "not read"', async () => {
    const context = await fx.browser.newContext({ viewport: { width: 360, height: 640 } });
    const page = await context.newPage();
    await page.goto(fx.server.url);
    await signIn(page, 'P-0002', '1234');
    await page.click('[data-testid=wave-B26-08]');
    await page.waitForSelector('[data-testid=pick-step][data-step="scan-bin"]');
    const bin = (await page.textContent('[data-testid=pick-bin]')) ?? '';
    const barcode = (await page.textContent('[data-testid=pick-barcode]')) ?? '';
    const qty = Number(await page.textContent('[data-testid=pick-qty]'));

    // A bin label read over a slow link: 55 ms between keys, then Enter. It was taken as typing,
    // its letters dropped and its digits sent to the keypad, with no answer.
    await scanSlowly(page, bin, 55);
    await page.waitForSelector('[data-testid=pick-step][data-step="scan-item"]', {
      timeout: 5_000,
    });

    // One trigger pull read twice within the debounce: counted once, the second answered.
    await scanTwice(page, barcode, 150);
    await page.waitForFunction(
      () => document.querySelector('[data-testid=prompt-text]')?.textContent === 'Already counted.',
      undefined,
      { timeout: 5_000 },
    );
    expect(await pickStep(page)).toBe('confirm-qty');
    expect(await page.textContent('[data-testid=qty-entry]')).toBe(String(qty));
    expect(await page.$('[data-testid=unit-countdown]')).toBeNull();
    expect((await tones(page)).slice(-2)).toEqual(['ok', 'repeat']);

    // A GS1 string cut short looks like a UPC-A; its check digit says it is not.
    await scanSlowly(page, '010950110102', 3);
    await page.waitForSelector('[data-testid=error]');
    expect(await errorText(page)).toBe('Not read: scan again.');
    expect(await promptText(page)).toBe('Not read. Scan again.');
    expect((await tones(page)).at(-1)).toBe('not-read');

    // Letters sent slowly with no suffix: neither a scan nor typing. Answered, not dropped.
    await page.evaluate(() => window.__wmsTones?.splice(0));
    await scanSlowly(page, 'A-0', 60, false);
    await page.waitForFunction(() => window.__wmsTones?.length === 1, undefined, {
      timeout: 5_000,
    });
    expect(await tones(page)).toEqual(['not-read']);
    expect(await pickStep(page)).toBe('confirm-qty');
    expect(await page.textContent('[data-testid=qty-entry]')).toBe(String(qty));
    await context.close();
  });
});

import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { installFakeSpeech, spokenPrompts } from '../support/fake-speech';
import { aServerAndBrowserPerFile } from '../support/server-and-browser';
import { scanWedge, signIn } from './handheld';

/** A handheld as many arrive: Android's English voice only, no Chinese voice pack. */
const ENGLISH_ONLY = [{ name: 'English (United States)', lang: 'en-US' }];

async function aHandheldWithEnglishOnly(fx: ReturnType<typeof aServerAndBrowserPerFile>) {
  const context = await fx.browser.newContext({ viewport: { width: 360, height: 640 } });
  await installFakeSpeech(context, ENGLISH_ONLY);
  const page = await context.newPage();
  await page.goto(fx.server.url);
  return page;
}

async function isInFirstScreen(page: Page, selector: string): Promise<boolean> {
  const box = await page.locator(selector).boundingBox();
  return box !== null && box.y >= 0 && box.y + box.height <= 640;
}

describe('the voice-pack check at sign-in', () => {
  const fx = aServerAndBrowserPerFile();

  it('tells a Chinese picker there is no Chinese voice, how to install one, and never calls speak()', async () => {
    const page = await aHandheldWithEnglishOnly(fx);
    await signIn(page, 'P-0001', '1234');
    const missing = await page.waitForSelector('[data-testid=voice-missing]');
    expect(await isInFirstScreen(page, '[data-testid=voice-missing] p')).toBe(true);
    expect(await page.textContent('[data-testid=voice-missing] p')).toBe(
      '本手持机没有中文语音：提示只显示在屏幕上，不播报。',
    );
    await page.click('[data-testid=voice-missing] summary');
    const steps = await missing.$$eval('li', (items) => items.map((li) => li.textContent ?? ''));
    expect(steps).toHaveLength(4);
    expect(steps[1]).toContain('Google 文字转语音');
    expect(steps[2]).toContain('讯飞语音包');

    // Prompts are on screen only: the shift starts, a wrong bin is told, speak() is never called.
    await page.click('[data-testid=start-shift]');
    await page.click('[data-testid=wave-B26-07]');
    await page.waitForSelector('[data-testid=pick-step][data-step="scan-bin"]');
    await scanWedge(page, 'Z-99-99');
    await page.waitForSelector('[data-testid=error]');
    await page.waitForFunction(() =>
      document.querySelector('[data-testid=prompt-text]')?.textContent?.startsWith('库位错误'),
    );
    expect(await spokenPrompts(page)).toEqual([]);

    // Settings says so too, with the steps open.
    await page.click('[data-testid=leave-wave]');
    await page.click('[data-testid=open-settings]');
    await page.waitForSelector('.settings [data-testid=voice-missing] [data-testid=voice-install]');
    expect(await page.isVisible('.settings [data-testid=voice-install]')).toBe(true);
    expect(await page.$('[data-testid=voice-check]')).toBeNull();
    expect(await spokenPrompts(page)).toEqual([]);
    await page.context().close();
  });

  it('says nothing of voice packs to an English picker on the same handheld, and speaks', async () => {
    const page = await aHandheldWithEnglishOnly(fx);
    await signIn(page, 'P-0002', '1234');
    await page.waitForSelector('[data-testid=start-shift]');
    await page.click('[data-testid=start-shift]');
    await page.waitForFunction(() => (window.__spoken ?? []).length > 0);
    expect(await page.$('[data-testid=voice-missing]')).toBeNull();
    expect(await spokenPrompts(page)).toEqual([
      { text: 'Shift started. Voice prompts are on.', lang: 'en-US' },
    ]);
    await page.context().close();
  });
});

import { describe, expect, it } from 'vitest';
import { aServerAndBrowserPerFile } from '../support/server-and-browser';
import { openWave, pickCurrentLine, totalLines, unsyncedCount } from './handheld';

const HANDHELD = { width: 400, height: 800 };

/**
 * What `main` holds the first time anything is drawn in it: the wave's button and its progress
 * bar's value, or the text drawn instead.
 */
const FIRST_DRAWN = `
  new MutationObserver((_, observer) => {
    const main = document.querySelector('main');
    if (!main || main.childElementCount === 0) return;
    observer.disconnect();
    const wave = main.querySelector('[data-testid="wave-B26-07"]');
    window.__firstDrawn = wave
      ? { wave: true, done: Number(wave.querySelector('progress').getAttribute('value')) }
      : { wave: false, text: main.textContent };
  }).observe(document, { subtree: true, childList: true });`;

describe('the handheld’s cold start', () => {
  const fx = aServerAndBrowserPerFile();

  it('draws the wave list with its progress, unsynced picks included, in its first render, offline', async () => {
    const context = await fx.browser.newContext({ viewport: HANDHELD, serviceWorkers: 'allow' });
    const page = await context.newPage();
    await openWave(page, fx.server.url, 'P-0001', 'B26-07');
    await context.setOffline(true);
    const lineCount = await totalLines(page);
    await pickCurrentLine(page);
    await pickCurrentLine(page);
    expect(await unsyncedCount(page)).toBe(2);
    await page.click('[data-testid=leave-wave]');
    await page.waitForSelector('[data-testid=wave-B26-07]');

    const tab = await context.newPage();
    await tab.addInitScript(FIRST_DRAWN);
    await tab.goto(fx.server.url);
    await tab.waitForFunction(() => '__firstDrawn' in window);
    expect(await tab.evaluate(() => (window as { __firstDrawn?: unknown }).__firstDrawn)).toEqual({
      wave: true,
      done: 2,
    });
    // The live list agrees with what was drawn first.
    const progress = tab.locator('[data-testid=wave-B26-07] progress');
    expect(await progress.getAttribute('value')).toBe('2');
    expect(await progress.getAttribute('max')).toBe(String(lineCount));
    await context.close();
  });
});

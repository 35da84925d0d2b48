import { PROTOCOL_VERSION } from '@wms/protocol';
import { describe, expect, it } from 'vitest';
import { installFakeSpeech, spokenPrompts } from '../support/fake-speech';
import { aServerAndBrowserPerFile } from '../support/server-and-browser';
import { openWave, outboxEventIds, pickCurrentLine, syncNow, unsyncedCount } from './handheld';

const HANDHELD = { width: 400, height: 800 };

/**
 * A server that no longer reads this app's protocol version answers 426: the picks stay in the
 * outbox, the picker is told to update, and once the server reads the version they drain.
 */
describe('the protocol version handshake on the handheld', () => {
  const fx = aServerAndBrowserPerFile();

  it('keeps the outbox on 426 app_update_required, shows and says "update the app", and drains after', async () => {
    const context = await fx.browser.newContext({ viewport: HANDHELD, serviceWorkers: 'allow' });
    await installFakeSpeech(context);
    const page = await context.newPage();
    await openWave(page, fx.server.url, 'P-0001', 'B26-07');
    const barHeight = async () =>
      (await page.locator('[data-testid=status-bar]').boundingBox())?.height ?? 0;
    const oneRow = await barHeight();
    await context.setOffline(true);
    await pickCurrentLine(page);
    await pickCurrentLine(page);
    const picked = await outboxEventIds(page);
    expect(picked).toHaveLength(2);

    const versions: (string | undefined)[] = [];
    await context.route('**/api/sync/**', async (route) => {
      versions.push(route.request().headers()['x-protocol-version']);
      await route.fulfill({
        status: 426,
        contentType: 'application/json',
        body: JSON.stringify({
          error: {
            code: 'app_update_required',
            message: 'This server reads protocol versions 99 to 99: update the app',
            params: { deviceVersion: String(PROTOCOL_VERSION), oldest: 99, newest: 99 },
          },
        }),
      });
    });
    await context.setOffline(false);
    await expect(syncNow(page)).rejects.toThrow();
    expect(await outboxEventIds(page)).toEqual(picked);
    expect(await unsyncedCount(page)).toBe(2);
    expect(versions.length).toBeGreaterThan(0);
    expect(new Set(versions)).toEqual(new Set([String(PROTOCOL_VERSION)]));
    // P-0001 works in Chinese: the refusal is worded from its code, not the server's English.
    await page.waitForSelector('[data-testid=sync-error]');
    expect(await page.textContent('[data-testid=sync-error]')).toContain(
      '请更新应用：扫描记录会保留在本机，更新后再发送。',
    );
    // In the bar's one row (a second row pushed the step's keypad down); a tap opens it in full.
    expect(await barHeight()).toBe(oneRow);
    await page.click('[data-testid=sync-error]');
    expect(await page.getAttribute('[data-testid=sync-error]', 'aria-expanded')).toBe('true');
    expect(await barHeight()).toBeGreaterThan(oneRow);
    await page.click('[data-testid=sync-error]');
    expect(await barHeight()).toBe(oneRow);

    // …and says it, once, in Chinese: a picker looks at the bins, not at the status bar.
    const update = '请更新应用：扫描记录会保留在本机，更新后再发送。';
    await page.waitForFunction(
      (text) => (window.__spoken ?? []).some((prompt) => prompt.text === text),
      update,
      { timeout: 10_000 },
    );
    await expect(syncNow(page)).rejects.toThrow();
    const said = (await spokenPrompts(page)).filter((prompt) => prompt.text === update);
    expect(said).toEqual([{ text: update, lang: 'zh-CN' }]);

    await context.unroute('**/api/sync/**');
    await syncNow(page);
    expect(await unsyncedCount(page)).toBe(0);
    await context.close();
  });
});

import { describe, expect, it } from 'vitest';
import { aServerAndBrowserPerFile } from '../support/server-and-browser';
import { signIn } from './handheld';

describe('handheld settings', () => {
  const fx = aServerAndBrowserPerFile();

  it('lets a picker change language, and keeps the scanner profile behind a supervisor PIN', async () => {
    const context = await fx.browser.newContext({ viewport: { width: 360, height: 640 } });
    const page = await context.newPage();
    await page.goto(fx.server.url);
    await signIn(page, 'P-0002', '1234');
    await page.click('[data-testid=open-settings]');
    await page.waitForSelector('[data-testid=scanner-locked]');
    expect(await page.$('[data-testid=scanner-prefix]')).toBeNull();

    // P-0002's profile says English; on the handheld the picker switches to Chinese.
    await page.click('[data-testid=language-zh-CN]');
    await page.waitForFunction(() => document.documentElement.lang === 'zh-CN');
    expect(await page.textContent('.settings h2')).toBe('语言');
    expect(await page.getAttribute('[data-testid=language-zh-CN]', 'aria-pressed')).toBe('true');

    // Another picker's badge and PIN do not unlock the scanner profile.
    await page.fill('[data-testid=unlock-badge]', 'P-0001');
    await page.fill('[data-testid=unlock-pin]', '1234');
    await page.click('[data-testid=unlock]');
    expect(await (await page.waitForSelector('[data-testid=unlock-error]')).textContent()).toBe(
      '未解锁：该工牌和密码不是主管的。',
    );
    expect(await page.$('[data-testid=scanner-prefix]')).toBeNull();

    await page.fill('[data-testid=unlock-badge]', 'S-0001');
    await page.click('[data-testid=unlock]');
    await page.waitForSelector('[data-testid=scanner-prefix]');
    await context.close();
  });

  it('gives a picker the language tapped at login, over the profile, until the next sign-in', async () => {
    const context = await fx.browser.newContext({
      viewport: { width: 360, height: 640 },
      locale: 'en-US',
    });
    const page = await context.newPage();
    await page.goto(fx.server.url);
    await page.waitForSelector('[data-testid=badge]');
    // P-0002's profile says English; at the login screen the picker taps 中文.
    expect(await page.textContent('[data-testid=login-language]')).toBe('中文');
    await page.click('[data-testid=login-language]');
    await page.waitForFunction(() => document.documentElement.lang === 'zh-CN');
    await signIn(page, 'P-0002', '1234');
    await page.waitForSelector('[data-testid=user-name]');
    expect(await page.textContent('.wave-list h1')).toBe('我的波次');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
    // A reload keeps it (the session holds the chosen language).
    await page.reload();
    await page.waitForSelector('[data-testid=user-name]');
    expect(await page.textContent('.wave-list h1')).toBe('我的波次');

    // Signed out, the next picker who taps nothing gets their own profile's language.
    await page.click('[data-testid=sign-out]');
    await page.waitForSelector('[data-testid=badge]');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
    await signIn(page, 'P-0002', '1234');
    await page.waitForSelector('[data-testid=user-name]');
    expect(await page.textContent('.wave-list h1')).toBe('My waves');
    await context.close();
  });

  it('unlocks the scanner profile with a supervisor PIN offline, and stops guessing after five wrong PINs', async () => {
    const context = await fx.browser.newContext({ viewport: { width: 360, height: 640 } });
    const page = await context.newPage();
    await page.goto(fx.server.url);
    await signIn(page, 'P-0002', '1234');
    await page.click('[data-testid=open-settings]');
    await page.waitForSelector('[data-testid=scanner-locked]');
    // Signed in with signal, the handheld has its warehouse's leads (no PIN, only verifiers).
    await page.waitForFunction(async () => {
      const stored = await new Promise<unknown>((resolve, reject) => {
        const open = indexedDB.open('wms-picking');
        open.onerror = () => reject(open.error ?? new Error('cannot open wms-picking'));
        open.onsuccess = () => {
          const get = open.result.transaction('meta').objectStore('meta').get('unlockVerifiers');
          get.onsuccess = () => {
            open.result.close();
            resolve(get.result);
          };
        };
      });
      return JSON.stringify(stored ?? null).includes('S-0001');
    });

    // The back aisle: no network. Nothing reaches the server from here on.
    await context.setOffline(true);
    const asked: string[] = [];
    page.on('request', (request) => {
      if (request.url().includes('/api/')) asked.push(request.url());
    });
    let attempts = 0;
    const unlock = async (badge: string, pin: string) => {
      await page.fill('[data-testid=unlock-badge]', badge);
      await page.fill('[data-testid=unlock-pin]', pin);
      await page.click('[data-testid=unlock]');
      attempts += 1;
    };
    const refusal = async () =>
      (
        await page.waitForSelector(`[data-testid=unlock-error][data-attempt="${attempts}"]`)
      ).textContent();
    await unlock('S-0001', '9999');
    expect(await refusal()).toBe('Not unlocked: that badge and PIN are not a supervisor’s.');
    // A picker's badge is on no list of leads: refused offline too.
    await unlock('P-0001', '1234');
    expect(await refusal()).toBe('Not unlocked: that badge and PIN are not a supervisor’s.');
    // The lead's PIN is checked on the handheld: no request at all (the picker's badge above was
    // tried on the server, and the request failed offline).
    asked.length = 0;
    await unlock('s-0001', '1234');
    await page.waitForSelector('[data-testid=scanner-prefix]');
    expect(asked).toEqual([]);

    // Five wrong PINs in a row: then even the right one waits (the PIN cannot be guessed here).
    await page.click('[data-testid=setup-back]');
    await page.click('[data-testid=open-settings]');
    attempts = 0;
    for (const pin of ['0000', '1111', '2222', '3333', '4444']) {
      await unlock('S-0001', pin);
      expect(await refusal()).toBe('Not unlocked: that badge and PIN are not a supervisor’s.');
    }
    await unlock('S-0001', '1234');
    expect(await refusal()).toBe(
      'Not unlocked: too many wrong PINs on this handheld. Try again in 15 minutes.',
    );
    expect(await page.$('[data-testid=scanner-prefix]')).toBeNull();
    await context.close();
  });
});

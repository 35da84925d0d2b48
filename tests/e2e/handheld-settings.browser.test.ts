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
});

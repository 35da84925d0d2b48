import { randomBytes } from 'node:crypto';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeWechatShop } from '../../apps/server/src/connectors/wechat-shop/fake-wechat-shop';
import {
  anOrderId,
  aWechatOrder,
} from '../../apps/server/src/connectors/wechat-shop/wechat-fixtures';
import { aServerAndBrowserPerFile } from '../support/server-and-browser';
import { signIn } from './handheld';

const APP_ID = 'wx5f1c2d3e4a5b6c7d';
const SECRET = '3f8e2a9c1b7d4e6f0a5c8b2d9e1f4a7c';

/** The text of a cell of the shop's row, read at once. */
const cell = (page: Page, testId: string) =>
  page.evaluate(
    ([row, id]) =>
      document.querySelector(`[data-testid="${row}"] [data-testid=${id}]`)?.textContent ?? null,
    [`connector-${APP_ID}`, testId] as const,
  );

/** Reloads the list (away and back) until the shop's cell reads `expected`, for up to 40 s. */
async function waitForCell(page: Page, testId: string, expected: string) {
  for (let i = 0; i < 40; i += 1) {
    if ((await cell(page, testId)) === expected) return;
    await page.waitForTimeout(1_000);
    await page.click('[data-testid=tab-devices]');
    await page.click('[data-testid=tab-connectors]');
    await page.waitForSelector(`[data-testid="connector-${APP_ID}"]`);
  }
  expect(await cell(page, testId)).toBe(expected);
}

// The server seals shop credentials with CONNECTOR_KEY; the shop is a local 微信小店.
describe('the connectors screen', () => {
  const fx = aServerAndBrowserPerFile({
    env: { CONNECTOR_KEY: randomBytes(32).toString('base64') },
  });
  let fake: FakeWechatShop;
  beforeAll(async () => {
    fake = await FakeWechatShop.start({ appId: APP_ID, appSecret: SECRET });
    fake.addOrder(aWechatOrder(anOrderId(1), Math.floor(Date.now() / 1000) + 2));
  });
  afterAll(() => fake?.close());

  it('adds a 微信小店 shop that is then pulled, shows its state, pauses and resumes it and replays a window', async () => {
    const context = await fx.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto(fx.server.url);
    await signIn(page, 'A-0001', '1234');
    await page.click('[data-testid=open-admin]');
    await page.click('[data-testid=tab-connectors]');
    await page.waitForSelector('[data-testid=panel-connectors]');

    await page.click('[data-testid=add-connector]');
    await page.selectOption('[data-testid=connector-platform]', 'wechat-shop');
    await page.fill('[data-testid=connector-shopId]', APP_ID);
    await page.fill('[data-testid=connector-name]', '微信小店 良品母婴');
    await page.fill('[data-testid=connector-appKey]', APP_ID);
    await page.fill('[data-testid=connector-appSecret]', SECRET);
    await page.fill('[data-testid=connector-pushToken]', 'wmsPushToken2026');
    await page.fill(
      '[data-testid=connector-pushAesKey]',
      'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG',
    );
    await page.fill('[data-testid=connector-baseUrl]', fake.baseUrl);
    await page.click('[data-testid=save-connector]');
    await page.waitForSelector('[data-testid=connector-notice]');
    expect(await page.textContent('[data-testid=connector-notice]')).toBe(
      'Shop added: its first pull starts now.',
    );

    // The server's scheduler pulls it: the paid order (its code not mapped: parked for review).
    await waitForCell(page, 'connector-pulled', '1');
    expect(await cell(page, 'connector-status')).toBe('pulling');
    expect(fake.calls.some((c) => c.path === '/channels/ec/order/list/get')).toBe(true);

    await page.click(`[data-testid="connector-${APP_ID}"] [data-testid=pause-connector]`);
    await page.waitForSelector(`[data-testid="connector-${APP_ID}"][data-status=paused]`);
    expect(await cell(page, 'connector-status')).toBe('paused');
    await page.click(`[data-testid="connector-${APP_ID}"] [data-testid=resume-connector]`);
    await page.waitForSelector(`[data-testid="connector-${APP_ID}"][data-status=active]`);

    await page.click(`[data-testid="connector-${APP_ID}"] [data-testid=replay-connector]`);
    const [from, to] = await page.evaluate(() => {
      const local = (ms: number) =>
        new Date(ms - new Date(ms).getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
      return [local(Date.now() - 3_600_000), local(Date.now() + 60_000)];
    });
    await page.fill('[data-testid=replay-from]', from);
    await page.fill('[data-testid=replay-to]', to);
    await page.click('[data-testid=send-replay]');
    await page.waitForFunction(() =>
      document.querySelector('[data-testid=connector-notice]')?.textContent?.startsWith('Replay'),
    );
    expect(await page.textContent('[data-testid=connector-notice]')).toBe(
      'Replay stored: 0 new, 0 changed.',
    );
    await context.close();
  });
});

import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { aServerAndBrowserPerFile } from '../support/server-and-browser';
import {
  pickCurrentLine,
  scanViaIme,
  scanWedge,
  signIn,
  syncNow,
  unsyncedCount,
  type PickedLine,
} from './handheld';
import { signInSupervisor } from './supervisor-api';

const HANDHELD = { width: 400, height: 800 };
const TABLET = { width: 1024, height: 768 };
const WIDE_TABLET = { width: 1280, height: 800 };
const PHONE = { width: 360, height: 640 };
const ARTIFACTS = join(import.meta.dirname, '..', 'artifacts');

/** A sync that may be refused (the push is failing on purpose): the pull still runs. */
async function trySync(page: Page): Promise<void> {
  await page.evaluate(async () => {
    await window.__wmsSync?.().catch(() => undefined);
  });
}

/** Fails every push with a server error, as an overloaded server would: pulls still go through. */
async function failPushes(context: BrowserContext): Promise<void> {
  await context.route('**/api/sync/push', (route) =>
    route.fulfill({
      status: 500,
      contentType: 'application/json',
      body: JSON.stringify({ error: { code: 'internal', message: 'push failing (test)' } }),
    }),
  );
}

/** A supervisor on a tablet types the badge (no scanner), then the PIN on the keypad. */
async function signInTyped(page: Page, badge: string): Promise<void> {
  await page.waitForSelector('[data-testid=badge]');
  await page.fill('[data-testid=badge]', badge);
  for (const digit of '1234') await page.click(`[data-testid=key-${digit}]`);
  await page.click('[data-testid=login-submit]');
}

async function openWave(page: Page, code: string): Promise<void> {
  await page.click(`[data-testid=wave-${code}]`);
  await page.waitForSelector('[data-testid=pick-step][data-step="scan-bin"]');
}

describe('the supervisor console: live board and moving a wave off an offline picker', () => {
  const fx = aServerAndBrowserPerFile();

  it('A picks offline while the supervisor moves the wave to B; B picks; A comes back', async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    const api = await signInSupervisor(fx.server.url);
    // B26-07 starts with Zhang Min (A); it will move to Li Wei (B).
    await api.assignWave('W-GZ-B26-07', 'u-gz-p2');

    const aContext = await fx.browser.newContext({ viewport: HANDHELD, serviceWorkers: 'allow' });
    const a = await aContext.newPage();
    await a.goto(fx.server.url);
    await signIn(a, 'P-0002', '1234');
    await openWave(a, 'B26-07');
    const aPicks: PickedLine[] = [await pickCurrentLine(a)];
    await syncNow(a);
    expect(await unsyncedCount(a)).toBe(0);
    // Pushes start failing: two more picks stay on A's device, which still reports them.
    await failPushes(aContext);
    aPicks.push(await pickCurrentLine(a), await pickCurrentLine(a));
    await trySync(a);
    // Then the network goes altogether; A keeps picking.
    await aContext.setOffline(true);
    aPicks.push(await pickCurrentLine(a));
    expect(await unsyncedCount(a)).toBe(3);

    const sContext = await fx.browser.newContext({ viewport: TABLET, serviceWorkers: 'allow' });
    const s = await sContext.newPage();
    await s.goto(fx.server.url);
    await signInTyped(s, 'S-0001');
    await s.waitForSelector('[data-testid=console][data-live=live]');
    await s.waitForSelector('[data-testid=board-wave-B26-07][data-done="1"]');
    await s.waitForSelector('[data-testid=board-picker-u-gz-p2][data-backlog="2"]');

    // The move: before confirming, A's backlog and last-seen time are on screen.
    await s.click('[data-testid=move-B26-07]');
    await s.waitForSelector('[data-testid=move-lines]');
    expect(await s.getAttribute('[data-testid=move-backlog]', 'data-backlog')).toBe('2');
    expect(await s.textContent('[data-testid=move-last-seen]')).toContain('Zhang Min');
    await s.selectOption('[data-testid=move-to]', 'u-gz-p1');
    await s.click('[data-testid=move-confirm]');
    await s.waitForSelector('[data-testid=board-wave-B26-07][data-assignee="Li Wei"]');

    // B sees only what remains (A's unsynced picks are still open on the server) and picks one
    // of the lines A has in hand.
    const bContext = await fx.browser.newContext({ viewport: HANDHELD, serviceWorkers: 'allow' });
    const b = await bContext.newPage();
    await b.goto(fx.server.url);
    await signIn(b, 'P-0001', '1234');
    await openWave(b, 'B26-07');
    const bPick = await pickCurrentLine(b);
    expect(bPick.bin).toBe(aPicks[1]?.bin);
    await syncNow(b);
    // Live: the board hears of B's pick through the SSE poke, not the 10 s poll.
    await s.waitForSelector('[data-testid=board-wave-B26-07][data-done="2"]', { timeout: 3_000 });

    // A comes back: every pick is stored and kept; A's device says so and leaves the wave.
    await aContext.unroute('**/api/sync/push');
    await aContext.setOffline(false);
    await syncNow(a);
    expect(await unsyncedCount(a)).toBe(0);
    const notice = await a.waitForSelector('[data-testid=notice][data-reason=reassigned]');
    expect(await notice.textContent()).toContain(
      'Wave B26-07 moved to Li Wei; your 4 picks were kept',
    );
    expect(await a.$('[data-testid=pick-step]')).toBeNull();
    await a.screenshot({ path: join(ARTIFACTS, 'picker-wave-moved.png') });

    // The board: 4 lines done (A's 4, one of them also filled by B), credits, one over-pick.
    await s.waitForSelector('[data-testid=board-wave-B26-07][data-done="4"]', { timeout: 3_000 });
    await s.waitForSelector('[data-testid=exceptions-over-pick][data-count="1"]');
    const credits = await s.textContent(
      '[data-testid=board-wave-B26-07] [data-testid=wave-credits]',
    );
    expect(credits).toBe('Li Wei 1 · Zhang Min 3');
    await s.screenshot({ path: join(ARTIFACTS, 'console-board.png'), fullPage: true });
    const board = await api.board();
    expect(board.pickers.find((p) => p.userId === 'u-gz-p2')?.backlog).toBe(0);
    const exceptions = await api.openExceptions();
    expect(exceptions.filter((e) => e.kind === 'over-pick')).toEqual([
      expect.objectContaining({
        qty: bPick.qty,
        message: expect.stringMatching(
          new RegExp(`^Return ${bPick.qty} × .+ to bin ${bPick.bin}:`),
        ),
      }),
    ]);

    // The exceptions queue: the over-pick with its evidence; assigning it answers it.
    await s.click('[data-testid=tab-exceptions]');
    const overPick = await s.waitForSelector('[data-testid=queue-item][data-kind=over-pick]');
    expect(await overPick.textContent()).toContain(bPick.bin);
    expect(await overPick.textContent()).toContain('Zhang Min');
    await s.selectOption('[data-testid=exceptions-queue] select', 'u-gz-p2');
    await s.click('[data-testid=queue-item][data-kind=over-pick] [data-testid=queue-assign]');
    await s.waitForFunction(() =>
      document
        .querySelector('[data-testid=queue-item][data-kind=over-pick]')
        ?.textContent?.includes('Zhang Min'),
    );
    await s.screenshot({ path: join(ARTIFACTS, 'console-exceptions.png'), fullPage: true });
    // KPIs with the charts (uPlot, loaded with that tab).
    await s.click('[data-testid=tab-kpis]');
    await s.waitForSelector('[data-testid=charts] canvas');
    await s.waitForSelector('[data-testid=health-day]');
    await s.screenshot({ path: join(ARTIFACTS, 'console-kpis.png'), fullPage: true });
    await s.click('[data-testid=tab-board]');

    // Offline, the last board stays readable, marked stale with its age (even after a reload).
    await s.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    await sContext.setOffline(true);
    await s.reload();
    await s.waitForSelector('[data-testid=board-stale]');
    expect(await s.textContent('[data-testid=board-stale]')).toMatch(/1/);
    expect(await s.getAttribute('[data-testid=board-wave-B26-07]', 'data-done')).toBe('4');
    expect(await s.isDisabled('[data-testid=move-B26-07]')).toBe(true);
    await Promise.all([aContext.close(), bContext.close(), sContext.close()]);
  });

  it('a zh-CN supervisor reads the console in Chinese and acts on every queue item', async () => {
    const api = await signInSupervisor(fx.server.url);
    // A bin label that fails three times in a row on Li Wei's handheld opens a reprint task.
    const hContext = await fx.browser.newContext({ viewport: PHONE });
    const h = await hContext.newPage();
    await h.goto(fx.server.url);
    await signIn(h, 'P-0001', '1234');
    await openWave(h, 'B26-07');
    await h.screenshot({ path: join(ARTIFACTS, 'handheld-360x640.png') });
    const labelBin = (await h.textContent('[data-testid=pick-bin]')) ?? '';
    await scanWedge(h, labelBin.slice(0, -1));
    await h.waitForSelector('[data-testid=error]');
    await scanViaIme(h, labelBin.slice(0, -2));
    await h.click('[data-testid=label-unreadable]');
    await h.waitForSelector('[data-testid=check-digits-panel]');
    await syncNow(h);
    await hContext.close();

    const sContext = await fx.browser.newContext({ viewport: WIDE_TABLET });
    const s = await sContext.newPage();
    await s.goto(fx.server.url);
    await signInTyped(s, 'S-0001');
    await s.waitForSelector('[data-testid=console][data-live=live]');
    // Times through Intl in Chinese (24-hour clock), wave statuses in words.
    expect(await s.textContent('[data-testid=board-updated]')).toMatch(
      /^● 实时 · 更新于 \d{2}:\d{2}:\d{2}$/,
    );
    expect(await s.textContent('[data-testid=board-wave-B26-07] [data-testid=wave-status]')).toBe(
      '拣货中',
    );
    // The destinations map: one tile per province, its name and count as text.
    const board = await api.board();
    const guangdong = board.provinces
      .filter((p) => p.province.startsWith('广东'))
      .reduce((sum, p) => sum + p.orders, 0);
    expect(guangdong).toBeGreaterThan(0);
    const tile = await s.waitForSelector('[data-testid=province-广东]');
    expect(await tile.getAttribute('aria-label')).toBe(`广东: ${guangdong} 单`);
    expect(await s.$$eval('.province-tile', (tiles) => tiles.length)).toBe(34);
    await s.screenshot({ path: join(ARTIFACTS, 'console-1280x800.png') });
    await s.screenshot({ path: join(ARTIFACTS, 'console-zh-board.png'), fullPage: true });
    await (
      await s.$('[data-testid=province-map]')
    )?.screenshot({
      path: join(ARTIFACTS, 'province-map.png'),
    });

    // The queue: every item has an action; an over-pick is worded in Chinese, not the server's English.
    await s.click('[data-testid=tab-exceptions]');
    const reprint = '[data-testid=queue-item][data-kind=reprint-label]';
    await s.waitForSelector(reprint);
    const overPick = '[data-testid=queue-item][data-kind=over-pick]';
    expect(await s.textContent(overPick)).toMatch(
      /^多拣 请将 \d+ 件 .+ 放回库位 [A-Z]-\d{2}-\d{2}/,
    );
    // Its evidence names the product in Chinese (the SKU's Chinese name), not the English one.
    const product = await s.textContent(`${overPick} .evidence div:has(> dt:text-is("商品")) > dd`);
    expect(product).toMatch(/[\u4e00-\u9fff]/);
    await s.click(`${overPick} [data-testid=queue-count-task]`);
    const count = '[data-testid=queue-item][data-kind=cycle-count]';
    await s.waitForSelector(count);
    const actionless = await s.$$eval('[data-testid=queue-item]', (items) =>
      items
        .filter((item) => item.querySelectorAll('.queue-actions button').length === 0)
        .map((item) => item.getAttribute('data-kind')),
    );
    expect(actionless).toEqual([]);

    // The reprint task: assigned, its label printed from it, then resolved.
    expect(await s.textContent(reprint)).toContain(
      `重打库位 ${labelBin} 的标签：连续 3 次扫描失败`,
    );
    await s.selectOption('[data-testid=exceptions-queue] select', 'u-gz-p2');
    await s.click(`${reprint} [data-testid=queue-assign]`);
    await s.waitForFunction(
      (selector) => document.querySelector(selector)?.textContent?.includes('处理人 Zhang Min'),
      reprint,
    );
    const [label] = await Promise.all([
      s.waitForResponse((r) => r.url().includes('/api/labels/bins.pdf')),
      s.click(`${reprint} [data-testid=queue-reprint]`),
    ]);
    expect([label.status(), label.url().endsWith(`codes=${labelBin}`)]).toEqual([200, true]);
    await s.click(`${reprint} [data-testid=queue-resolve]`);
    await s.waitForSelector(reprint, { state: 'detached' });
    expect((await api.openTasks()).filter((t) => t.kind === 'reprint-label')).toEqual([]);

    // The count: a count that differs from stock changes the bin's stock through the ledger.
    const task = (await api.openTasks()).find((t) => t.kind === 'cycle-count')!;
    const before = await api.binStock(task.binCode, task.skuId!);
    const counted = Math.abs(before) + 2;
    await s.fill(`${count} [data-testid=queue-count-qty]`, String(counted));
    await s.click(`${count} [data-testid=queue-count]`);
    await s.waitForSelector(count, { state: 'detached' });
    expect(await s.textContent('[data-testid=queue-message]')).toBe(
      `已盘点 ${counted}（系统库存 ${before}）。`,
    );
    expect(await api.binStock(task.binCode, task.skuId!)).toBe(counted);
    await s.screenshot({ path: join(ARTIFACTS, 'console-zh-exceptions.png'), fullPage: true });

    // KPIs: no rate from a minute of work, formula lines and chart legends in Chinese.
    await s.click('[data-testid=tab-kpis]');
    await s.waitForSelector('[data-testid=charts] canvas');
    expect(
      await s.textContent('[data-testid=kpi-picker-u-gz-p2] [data-testid=lines-per-hour]'),
    ).toBe('数据不足');
    const ratios = await s.$$eval('[data-testid=health-day] [data-testid=health-ratio]', (lines) =>
      lines.map((line) => line.textContent ?? ''),
    );
    expect(ratios.map((line) => line.split(':')[0])).toEqual([
      '按时发货 / 应发货',
      '48 小时内签收 / 已发货',
      '15 分钟内响应的异常 / 异常',
      '已填必填字段 / 必填字段',
      '30 秒内状态同步 / 状态同步',
      '客户查询状态次数 / 订单',
    ]);
    const legend = await s.$$eval('[data-testid=charts] .u-legend .u-label', (labels) =>
      labels.map((label) => label.textContent),
    );
    expect(legend.slice(0, 3)).toEqual(['时间', '行数', '件数']);
    await s.screenshot({ path: join(ARTIFACTS, 'console-zh-kpis.png'), fullPage: true });
    await sContext.close();
  });

  it('moving the remaining lines of a wave tells the picker who had them how many went', async () => {
    const api = await signInSupervisor(fx.server.url);
    const before = await api.waveDetail('W-GZ-B26-08');
    const context = await fx.browser.newContext({ viewport: HANDHELD });
    const a = await context.newPage();
    await a.goto(fx.server.url);
    await signIn(a, 'P-0002', '1234');
    await openWave(a, 'B26-08');
    await pickCurrentLine(a);
    await syncNow(a);
    expect(await unsyncedCount(a)).toBe(0);

    await api.assignWave('W-GZ-B26-08', 'u-gz-p1', 'remaining');
    const after = await api.waveDetail('W-GZ-B26-08');
    const moved = before.lines.length - after.lines.length;
    expect(moved).toBeGreaterThan(0);
    await syncNow(a);
    const notice = await a.waitForSelector('[data-testid=notice][data-reason=lines-moved]');
    expect(await notice.textContent()).toContain(
      `${moved} lines of wave B26-08 went to another picker; any you already picked still count.`,
    );
    await context.close();
  });
});

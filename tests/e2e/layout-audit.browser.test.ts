import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { aServerAndBrowserPerFile } from '../support/server-and-browser';
import type { Page } from 'playwright-core';
import { scanWedge, signIn, syncInDeadZone, syncNow } from './handheld';
import { anAuditor, CODE_WORDS, HANDHELD_SIZES as SIZES } from './layout-audit';
import { signInSupervisor } from './supervisor-api';

const ARTIFACTS = join(import.meta.dirname, '..', 'artifacts', 'layout');

/** The tablet sizes of the console and admin audit. */
const TABLETS = [
  { width: 1024, height: 768 },
  { width: 1280, height: 800 },
] as const;
/** Terms a Chinese console keeps in Latin letters (file formats, the PIN). */
const TABLET_WORDS = [...CODE_WORDS, 'PDF', 'ZPL', 'CSV', 'Excel', 'PIN', 'QR', 'ID'];
const CONSOLE_TABS = ['board', 'inbound', 'exceptions', 'kpis'] as const;
const ADMIN_TABS = [
  'devices',
  'bins',
  'skus',
  'users',
  'zones',
  'warehouses',
  'hubAdmins',
] as const;

/** Every Latin word in the master data's values (names, labels, codes): data, not UI text. */
function wordsOfValues(value: unknown): string[] {
  if (typeof value === 'string') return value.match(/[A-Za-z][A-Za-z']+/g) ?? [];
  if (Array.isArray(value)) return value.flatMap(wordsOfValues);
  if (value && typeof value === 'object') return Object.values(value).flatMap(wordsOfValues);
  return [];
}

async function dialogClosesWithEscape(page: Page, selector: string): Promise<boolean> {
  await page.keyboard.press('Escape');
  return page
    .waitForSelector(selector, { state: 'detached', timeout: 2_000 })
    .then(() => true)
    .catch(() => false);
}

interface Pickers {
  language: 'en' | 'zh-CN';
  badge: string;
  waveCode: string;
  waveId: string;
  /** Who the rest of the wave is given to at the end. */
  other: string;
}

const PICKERS: readonly Pickers[] = [
  { language: 'en', badge: 'P-0002', waveCode: 'B26-08', waveId: 'W-GZ-B26-08', other: 'u-gz-p1' },
  {
    language: 'zh-CN',
    badge: 'P-0001',
    waveCode: 'B26-07',
    waveId: 'W-GZ-B26-07',
    other: 'u-gz-p2',
  },
];

describe('layout audit of every handheld step, and of every console and admin tab', () => {
  const fx = aServerAndBrowserPerFile();

  it.each(PICKERS)(
    'fits each step on one 360×640 and 480×854 screen in $language',
    async (picker) => {
      mkdirSync(ARTIFACTS, { recursive: true });
      const api = await signInSupervisor(fx.server.url);
      const names = (await api.linesInWarehouse()).flatMap((line) => [line.skuName, line.skuId]);
      const allowedWords = [
        ...CODE_WORDS,
        ...names.flatMap((name) => name.match(/[A-Za-z][A-Za-z']+/g) ?? []),
      ];
      const context = await fx.browser.newContext({ viewport: SIZES[0] });
      const page = await context.newPage();
      const failures: string[] = [];
      const audit = anAuditor({
        page,
        sizes: SIZES,
        prefix: picker.language,
        chinese: picker.language === 'zh-CN',
        allowedWords,
        artifacts: ARTIFACTS,
        failures,
      });

      await page.goto(fx.server.url);
      await signIn(page, picker.badge, '1234');
      await page.click(`[data-testid=wave-${picker.waveCode}]`);
      await page.waitForSelector('[data-testid=pick-step][data-step="scan-bin"]');
      await audit('1-scan-bin', ['pick-step', 'pick-bin', 'pick-qty', 'pick-product']);

      await page.click('[data-testid=label-unreadable]');
      await page.waitForSelector('[data-testid=check-digits-panel]');
      await audit('2-check-digits', [
        'pick-step',
        'pick-bin',
        'check-digits-entry',
        'confirm-check-digits',
      ]);

      const bin = (await page.textContent('[data-testid=pick-bin]')) ?? '';
      const barcode = (await page.textContent('[data-testid=pick-barcode]')) ?? '';
      await scanWedge(page, bin);
      await page.waitForSelector('[data-testid=pick-step][data-step="scan-item"]');
      await audit('3-scan-item', ['pick-step', 'pick-product', 'pick-qty', 'pick-barcode']);

      await scanWedge(page, barcode);
      await page.waitForSelector('[data-testid=pick-step][data-step="confirm-qty"]');
      const withNote = (await page.$('[data-testid=pick-note]')) ? ['pick-note'] : [];
      await audit('4-quantity', [
        'pick-product',
        'pick-qty',
        'qty-entry',
        'confirm-qty',
        ...withNote,
      ]);

      // The same step in a dead zone: the sync has failed and the status bar says so.
      await context.setOffline(true);
      await syncInDeadZone(page);
      await audit('4-quantity-dead-zone', [
        'pick-product',
        'pick-qty',
        'qty-entry',
        'confirm-qty',
        ...withNote,
      ]);
      // One word in the bar; a tap says what it means, a second tap folds it away.
      expect(await page.textContent('[data-testid=net-status]')).toBe(
        picker.language === 'zh-CN' ? '离线' : 'Offline',
      );
      await page.click('[data-testid=net-status]');
      expect(await page.textContent('[data-testid=sync-unreachable]')).toBe(
        picker.language === 'zh-CN'
          ? '无法连接服务器：拣货记录保存在本设备上，恢复连接后自动上传。'
          : 'No connection to the server: picks are kept on this device and sent when it is back.',
      );
      await page.click('[data-testid=net-status]');
      expect(await page.$('[data-testid=sync-unreachable]')).toBeNull();
      await context.setOffline(false);

      await page.click('[data-testid=short]');
      await page.waitForSelector('[data-testid=short-empty]');
      await audit('5-short', ['pick-bin', 'short-empty', 'short-damaged', 'short-not-found']);
      await page.click('[data-testid=short-cancel]');
      // One line picked, then the rest of the wave goes to another picker: notices, wave done.
      await page.click('[data-testid=confirm-qty]');
      await page
        .waitForSelector('[data-testid=pick-progress][data-done="1"]', {
          state: 'attached',
          timeout: 10_000,
        })
        .catch(async (error: unknown) => {
          await page.screenshot({ path: join(ARTIFACTS, `${picker.language}-confirm-failed.png`) });
          throw error;
        });

      await syncNow(page);
      await api.assignWave(picker.waveId, picker.other, 'remaining');
      await syncNow(page);
      await page.waitForSelector('[data-testid=wave-done]');
      await page.waitForSelector('[data-testid=notice]');
      await audit('6-notices-wave-done', ['notice', 'wave-done', 'back-to-waves']);

      await context.close();
      expect(failures).toEqual([]);
    },
  );

  it.each(['en', 'zh-CN'] as const)(
    'fits every tab at 1024×768 and 1280×800 in %s: no overflow, 44 px targets, Esc closes dialogs',
    async (language) => {
      mkdirSync(ARTIFACTS, { recursive: true });
      const admin = await signInSupervisor(fx.server.url, 'A-0001');
      await admin.raw('/api/admin/users/u-gz-a1', {
        method: 'PUT',
        body: JSON.stringify({ name: 'Chen Jie', role: 'admin', badge: 'A-0001', language }),
      });
      const data = await Promise.all(
        ['skus', 'users', 'warehouses', 'zones'].map((list) => admin.raw(`/api/admin/${list}`)),
      );
      const devices = await admin.raw('/api/devices');
      // Notice numbers, SKU and supplier names of the inbound tab (issue 23): data, not UI text.
      const inbound = await admin.raw('/api/inbound/work');
      // A held order, so that the queue has an item to draw (with its evidence and actions).
      const [line] = (await admin.waveDetail('W-GZ-B26-08')).lines;
      if (language === 'en') await admin.holdOrder(line!.orderId, '客户来电要求暂缓发货');
      const allowedWords = [...TABLET_WORDS, ...wordsOfValues([data, devices, inbound])];
      const context = await fx.browser.newContext({ viewport: TABLETS[0] });
      const page = await context.newPage();
      const failures: string[] = [];
      const audit = anAuditor({
        page,
        sizes: TABLETS,
        prefix: `tablet-${language}`,
        chinese: language === 'zh-CN',
        allowedWords,
        artifacts: ARTIFACTS,
        failures,
        minTarget: 44,
      });

      await page.goto(fx.server.url);
      await signIn(page, 'A-0001', '1234');
      await page.waitForSelector('[data-testid=console][data-live=live]');
      for (const tab of CONSOLE_TABS) {
        await page.click(`[data-testid=tab-${tab}]`);
        if (tab === 'board') await page.waitForSelector('[data-testid=province-map]');
        if (tab === 'inbound') await page.waitForSelector('[data-testid^=inbound-notice-]');
        if (tab === 'exceptions') await page.waitForSelector('[data-testid=queue-item]');
        if (tab === 'kpis') await page.waitForSelector('[data-testid=charts] canvas');
        await audit(`console-${tab}`);
      }
      await page.click('[data-testid=tab-board]');
      await page.click('.board-waves [data-testid^=move-]:not([disabled])');
      await page.waitForSelector('[data-testid=move-lines]');
      await audit('console-move-dialog');
      if (!(await dialogClosesWithEscape(page, '[data-testid=move-dialog]')))
        failures.push(`${language}: the move dialog stays open on Esc`);

      await page.click('[data-testid=tab-inbound]');
      await page.click('[data-testid^=assign-notice-]:not([disabled])');
      await page.waitForSelector('[data-testid=inbound-assign-dialog]');
      await audit('console-inbound-assign-dialog');
      if (!(await dialogClosesWithEscape(page, '[data-testid=inbound-assign-dialog]')))
        failures.push(`${language}: the inbound assign dialog stays open on Esc`);

      await page.click('[data-testid=open-admin]');
      for (const tab of ADMIN_TABS) {
        await page.click(`[data-testid=tab-${tab}]`);
        await page.waitForSelector('.admin-panel table, .admin-panel .empty');
        await audit(`admin-${tab}`);
      }
      await page.click('[data-testid=tab-bins]');
      await page.click('[data-testid=create]');
      await page.waitForSelector('[data-testid=entity-form]');
      await audit('admin-bin-form');
      await page.focus('[data-testid=entity-form] input');
      if (!(await dialogClosesWithEscape(page, '[data-testid=entity-form]')))
        failures.push(`${language}: the bin form stays open on Esc`);
      await context.close();
      expect(failures).toEqual([]);
    },
  );
});

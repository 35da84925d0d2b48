import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { aServerAndBrowserPerFile } from '../support/server-and-browser';
import { scanWedge, signIn, syncNow } from './handheld';
import { auditLayout, type LayoutFinding } from './layout-audit';
import { signInSupervisor } from './supervisor-api';

const SIZES = [
  { width: 360, height: 640 },
  { width: 480, height: 854 },
] as const;
const ARTIFACTS = join(import.meta.dirname, '..', 'artifacts', 'layout');

/** Codes and names a Chinese screen may show in Latin letters (bins, waves, SKUs, units). */
const CODE_WORDS = ['SKU', 'GS', 'OK', 'ml', 'kg', 'cm', 'mm', 'g', 'pcs'];

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

describe('layout audit of every handheld step', () => {
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
      const audit = async (step: string, essential: readonly string[]) => {
        for (const size of SIZES) {
          await page.setViewportSize(size);
          await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(resolve)));
          const finding = await auditLayout(
            page,
            essential,
            picker.language === 'zh-CN',
            allowedWords,
          );
          const name = `${picker.language}-${size.width}x${size.height}-${step}`;
          await page.screenshot({ path: join(ARTIFACTS, `${name}.png`) });
          failures.push(...describeFinding(name, finding));
        }
        await page.setViewportSize(SIZES[0]);
      };

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
});

function describeFinding(name: string, finding: LayoutFinding): string[] {
  const out: string[] = [];
  if (finding.overflowX > 0) out.push(`${name}: ${finding.overflowX} px wider than the screen`);
  for (const id of finding.hidden) out.push(`${name}: ${id} not in the first screen or covered`);
  for (const control of finding.small) out.push(`${name}: control under 48 px: ${control}`);
  if (finding.english.length > 0)
    out.push(`${name}: English on a Chinese screen: ${finding.english.join(' ')}`);
  return out;
}

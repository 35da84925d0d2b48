import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/chromium';
import { installFakeSpeech, spokenPrompts } from '../support/fake-speech';
import { startServerProcess, type ServerProcess } from '../support/server-process';
import { errorText, scanViaIme, scanWedge, signIn, syncNow, totalLines } from './handheld';
import { signInSupervisor, type SupervisorApi } from './supervisor-api';

const HANDHELD = { width: 400, height: 800 };

describe('the picker’s exceptions on the handheld PWA', () => {
  let server: ServerProcess;
  let browser: Browser;
  let supervisor: SupervisorApi;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServerProcess(), launchChromium()]);
    supervisor = await signInSupervisor(server.url);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function openWave(badge: string, waveCode: string): Promise<Page> {
    const context = await browser.newContext({ viewport: HANDHELD });
    await installFakeSpeech(context);
    const page = await context.newPage();
    await page.goto(server.url);
    await signIn(page, badge, '1234');
    await page.click('[data-testid=start-shift]');
    await page.click(`[data-testid=wave-${waveCode}]`);
    await page.waitForSelector('[data-testid=pick-step][data-step="scan-bin"]');
    return page;
  }

  it('speaks each instruction in the picker’s language, codes spelled, and shows it too', async () => {
    const page = await openWave('P-0001', 'B26-07');
    const bin = (await page.textContent('[data-testid=pick-bin]')) ?? '';
    const qty = (await page.textContent('[data-testid=pick-qty]')) ?? '';
    const spelled = bin.replace(/-/g, '').split('').join(' ');
    await page.waitForFunction(() => (window.__spoken ?? []).length >= 2);
    expect(await spokenPrompts(page)).toEqual([
      { text: '开始上班，语音提示已打开', lang: 'zh-CN' },
      { text: `波次 B 2 6 0 7，库位 ${spelled}，数量${qty}件`, lang: 'zh-CN' },
    ]);
    expect(await page.textContent('[data-testid=prompt-text]')).toBe(
      `波次B26-07，库位${bin}，数量${qty}件`,
    );
    await scanWedge(page, 'Z-99-99');
    await page.waitForFunction(() => (window.__spoken ?? []).length >= 3);
    expect((await spokenPrompts(page)).at(-1)).toEqual({
      text: `库位错误，请到 ${spelled}`,
      lang: 'zh-CN',
    });
    expect(await page.getAttribute('[data-testid=pick-step]', 'data-signal')).toBe('error');
    await page.context().close();
  });

  it('reports a bin label that fails three times in a row, and takes its check digits', async () => {
    const page = await openWave('P-0001', 'B26-07');
    const bin = (await page.textContent('[data-testid=pick-bin]')) ?? '';
    // Three partial reads of the label (a torn label reads short), each a failed attempt.
    await scanWedge(page, bin.slice(0, -1));
    await page.waitForSelector('[data-testid=error]');
    await scanViaIme(page, bin.slice(0, -2));
    await page.click('[data-testid=label-unreadable]');
    await page.waitForSelector('[data-testid=check-digits-panel]');
    expect(await errorText(page)).toContain(`${bin}`);
    await syncNow(page);
    const tasks = await supervisor.openTasks();
    expect(tasks).toContainEqual(
      expect.objectContaining({ kind: 'reprint-label', binCode: bin, detail: '3 attempts' }),
    );

    const line = (await supervisor.linesInWarehouse()).find(
      (l) => l.binCode === bin && l.status === 'open',
    );
    for (const digit of line?.checkDigits ?? '') await page.click(`[data-testid=key-${digit}]`);
    await page.click('[data-testid=confirm-check-digits]');
    await page.waitForSelector('[data-testid=pick-step][data-step="scan-item"]');
    await page.context().close();
  });

  it('reallocates a short pick to another bin with stock and opens a cycle count', async () => {
    const page = await openWave('P-0002', 'B26-08');
    const before = await totalLines(page);
    const bin = (await page.textContent('[data-testid=pick-bin]')) ?? '';
    const barcode = (await page.textContent('[data-testid=pick-barcode]')) ?? '';
    await scanWedge(page, bin);
    await page.waitForSelector('[data-testid=pick-step][data-step="scan-item"]');
    await scanWedge(page, barcode);
    await page.waitForSelector('[data-testid=pick-step][data-step="confirm-qty"]');
    await page.click('[data-testid=short]');
    await page.click('[data-testid=short-empty]');
    await page.waitForFunction(() =>
      (window.__spoken ?? []).some((p) => p.text.startsWith('Short pick recorded.')),
    );
    await syncNow(page);
    await syncNow(page);
    await page.waitForSelector(`[data-testid=pick-progress][data-total="${before + 1}"]`, {
      state: 'attached',
    });
    const lines = await supervisor.linesInWarehouse();
    const shorted = lines.find((l) => l.binCode === bin && l.barcodes.includes(barcode));
    const moved = lines.find((l) => l.id === `${shorted?.id}-R1`);
    expect(shorted?.status).toBe('short');
    expect(moved).toMatchObject({ status: 'open', skuId: shorted?.skuId });
    expect(moved?.binCode).not.toBe(bin);
    expect(await supervisor.openTasks()).toContainEqual(
      expect.objectContaining({ kind: 'cycle-count', binCode: bin, detail: 'empty' }),
    );
    await page.context().close();
  });

  it('shows the voice found for the picker’s language and diagnoses the scanner from the test label', async () => {
    const page = await openWave('P-0002', 'B26-08');
    await page.click('[data-testid=leave-wave]');
    await page.click('[data-testid=open-settings]');
    expect(await page.textContent('[data-testid=voice-check]')).toBe(
      'Voice for your language: Fake English',
    );
    await page.click('[data-testid=open-self-test]');
    // DataWedge set up as documented: '|' for GS, Enter suffix.
    await scanWedge(page, '010950110102091710AZ-19|217Q');
    await page.waitForSelector('[data-testid=self-test-result][data-ok="true"]');
    // GS dropped by a scanner that is not set up: the self-test names the fault.
    await scanViaIme(page, '010950110102091710AZ-19217Q');
    await page.waitForSelector('[data-testid=fault-gs-lost]');
    await page.click('[data-testid=setup-back]');
    await page.click('[data-testid=open-diagnostics]');
    await page.waitForFunction(() =>
      /^\d+$/.test(document.querySelector('[data-testid=diag-unsynced]')?.textContent ?? ''),
    );
    expect(await page.textContent('[data-testid=diag-usage]')).toMatch(/MB used of .* MB/);
    await page.context().close();
  });

  it('cluster picking: a tote per order scanned at the start, each line names its tote', async () => {
    const page = await openWave('P-0001', 'B26-07');
    await page.click('[data-testid=open-totes]');
    const orders = Number(await page.getAttribute('[data-testid=tote-progress]', 'data-orders'));
    expect(orders).toBeGreaterThan(1);
    await scanWedge(page, 'A-03-12');
    await page.waitForSelector('[role=alert]');
    for (let n = 1; n <= orders; n++) {
      await scanWedge(page, `T-${String(n).padStart(4, '0')}`);
      await page.waitForSelector(`[data-testid=tote-progress][data-assigned="${n}"]`);
    }
    await page.click('[data-testid=totes-done]');
    expect(await page.textContent('[data-testid=pick-tote]')).toContain('T-0001');
    await page.context().close();
  });
});

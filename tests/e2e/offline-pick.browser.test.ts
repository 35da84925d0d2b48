import { describe, expect, it } from 'vitest';
import { aServerAndBrowserPerFile } from '../support/server-and-browser';
import {
  doneLines,
  errorText,
  netState,
  outboxEventIds,
  pickCurrentLine,
  pickStep,
  scanViaIme,
  scanWedge,
  openWave,
  signIn,
  syncNow,
  totalLines,
  unsyncedCount,
  type PickedLine,
} from './handheld';
import { signInSupervisor } from './supervisor-api';

const HANDHELD = { width: 400, height: 800 };

describe('picking a wave offline on the handheld PWA', () => {
  const fx = aServerAndBrowserPerFile();

  it('keeps every pick through an offline reload and stores each on the server exactly once', async () => {
    const context = await fx.browser.newContext({ viewport: HANDHELD, serviceWorkers: 'allow' });
    const page = await context.newPage();
    await openWave(page, fx.server.url, 'P-0001', 'B26-07');

    await context.setOffline(true);
    const lineCount = await totalLines(page);
    expect(lineCount).toBeGreaterThanOrEqual(15);
    const expectedBin = await page.textContent('[data-testid=pick-bin]');
    await scanWedge(page, 'Z-99-99');
    await page.waitForSelector('[data-testid=error]');
    expect(await errorText(page)).toContain('Z-99-99');
    expect(await errorText(page)).toContain(expectedBin);
    expect(await pickStep(page)).toBe('scan-bin');
    expect(await unsyncedCount(page)).toBe(0);

    // Both ways scanners type: keydown bursts, and DataWedge's input-method commits.
    const scanners = [scanWedge, scanViaIme];
    const picked: PickedLine[] = [];
    const pickNext = async () => {
      picked.push(await pickCurrentLine(page, scanners[picked.length % scanners.length]));
    };
    const half = Math.floor(lineCount / 2);
    while (picked.length < half) await pickNext();
    expect(await unsyncedCount(page)).toBe(half);
    expect(await netState(page)).toBe('offline');

    await page.reload();
    await page.waitForSelector('[data-testid=pick-step]');
    expect(await page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
    expect(await doneLines(page)).toBe(half);
    expect(await unsyncedCount(page)).toBe(half);
    expect(await netState(page)).toBe('offline');

    while ((await pickStep(page)) !== 'wave-done') await pickNext();
    expect(picked).toHaveLength(lineCount);
    expect(await unsyncedCount(page)).toBe(lineCount);
    const eventIds = await outboxEventIds(page);
    expect(new Set(eventIds).size).toBe(lineCount);

    await context.setOffline(false);
    await syncNow(page);
    expect(await unsyncedCount(page)).toBe(0);
    expect(await netState(page)).toBe('online');
    expect(await page.textContent('[data-testid=last-sync]')).toMatch(/\d{2}:\d{2}:\d{2}/);
    expect(await outboxEventIds(page)).toEqual([]);

    // The server's side, as a supervisor sees it: every event stored once, the wave complete.
    const supervisor = await signInSupervisor(fx.server.url);
    const wave = (await supervisor.wavesInWarehouse()).find((w) => w.code === 'B26-07');
    expect(wave).toBeDefined();
    const detail = await supervisor.waveDetail(wave!.id);
    expect(detail.events.map((event) => event.id).sort()).toEqual([...eventIds].sort());
    expect(detail.events.map((event) => event.seq).sort((a, b) => a - b)).toEqual(
      Array.from({ length: lineCount }, (_, i) => i + 1),
    );
    expect(detail.events.every((event) => event.outcome === 'applied')).toBe(true);
    expect(detail.lines).toHaveLength(lineCount);
    expect(
      detail.lines.every((line) => line.status === 'picked' && line.pickedQty === line.qty),
    ).toBe(true);
    expect(detail.wave.status).toBe('done');
    expect(detail.exceptions).toEqual([]);
    await context.close();
  });

  it('a scan made while the pick before it is being stored still counts', async () => {
    const api = await signInSupervisor(fx.server.url);
    const lines = (await api.linesInWarehouse())
      .filter((l) => l.waveId === 'W-GZ-B26-08')
      .sort(
        (a, b) =>
          a.pathSeq - b.pathSeq || a.binCode.localeCompare(b.binCode) || a.id.localeCompare(b.id),
      );
    const [first, second] = lines;
    expect(second?.binCode).not.toBe(first?.binCode);
    const context = await fx.browser.newContext({ viewport: HANDHELD });
    const page = await context.newPage();
    await page.goto(fx.server.url);
    await signIn(page, 'P-0002', '1234');
    await page.click('[data-testid=wave-B26-08]');
    await page.waitForSelector('[data-testid=pick-step][data-step="scan-bin"]');
    expect(await page.textContent('[data-testid=pick-bin]')).toBe(first!.binCode);
    await scanWedge(page, first!.binCode);
    await page.waitForSelector('[data-testid=pick-step][data-step="scan-item"]');
    await scanWedge(page, first!.barcodes[0]!);
    await page.waitForSelector('[data-testid=pick-step][data-step="confirm-qty"]');
    // The confirming Enter and the next bin's label in one burst, as a fast picker at a close
    // bin: the bin scan arrives while the pick is still being written to IndexedDB.
    await page.evaluate(
      (keys) => {
        const target = document.activeElement ?? document.body;
        for (const key of keys)
          target.dispatchEvent(
            new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }),
          );
      },
      ['Enter', ...second!.binCode, 'Enter'],
    );
    await page.waitForSelector('[data-testid=pick-progress][data-done="1"]', { state: 'attached' });
    await page.waitForSelector('[data-testid=pick-step][data-step="scan-item"]');
    expect(await page.textContent('[data-testid=pick-bin]')).toBe(second!.binCode);
    expect(await page.$('[data-testid=error]')).toBeNull();
    await context.close();
  });

  it('a scan whose keys reach the page late (the main thread was busy) is still one scan', async () => {
    const context = await fx.browser.newContext({ viewport: HANDHELD });
    const page = await context.newPage();
    await page.goto(fx.server.url);
    await page.waitForSelector('[data-testid=badge]');
    // The scanner types the badge in a few milliseconds; the page is busy for 150 ms after the
    // third key, so the rest is handled late. Each key carries the time it was typed.
    await page.evaluate(
      (keys) => {
        const events = keys.map(
          (key) => new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }),
        );
        const target = document.activeElement ?? document.body;
        events.forEach((event, i) => {
          if (i === 3) {
            const until = performance.now() + 150;
            while (performance.now() < until) {
              // busy, as a slow handheld rendering something else
            }
          }
          target.dispatchEvent(event);
        });
      },
      [...'P-0002', 'Enter'],
    );
    await page.waitForFunction(
      () => document.querySelector<HTMLInputElement>('[data-testid=badge]')?.value === 'P-0002',
      undefined,
      { timeout: 5_000 },
    );
    await context.close();
  });
});

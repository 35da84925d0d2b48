import type { Prompt } from '@wms/domain';
import type { Page } from 'playwright-core';

/** What a browser test reads and does on the handheld PWA, by its data-testid hooks. */

declare global {
  interface Window {
    /** Set by the PWA (apps/pwa/src/shell/test-hooks.ts): one full sync, rejects on failure. */
    __wmsSync?: () => Promise<void>;
    /** Set by the PWA: the tones played so far, newest last ('ok', 'error', 'not-read', 'repeat'). */
    __wmsTones?: string[];
    /** Set by the PWA: shows and says a prompt, as Settings' "Test voice" does. */
    __wmsSay?: (prompt: Prompt, language: 'zh-CN' | 'en') => void;
    /** Set by the PWA: prompts the speech watchdog gave up on. */
    __wmsSpeechStalls?: () => number;
  }
}

/** Runs one sync in the page now (the test cannot wait for the 15 s timer). */
export async function syncNow(page: Page): Promise<void> {
  await page.evaluate(async () => {
    if (!window.__wmsSync) throw new Error('the PWA did not expose window.__wmsSync');
    await window.__wmsSync();
  });
}

/**
 * Syncs with the network down (the context is offline) and waits until the status bar shows the
 * failed sync: what a handheld in a dead zone shows all the time.
 */
export async function syncInDeadZone(page: Page): Promise<void> {
  await syncNow(page).catch(() => undefined);
  await page.waitForSelector('[data-testid=net-status][data-server=unreachable]');
}

/** Keys a scanner sends in one go, the gaps between them (ms) and the pause before the first. */
export interface KeyRun {
  keys: readonly string[];
  /** One gap fewer than keys; the gap before `keys[i + 1]`. */
  gapsMs: readonly number[];
  pauseBeforeMs?: number;
}

/**
 * Sends runs of keydown events that carry the times a scanner typed them (`event.timeStamp`,
 * which the app times a burst by). The page first lets each run's time pass, then dispatches the
 * whole run in one task, stamped with those times: a starved page handles the keys late, as it
 * would a real scanner's, but cannot stretch the gaps between them into "typing" (it did, with a
 * timer between keys, on a loaded machine). The app renders between runs. Untrusted events insert
 * no text, which is what the app's document-level listener expects.
 */
export async function sendKeyRuns(page: Page, runs: readonly KeyRun[]): Promise<void> {
  await page.evaluate(async (runs) => {
    let clock = performance.now();
    for (const run of runs) {
      const stamps = [clock + (run.pauseBeforeMs ?? 0)];
      for (const gap of run.gapsMs) stamps.push(stamps.at(-1)! + gap);
      clock = stamps.at(-1)!;
      await new Promise((resolve) => setTimeout(resolve, Math.ceil(clock - performance.now())));
      run.keys.forEach((key, i) => {
        const event = new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true });
        Object.defineProperty(event, 'timeStamp', { value: stamps[i] });
        (document.activeElement ?? document.body).dispatchEvent(event);
      });
    }
  }, runs);
}

/** `keys` one every `gapMs`. */
export function evenRun(keys: readonly string[], gapMs: number, pauseBeforeMs = 0): KeyRun {
  return { keys, gapsMs: keys.slice(1).map(() => gapMs), pauseBeforeMs };
}

/**
 * Types `code` the way a keyboard-wedge scanner does: keydowns 2–8 ms apart, then Enter, in one
 * round trip (metasfresh#21678: `keyboard.type` is too slow). See `sendKeyRuns`.
 */
export async function scanWedge(page: Page, code: string): Promise<void> {
  const keys = [...code, 'Enter'];
  await sendKeyRuns(page, [{ keys, gapsMs: keys.slice(1).map(() => 2 + Math.random() * 6) }]);
}

/**
 * Types `code` the way Zebra DataWedge does on Android 10+: committed through its input method
 * (an `input` event, no keydown per character), then a real Enter key press.
 */
export async function scanViaIme(page: Page, code: string): Promise<void> {
  if (code !== '') await page.keyboard.insertText(code);
  await page.keyboard.press('Enter');
}

export type Scan = (page: Page, code: string) => Promise<void>;

export async function signIn(page: Page, badge: string, pin: string): Promise<void> {
  await page.waitForSelector('[data-testid=badge]');
  await scanWedge(page, badge);
  await page.waitForFunction(
    (expected) =>
      document.querySelector<HTMLInputElement>('[data-testid=badge]')?.value === expected,
    badge,
  );
  for (const digit of pin) await page.click(`[data-testid=key-${digit}]`);
  await page.click('[data-testid=login-submit]');
}

/**
 * Goes to the app, signs `badge` in (PIN 1234) and opens `wave` on its pick screen, then waits
 * until the service worker has the app shell cached: only then can the page go offline and reload.
 */
export async function openWave(page: Page, url: string, badge: string, wave: string) {
  await page.goto(url);
  await signIn(page, badge, '1234');
  await page.click(`[data-testid=wave-${wave}]`);
  await page.waitForSelector('[data-testid=pick-step][data-step="scan-bin"]');
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
}

export async function errorText(page: Page): Promise<string | null> {
  return page.textContent('[data-testid=error]');
}

export async function pickStep(page: Page): Promise<string | null> {
  return page.getAttribute('[data-testid=pick-step]', 'data-step');
}

async function waitForStep(page: Page, step: string): Promise<void> {
  await page.waitForSelector(`[data-testid=pick-step][data-step="${step}"]`, { timeout: 30_000 });
}

export async function doneLines(page: Page): Promise<number> {
  return Number(await page.getAttribute('[data-testid=pick-progress]', 'data-done'));
}

export async function totalLines(page: Page): Promise<number> {
  return Number(await page.getAttribute('[data-testid=pick-progress]', 'data-total'));
}

export async function unsyncedCount(page: Page): Promise<number> {
  return Number(await page.textContent('[data-testid=unsynced-count]'));
}

export async function netState(page: Page): Promise<string | null> {
  return page.getAttribute('[data-testid=net-status]', 'data-state');
}

export interface PickedLine {
  bin: string;
  barcode: string;
  qty: number;
}

/**
 * Picks the current line whole with the scanner: bin, item, then Enter on the prefilled
 * quantity. Resolves once the screen counts the line as done (the pick is in the outbox).
 */
export async function pickCurrentLine(page: Page, scan: Scan = scanWedge): Promise<PickedLine> {
  await waitForStep(page, 'scan-bin');
  const before = await doneLines(page);
  const bin = (await page.textContent('[data-testid=pick-bin]')) ?? '';
  const barcode = (await page.textContent('[data-testid=pick-barcode]')) ?? '';
  const qty = Number(await page.textContent('[data-testid=pick-qty]'));
  await scan(page, bin);
  await waitForStep(page, 'scan-item');
  await scan(page, barcode);
  await waitForStep(page, 'confirm-qty');
  await scan(page, ''); // a lone Enter: confirm the prefilled quantity
  await page.waitForSelector(`[data-testid=pick-progress][data-done="${before + 1}"]`, {
    state: 'attached',
    timeout: 30_000,
  });
  return { bin, barcode, qty };
}

/** The ids of the events in the device outbox, read straight from IndexedDB. */
export async function outboxEventIds(page: Page): Promise<string[]> {
  return page.evaluate(
    () =>
      new Promise<string[]>((resolve, reject) => {
        const open = indexedDB.open('wms-picking');
        open.onerror = () => reject(open.error ?? new Error('cannot open wms-picking'));
        open.onsuccess = () => {
          const request = open.result.transaction('outbox').objectStore('outbox').getAll();
          request.onerror = () => reject(request.error ?? new Error('cannot read the outbox'));
          request.onsuccess = () => {
            open.result.close();
            resolve((request.result as { id: string }[]).map((event) => event.id));
          };
        };
      }),
  );
}

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Prompt, renderPrompt } from '@wms/domain';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServerProcess, type ServerProcess } from '../support/server-process';
import { type SpeechEngine, startSpeechEngine } from '../support/speech-engine';
import { signIn } from './handheld';

const ARTIFACTS = join(import.meta.dirname, '..', 'artifacts', 'speech');

/** One utterance as the real engine played it: page times (ms) of its events. */
interface Heard {
  text: string;
  lang: string;
  voice: string | null;
  queuedAt: number;
  startAt?: number;
  endAt?: number;
  error?: string;
  errorAt?: number;
}

declare global {
  interface Window {
    __heard?: Heard[];
    /** When the page called speechSynthesis.cancel(). */
    __cancels?: number[];
  }
}

/**
 * Records what the real engine does with each utterance (its own `start`, `end` and `error`
 * events) and every `cancel()`, without changing what the app does.
 */
async function recordSpeech(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    const heard: Heard[] = [];
    const cancels: number[] = [];
    window.__heard = heard;
    window.__cancels = cancels;
    const synth = window.speechSynthesis;
    const speak = synth.speak.bind(synth);
    const cancel = synth.cancel.bind(synth);
    synth.speak = (utterance: SpeechSynthesisUtterance) => {
      const entry: Heard = {
        text: utterance.text,
        lang: utterance.lang,
        voice: utterance.voice?.name ?? null,
        queuedAt: performance.now(),
      };
      heard.push(entry);
      utterance.addEventListener('start', () => (entry.startAt = performance.now()));
      utterance.addEventListener('end', () => (entry.endAt = performance.now()));
      utterance.addEventListener('error', (event) => {
        entry.error = event.error;
        entry.errorAt = performance.now();
      });
      speak(utterance);
    };
    synth.cancel = () => {
      cancels.push(performance.now());
      cancel();
    };
  });
}

const heardLog = (page: Page) => page.evaluate(() => window.__heard ?? []);

/** Waits until the engine has finished (or dropped) the utterance of `text`, the latest one. */
async function finished(page: Page, text: string): Promise<Heard> {
  await page.waitForFunction(
    (wanted) => {
      const entry = (window.__heard ?? []).filter((h) => h.text === wanted).at(-1);
      return entry !== undefined && (entry.endAt !== undefined || entry.error !== undefined);
    },
    text,
    { timeout: 60_000, polling: 50 },
  );
  return (await heardLog(page)).filter((h) => h.text === text).at(-1)!;
}

/** The long Chinese prompts: each must be heard to its end. */
const LONG_PROMPTS: Prompt[] = [
  { kind: 'wrong-item', scanned: { name: 'Brake pads, front', nameZh: '前刹车片（陶瓷）' } },
  { kind: 'lot-expired', lot: 'L2611-03', expiry: '2026-11-21' },
  { kind: 'lot-label-needed' },
  { kind: 'label-reprint-requested', binCode: 'A-03-12' },
  { kind: 'switch-keyboard' },
];

describe('prompts through a real speech engine (espeak-ng via speech-dispatcher)', () => {
  let server: ServerProcess;
  let engine: SpeechEngine;
  beforeAll(async () => {
    [server, engine] = await Promise.all([startServerProcess(), startSpeechEngine()]);
  });
  afterAll(async () => {
    await engine?.stop();
    await server?.stop();
  });

  it('says each long Chinese prompt to its end, one at a time, without the watchdog cutting it off', async () => {
    const context = await engine.browser.newContext({ viewport: { width: 360, height: 640 } });
    await recordSpeech(context);
    const page = await context.newPage();
    await page.goto(server.url);
    // espeak-ng's voices reach the page through speech-dispatcher about 1.5 s after load.
    await page.waitForFunction(
      () => speechSynthesis.getVoices().some((voice) => /^(zh|cmn)\b/i.test(voice.lang)),
      undefined,
      { timeout: 30_000 },
    );
    await signIn(page, 'P-0001', '1234');
    await page.waitForSelector('[data-testid=start-shift]');
    expect(await page.$('[data-testid=voice-missing]')).toBeNull();
    await page.click('[data-testid=start-shift]');
    const said: Heard[] = [await finished(page, '开始上班，语音提示已打开')];

    // One after another, as the floor hears them: each waits for the one before to end.
    for (const prompt of LONG_PROMPTS) {
      await page.evaluate((p) => window.__wmsSay?.(p, 'zh-CN'), prompt);
      said.push(await finished(page, renderPrompt(prompt, 'zh-CN').speech));
    }
    mkdirSync(ARTIFACTS, { recursive: true });
    writeFileSync(
      join(ARTIFACTS, 'espeak-ng-timings.json'),
      JSON.stringify(
        said.map((h) => ({
          text: h.text,
          voice: h.voice,
          startMs: Math.round((h.startAt ?? h.queuedAt) - h.queuedAt),
          spokenMs: Math.round((h.endAt ?? h.errorAt ?? 0) - (h.startAt ?? 0)),
        })),
        null,
        2,
      ),
    );
    expect(said.map((h) => [h.text, h.lang, h.error ?? 'ended'])).toEqual(
      said.map((h) => [h.text, 'zh-CN', 'ended']),
    );
    // A real voice was used (espeak-ng's Mandarin), and it really took its time.
    expect(said.every((h) => h.voice !== null)).toBe(true);
    for (const h of said) expect(h.endAt! - h.startAt!).toBeGreaterThan(h.text.length * 100);
    expect(await page.evaluate(() => window.__wmsSpeechStalls?.())).toBe(0);

    // A prompt cut in on by the next one stops first: never two voices at once.
    const [first, second] = [LONG_PROMPTS[0]!, LONG_PROMPTS[4]!];
    const before = (await heardLog(page)).length;
    await page.evaluate((p) => window.__wmsSay?.(p, 'zh-CN'), first);
    await page.waitForFunction(
      (n) => (window.__heard ?? []).length > n && window.__heard?.at(-1)?.startAt !== undefined,
      before,
    );
    await page.evaluate((p) => window.__wmsSay?.(p, 'zh-CN'), second);
    await finished(page, renderPrompt(second, 'zh-CN').speech);
    const heard = await heardLog(page);
    const spans = heard
      .filter((h) => h.startAt !== undefined)
      .map((h) => [h.startAt!, h.endAt ?? h.errorAt ?? Infinity] as const);
    const overlapping = spans.filter(
      ([start], i) => i > 0 && start < spans[i - 1]![1] - 1, // 1 ms: events of one tick
    );
    expect(overlapping).toEqual([]);
    const cut = heard.at(-2)!;
    expect(cut.error === 'interrupted' || cut.error === 'canceled' || cut.endAt !== undefined).toBe(
      true,
    );
    expect(await page.evaluate(() => window.__wmsSpeechStalls?.())).toBe(0);
    await context.close();
  });
});

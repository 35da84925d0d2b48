import { renderPrompt } from '@wms/domain';
import { describe, expect, it } from 'vitest';
import { ESPEAK_NG_ZH_TIMINGS } from './espeak-ng-zh-timings';
import { SpeechQueue, START_TIMEOUT_MS, type SpeechEngine, watchdogMs } from './speech-queue';

interface FakeUtterance {
  text: string;
  lang: string;
  rate: number;
  voice: SpeechSynthesisVoice | null;
  onstart: (() => void) | null;
  onend: (() => void) | null;
  onerror: ((event: { error: string }) => void) | null;
}

function aQueue(voices: Partial<SpeechSynthesisVoice>[] = []) {
  const log: string[] = [];
  const spoken: FakeUtterance[] = [];
  const timers: (() => void)[] = [];
  const delays: number[] = [];
  const engine: SpeechEngine = {
    speak: (u) => {
      spoken.push(u as unknown as FakeUtterance);
      log.push(`speak ${u.text}`);
    },
    cancel: () => log.push('cancel'),
    getVoices: () => voices as SpeechSynthesisVoice[],
  };
  const queue = new SpeechQueue({
    engine,
    createUtterance: (text) =>
      ({
        text,
        lang: '',
        rate: 1,
        voice: null,
        onstart: null,
        onend: null,
        onerror: null,
      }) as unknown as SpeechSynthesisUtterance,
    setTimer: (fn, ms) => {
      delays.push(ms);
      return timers.push(fn);
    },
    clearTimer: () => undefined,
  });
  return { queue, log, spoken, timers, delays };
}

const goToBin = { kind: 'go-to-bin', waveCode: 'B26-07', binCode: 'A-03-12', qty: 3 } as const;

describe('SpeechQueue', () => {
  it('cancels before each prompt and always sets lang', () => {
    const { queue, log, spoken } = aQueue();
    queue.say(renderPrompt(goToBin, 'zh-CN'));
    queue.say(renderPrompt({ kind: 'line-done' }, 'en'));
    expect(log).toEqual([
      'cancel',
      'speak 波次 B 2 6 0 7，库位 A 0 3 1 2，数量3件',
      'cancel',
      'speak Line done.',
    ]);
    expect(spoken.map((u) => u.lang)).toEqual(['zh-CN', 'en-US']);
  });

  it('matches a zh_CN voice whatever the separator, and says when there is none', () => {
    const { queue } = aQueue([
      { lang: 'en_US', localService: true },
      { lang: 'zh_CN', localService: true },
    ]);
    expect(queue.voiceFor('zh-CN')?.lang).toBe('zh_CN');
    expect(aQueue([{ lang: 'en-GB' }]).queue.voiceFor('zh-CN')).toBeNull();
  });

  it('gives up on a prompt whose end never comes, and repeats the last prompt', () => {
    const { queue, log, timers } = aQueue();
    queue.say(renderPrompt({ kind: 'line-done' }, 'en'));
    timers[0]?.();
    expect(queue.stalls).toBe(1);
    queue.repeatLast();
    expect(log.filter((l) => l.startsWith('speak'))).toEqual([
      'speak Line done.',
      'speak Line done.',
    ]);
  });

  it('says an aside (update the app) without making it the prompt Repeat says again', () => {
    const { queue, log } = aQueue();
    queue.say(renderPrompt(goToBin, 'en'));
    const aside = { language: 'en', text: 'Update the app', speech: 'Update the app' } as const;
    queue.say(aside, { aside: true });
    expect(queue.lastPrompt).toEqual(renderPrompt(goToBin, 'en'));
    queue.repeatLast();
    expect(log.filter((l) => l.startsWith('speak'))).toEqual([
      `speak ${renderPrompt(goToBin, 'en').speech}`,
      'speak Update the app',
      `speak ${renderPrompt(goToBin, 'en').speech}`,
    ]);
  });

  it('times the watchdog from the start of speech, with room for slow Chinese voices', () => {
    const { queue, spoken, delays } = aQueue();
    queue.say(renderPrompt({ kind: 'shift-started' }, 'zh-CN'));
    expect(delays).toEqual([4_000]);
    spoken[0]?.onstart?.();
    // 12 characters: 2 s + 12 × 500 ms. The old 2 s + 180 ms a character (4.2 s) cut it off:
    // espeak-ng says it in about 4.3 s.
    expect(delays).toEqual([4_000, 8_000]);
    queue.rate = 1.5;
    queue.say(renderPrompt({ kind: 'line-done' }, 'en'));
    spoken[1]?.onstart?.();
    expect(delays.at(-1)).toBe(2_000 + (10 * 110) / 1.5);
  });

  it('says nothing where the engine has voices but none for the language (screen only)', () => {
    const { queue, log } = aQueue([{ lang: 'en-US', localService: true }]);
    queue.say(renderPrompt({ kind: 'shift-started' }, 'zh-CN'));
    expect(log).toEqual(['cancel']);
    expect(queue.lastPrompt?.text).toBe('开始上班，语音提示已打开');
    queue.say(renderPrompt({ kind: 'shift-started' }, 'en'));
    expect(log).toEqual(['cancel', 'cancel', 'speak Shift started. Voice prompts are on.']);
  });

  it('says nothing on a device with no voice at all once the list has settled', () => {
    const { queue, log } = aQueue([]);
    // Still loading (Android fills the list a moment after the page): tried with its lang.
    expect(queue.voiceCheck('zh-CN')).toEqual({ status: 'checking' });
    queue.say(renderPrompt({ kind: 'line-done' }, 'zh-CN'));
    expect(log).toEqual(['cancel', 'speak 本行完成']);
    queue.voicesSettled = true;
    expect(queue.voiceCheck('zh-CN')).toEqual({ status: 'missing' });
    queue.say(renderPrompt({ kind: 'shift-started' }, 'zh-CN'));
    expect(log).toEqual(['cancel', 'speak 本行完成', 'cancel']);
    expect(queue.lastPrompt?.text).toBe('开始上班，语音提示已打开');
  });

  it('finds the voice for each language, or says it is missing', () => {
    const { queue } = aQueue([{ lang: 'en-US', localService: true, name: 'English' }]);
    expect(queue.voiceCheck('en')).toMatchObject({ status: 'found', voice: { name: 'English' } });
    expect(queue.voiceCheck('zh-CN')).toEqual({ status: 'missing' });
  });

  it.each(ESPEAK_NG_ZH_TIMINGS)(
    'lets "$text" end as the real espeak-ng said it ($spokenMs ms), with a margin',
    ({ text, startMs, spokenMs }) => {
      const { queue, spoken, delays, timers } = aQueue([{ lang: 'cmn', localService: true }]);
      queue.say({ language: 'zh-CN', text, speech: text });
      // The engine's own times: start after startMs, end spokenMs later. A watchdog shorter than
      // either would fire first and cancel the prompt mid-sentence.
      expect(delays[0]).toBe(START_TIMEOUT_MS);
      expect(startMs).toBeLessThan(START_TIMEOUT_MS);
      spoken[0]?.onstart?.();
      expect(delays[1]).toBe(watchdogMs(text, 'zh-CN', 1));
      expect(delays[1]).toBeGreaterThan(spokenMs * 1.25);
      spoken[0]?.onend?.();
      expect(queue.stalls).toBe(0);
      expect(timers).toHaveLength(2);
    },
  );

  it('records a not-allowed error (speech before the shift was started)', () => {
    const { queue, spoken } = aQueue();
    queue.say(renderPrompt({ kind: 'line-done' }, 'en'));
    spoken[0]?.onerror?.({ error: 'not-allowed' });
    expect(queue.lastError).toBe('not-allowed');
  });
});

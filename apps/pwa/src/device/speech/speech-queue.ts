import type { RenderedPrompt } from '@wms/domain';
import type { Language } from '@wms/protocol';

/** The part of `window.speechSynthesis` the queue uses (a fake in tests). */
export interface SpeechEngine {
  speak(utterance: SpeechSynthesisUtterance): void;
  cancel(): void;
  getVoices(): SpeechSynthesisVoice[];
}

/** Is there a voice for the user's language? Shown at sign-in and in Settings. */
export type VoiceCheck =
  { status: 'checking' } | { status: 'found'; voice: SpeechSynthesisVoice } | { status: 'missing' };

export interface SpeechQueueDeps {
  engine: SpeechEngine;
  createUtterance: (text: string) => SpeechSynthesisUtterance;
  setTimer: (fn: () => void, ms: number) => unknown;
  clearTimer: (timer: unknown) => void;
}

/** Tags as voices report them: `zh-CN`, `zh_CN`, `cmn-Hans-CN`… */
const VOICE_TAGS: Record<Language, RegExp> = {
  'zh-CN': /^(zh|cmn)([-_](hans[-_])?cn)?$/i,
  en: /^en([-_][a-z]{2})?$/i,
};
const UTTERANCE_LANG: Record<Language, string> = { 'zh-CN': 'zh-CN', en: 'en-US' };

/**
 * Time per character at rate 1, with margin: espeak-ng's Mandarin takes about 350 ms a character
 * (slower than most Android voices), English voices about 70 ms a letter.
 */
const MS_PER_CHAR: Record<Language, number> = { 'zh-CN': 500, en: 110 };

/** Longest an utterance may wait for its `start` (a stuck engine never starts it). */
export const START_TIMEOUT_MS = 4_000;

/**
 * Longest a prompt may take, from its `start` event, before the watchdog assumes its `end` got
 * lost. Timed from `speak()` with 180 ms a character it cancelled long Chinese prompts while
 * they were still being spoken.
 *
 * @example
 * watchdogMs('开始上班，语音提示已打开', 'zh-CN', 1) // → 8000
 */
export function watchdogMs(text: string, language: Language, rate: number): number {
  return 2_000 + (text.length * MS_PER_CHAR[language]) / Math.max(rate, 0.5);
}

/**
 * Our own speech queue over speechSynthesis (device-pitfalls §3): one prompt at a time, the
 * previous one cancelled first (no queue can get stuck with `pending`), a watchdog per utterance
 * in case `end` never fires, `lang` always set, the voice matched by language tag whatever the
 * separator. Speech never blocks picking: every prompt is also on screen.
 */
export class SpeechQueue {
  readonly #deps: SpeechQueueDeps;
  #watchdog: unknown = null;
  #last: RenderedPrompt | null = null;
  /** Prompts whose `end` never came (shown in diagnostics). */
  stalls = 0;
  /** The last error the engine reported, e.g. `not-allowed` before the shift was started. */
  lastError: string | null = null;
  rate = 1;
  enabled = true;
  /**
   * The engine's voice list is final: `voiceschanged` came, or it had voices from the start, or
   * long enough has passed (speech.ts). From then on an empty list means no voice at all.
   */
  voicesSettled = false;

  constructor(deps: SpeechQueueDeps) {
    this.#deps = deps;
  }

  get lastPrompt(): RenderedPrompt | null {
    return this.#last;
  }

  /**
   * Says a prompt now, cutting off whatever was being said. Where the device has no voice for the
   * prompt's language (the engine has other voices, or none at all once its list has settled),
   * nothing is said and `speak()` is never called: sign-in and Settings say prompts are then on
   * screen only. The engine's fallback voice read Chinese text as gibberish.
   * `aside`: said, but the last prompt stays the one Repeat says.
   */
  say(prompt: RenderedPrompt, options: { aside?: boolean } = {}): void {
    // An aside (a word about the app, not the work) is not what the Repeat key says again.
    if (!options.aside) this.#last = prompt;
    if (!this.enabled) return;
    this.#stop();
    const voice = this.voiceFor(prompt.language);
    if (!voice && !this.mayTryWithoutVoice()) return;
    const utterance = this.#deps.createUtterance(prompt.speech);
    utterance.lang = UTTERANCE_LANG[prompt.language];
    if (voice) utterance.voice = voice;
    utterance.rate = this.rate;
    const done = () => this.#clearWatchdog();
    utterance.onstart = () => {
      this.#clearWatchdog();
      this.#arm(watchdogMs(prompt.speech, prompt.language, this.rate));
    };
    utterance.onend = done;
    utterance.onerror = (event) => {
      this.lastError = event.error;
      done();
    };
    this.#arm(START_TIMEOUT_MS);
    this.#deps.engine.speak(utterance);
  }

  #arm(ms: number): void {
    this.#watchdog = this.#deps.setTimer(() => {
      this.stalls += 1;
      this.#watchdog = null;
      this.#deps.engine.cancel();
    }, ms);
  }

  /** Says the last prompt again (the picker's "Repeat" key). */
  repeatLast(): void {
    if (this.#last) this.say(this.#last);
  }

  /**
   * While the voice list is still loading (empty, not settled), a prompt is given to the engine
   * with its `lang` only: Android's list arrives a moment after the page, and the first prompt
   * must not be lost for that.
   */
  mayTryWithoutVoice(): boolean {
    return !this.voicesSettled && this.#deps.engine.getVoices().length === 0;
  }

  /**
   * Whether the device can say prompts in `language`: `checking` while the voice list loads.
   *
   * @example
   * queue.voiceCheck('zh-CN') // → { status: 'missing' } on a handheld with English voices only
   */
  voiceCheck(language: Language): VoiceCheck {
    const voice = this.voiceFor(language);
    if (voice) return { status: 'found', voice };
    return this.mayTryWithoutVoice() ? { status: 'checking' } : { status: 'missing' };
  }

  /** The installed voice for a language, or null: settings then says so on screen. */
  voiceFor(language: Language): SpeechSynthesisVoice | null {
    const voices = this.#deps.engine.getVoices();
    const matching = voices.filter((v) => VOICE_TAGS[language].test(v.lang));
    return matching.find((v) => v.localService) ?? matching[0] ?? null;
  }

  /** Silence, e.g. on `pagehide` (speech survives a reload otherwise). */
  cancel(): void {
    this.#stop();
  }

  #stop(): void {
    this.#clearWatchdog();
    this.#deps.engine.cancel();
  }

  #clearWatchdog(): void {
    if (this.#watchdog !== null) this.#deps.clearTimer(this.#watchdog);
    this.#watchdog = null;
  }
}

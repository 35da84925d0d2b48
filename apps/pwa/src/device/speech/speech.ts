import { type Prompt, renderPrompt, type RenderedPrompt } from '@wms/domain';
import type { Language } from '@wms/protocol';
import { afterPaint } from '../../shell/after-paint';
import { SpeechQueue } from './speech-queue';

const RATE_KEY = 'wms.speech-rate';

type PromptListener = (prompt: RenderedPrompt) => void;
const listeners = new Set<PromptListener>();

function createQueue(): SpeechQueue | null {
  if (typeof window === 'undefined' || !('speechSynthesis' in window)) return null;
  const queue = new SpeechQueue({
    engine: window.speechSynthesis,
    createUtterance: (text) => new SpeechSynthesisUtterance(text),
    setTimer: (fn, ms) => window.setTimeout(fn, ms),
    clearTimer: (timer) => window.clearTimeout(timer as number),
  });
  queue.rate = Number(localStorage.getItem(RATE_KEY) ?? '1') || 1;
  // Voices load asynchronously: ask once now so that `voiceschanged` fires. The list is final at
  // that event, or when it had voices from the start, or after VOICES_SETTLE_MS without it.
  const settle = () => {
    queue.voicesSettled = true;
    voiceListeners.forEach((listener) => listener());
  };
  if (window.speechSynthesis.getVoices().length > 0) queue.voicesSettled = true;
  window.speechSynthesis.addEventListener('voiceschanged', settle);
  window.setTimeout(settle, VOICES_SETTLE_MS);
  window.addEventListener('pagehide', () => queue.cancel());
  return queue;
}

/**
 * How long an empty voice list may still be loading. Chrome on Android fills it within a second
 * of the page; espeak-ng through speech-dispatcher about 1.5 s.
 */
const VOICES_SETTLE_MS = 3_000;
const voiceListeners = new Set<() => void>();

/** Hears the voice list change or settle (the voice check on screen follows it). */
export function subscribeToVoices(listener: () => void): () => void {
  voiceListeners.add(listener);
  return () => {
    voiceListeners.delete(listener);
  };
}

/** The page's one speech queue; null where the browser has no speechSynthesis. */
export const speech = createQueue();

/** Shows and says a prompt in the picker's language. Every prompt is also on screen. */
export function announce(prompt: Prompt, language: Language): void {
  announceRendered(renderPrompt(prompt, language));
}

/**
 * Shows and says a sentence the app words itself (outside the picking prompts of @wms/domain).
 * It is shown at once and said once that is drawn: starting an utterance costs milliseconds on a
 * slow handheld, and a scan's next prompt must reach the screen within the frame.
 */
export function announceRendered(rendered: RenderedPrompt): void {
  listeners.forEach((listener) => listener(rendered));
  if (speech) afterPaint(() => speech.say(rendered));
}

/**
 * Says a sentence about the app rather than the work (e.g. "update the app"): it is on screen
 * where the app shows it (the status bar), and it leaves the picker's prompt line and the
 * Repeat key to the last picking prompt.
 */
export function sayAside(rendered: RenderedPrompt): void {
  if (speech) afterPaint(() => speech.say(rendered, { aside: true }));
}

/** Says the last prompt again and shows it. */
export function repeatLastPrompt(): void {
  speech?.repeatLast();
}

export function setSpeechRate(rate: number): void {
  localStorage.setItem(RATE_KEY, String(rate));
  if (speech) speech.rate = rate;
}

/** Hears every prompt announced (to show it on screen). */
export function subscribeToPrompts(listener: PromptListener): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

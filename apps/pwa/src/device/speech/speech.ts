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
  // Voices load asynchronously: ask once now so that `voiceschanged` fires.
  window.speechSynthesis.getVoices();
  window.addEventListener('pagehide', () => queue.cancel());
  return queue;
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

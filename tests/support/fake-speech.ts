import type { BrowserContext, Page } from 'playwright-core';

export interface SpokenPrompt {
  text: string;
  lang: string;
}

declare global {
  interface Window {
    __spoken?: SpokenPrompt[];
  }
}

export interface FakeVoice {
  name: string;
  lang: string;
}

/** A zh-CN and an en-US voice, as a handheld with both voice packs lists them. */
const BOTH_VOICES: FakeVoice[] = [
  { name: 'Fake 普通话', lang: 'zh_CN' },
  { name: 'Fake English', lang: 'en-US' },
];

/**
 * Replaces speechSynthesis in every page of the context with a recording fake (headless
 * Chromium says nothing): each `speak` is kept as `{ text, lang }` in `window.__spoken` and ends
 * at once; `getVoices` offers `voices` (a zh-CN and an en-US voice unless given).
 */
export async function installFakeSpeech(
  context: BrowserContext,
  voices: FakeVoice[] = BOTH_VOICES,
): Promise<void> {
  await context.addInitScript((installed) => {
    const spoken: { text: string; lang: string }[] = [];
    window.__spoken = spoken;
    class FakeUtterance extends EventTarget {
      text: string;
      lang = '';
      rate = 1;
      voice: unknown = null;
      onend: (() => void) | null = null;
      onerror: ((event: { error: string }) => void) | null = null;
      constructor(text: string) {
        super();
        this.text = text;
      }
    }
    const voices = installed.map((voice, i) => ({
      ...voice,
      localService: true,
      default: i === installed.length - 1,
      voiceURI: voice.name,
    }));
    const synth = {
      speaking: false,
      pending: false,
      speak(utterance: FakeUtterance) {
        spoken.push({ text: utterance.text, lang: utterance.lang });
        setTimeout(() => utterance.onend?.(), 5);
      },
      cancel() {},
      getVoices: () => voices,
      addEventListener() {},
      removeEventListener() {},
    };
    Object.defineProperty(window, 'speechSynthesis', { value: synth, configurable: true });
    Object.defineProperty(window, 'SpeechSynthesisUtterance', {
      value: FakeUtterance,
      configurable: true,
    });
  }, voices);
}

export function spokenPrompts(page: Page): Promise<SpokenPrompt[]> {
  return page.evaluate(() => window.__spoken ?? []);
}

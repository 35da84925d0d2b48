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

/**
 * Replaces speechSynthesis in every page of the context with a recording fake (headless
 * Chromium says nothing): each `speak` is kept as `{ text, lang }` in `window.__spoken` and ends
 * at once; `getVoices` offers a zh-CN and an en-US voice.
 */
export async function installFakeSpeech(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
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
    const voices = [
      { name: 'Fake 普通话', lang: 'zh_CN', localService: true, default: false, voiceURI: 'zh' },
      { name: 'Fake English', lang: 'en-US', localService: true, default: true, voiceURI: 'en' },
    ];
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
  });
}

export function spokenPrompts(page: Page): Promise<SpokenPrompt[]> {
  return page.evaluate(() => window.__spoken ?? []);
}

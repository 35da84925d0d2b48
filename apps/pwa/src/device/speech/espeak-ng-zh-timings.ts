/**
 * How long espeak-ng's Mandarin voice ("Chinese (Mandarin, latin as English)", through
 * speech-dispatcher and Chromium's `--enable-speech-dispatcher`) really took, measured on the CI
 * machine by tests/e2e/real-speech.browser.test.ts (its artifact `espeak-ng-timings.json`):
 * from `speak()` to `start`, and from `start` to `end`, at rate 1.
 */
export const ESPEAK_NG_ZH_TIMINGS: readonly { text: string; startMs: number; spokenMs: number }[] =
  [
    { text: '开始上班，语音提示已打开', startMs: 560, spokenMs: 4_278 },
    { text: '批次已过期，不要拣，请换一个批次', startMs: 550, spokenMs: 7_178 },
  ];

/**
 * How long espeak-ng's Mandarin voice ("Chinese (Mandarin, latin as English)", through
 * speech-dispatcher and Chromium's `--enable-speech-dispatcher`) really took, measured on the CI
 * machine by tests/e2e/real-speech.browser.test.ts (its artifact `espeak-ng-timings.json`):
 * from `speak()` to `start`, and from `start` to `end`, at rate 1.
 */
export const ESPEAK_NG_ZH_TIMINGS: readonly { text: string; startMs: number; spokenMs: number }[] =
  [
    { text: '开始上班，语音提示已打开', startMs: 626, spokenMs: 4_093 },
    {
      text: '商品错误：这是前刹车片（陶瓷），请放回，扫描屏幕上的商品',
      startMs: 400,
      spokenMs: 9_208,
    },
    { text: '批次已过期，不要拣，请换一个批次', startMs: 401, spokenMs: 6_755 },
    { text: '请扫描带批号和有效期的标签', startMs: 518, spokenMs: 6_347 },
    { text: '标签已报重打，请输入校验码', startMs: 535, spokenMs: 6_769 },
    { text: '扫码未读取：请切换到扫描键盘后重扫', startMs: 405, spokenMs: 7_056 },
  ];

import { describe, expect, it } from 'vitest';
import { BurstDetector } from './burst-detector';
import { keyTime } from './wedge-capture';

describe('keyTime', () => {
  it('times a key by its own stamp when the page handles it late', () => {
    expect(keyTime(1_000, 1_150)).toBe(1_000);
    expect(keyTime(1_150, 1_150)).toBe(1_150);
  });

  it('falls back to the handling time for a missing stamp or one from the future', () => {
    expect(keyTime(0, 1_150)).toBe(1_150);
    expect(keyTime(Number.NaN, 1_150)).toBe(1_150);
    expect(keyTime(1_151, 1_150)).toBe(1_150);
  });

  it('keeps a scan whose keys a starved page handled 150 ms apart one scan', () => {
    // The scanner typed 'P-0002' 5 ms a key; the page handled each key 150 ms after the last.
    const keys = [...'P-0002', 'Enter'].map((key, i) => ({ key, stamp: 100 + 5 * i }));
    const handledAt = (i: number) => 200 + 150 * i;
    const detector = new BurstDetector();
    const actions = keys.flatMap(({ key, stamp }, i) =>
      detector.key(key, keyTime(stamp, handledAt(i))),
    );
    expect(actions).toEqual([{ kind: 'scan', code: 'P-0002' }]);
    // Timed on handling instead, the badge falls apart into misreads, keypad digits and a confirm.
    const byHandling = new BurstDetector();
    const split = keys.flatMap(({ key }, i) => byHandling.key(key, handledAt(i)));
    expect(split).toEqual([
      { kind: 'misread', raw: 'P' },
      { kind: 'misread', raw: '-' },
      ...[...'0002'].map((text) => ({ kind: 'typed', text })),
      { kind: 'confirm' },
    ]);
  });
});

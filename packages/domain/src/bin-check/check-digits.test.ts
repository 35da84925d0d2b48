import { describe, expect, it } from 'vitest';
import { countBinLabelFailure, isBinCheckDigits } from './check-digits';

describe('isBinCheckDigits', () => {
  it.each([
    ['47', '47', true],
    ['47', '４７', true],
    ['047', '0 47', true],
    ['47', '74', false],
    ['47', '4', false],
    ['47', '', false],
  ])('expected %s, keyed %j → %s', (expected, keyed, ok) => {
    expect(isBinCheckDigits(expected, keyed)).toBe(ok);
  });
});

describe('countBinLabelFailure', () => {
  it('asks for a reprint on the third failure in a row at one bin, once', () => {
    let attempts = null;
    const reprints: boolean[] = [];
    for (let i = 0; i < 4; i++) {
      const counted = countBinLabelFailure(attempts, 'A-03-12');
      attempts = counted.attempts;
      reprints.push(counted.reprint);
    }
    expect(reprints).toEqual([false, false, true, false]);
  });

  it('starts over at another bin', () => {
    const first = countBinLabelFailure({ binCode: 'A-03-12', failures: 2 }, 'A-03-13');
    expect(first).toEqual({ attempts: { binCode: 'A-03-13', failures: 1 }, reprint: false });
  });
});

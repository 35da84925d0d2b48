import { describe, expect, it } from 'vitest';
import { defaultScannerSettings, normaliseScan } from './scan-settings';

const GS = '\u001d';

describe('normaliseScan', () => {
  it.each([
    [']C10109501101020917', '0109501101020917'],
    [']d2010950110102091710AB', '010950110102091710AB'],
    [']Q3HELLO', 'HELLO'],
    [']E06901234567892', '6901234567892'],
    ['０６９０１２３４５６７８９２', '06901234567892'],
    ['0109501101020917|10AB|21X', `0109501101020917${GS}10AB${GS}21X`],
    [`${GS}0109501101020917`, '0109501101020917'],
    ['  A-03-12 ', 'A-03-12'],
  ])('%j → %j', (raw, code) => {
    expect(normaliseScan(raw, defaultScannerSettings)).toBe(code);
  });

  it('strips a configured prefix and suffix, and uses the configured GS replacement', () => {
    const settings = { ...defaultScannerSettings, prefix: '@@', suffix: '#', gsReplacement: '~' };
    expect(normaliseScan('@@]C110AB~21X#', settings)).toBe(`10AB${GS}21X`);
  });

  it('leaves a printable character alone when no GS replacement is configured', () => {
    expect(normaliseScan('A|B', { ...defaultScannerSettings, gsReplacement: '' })).toBe('A|B');
  });
});

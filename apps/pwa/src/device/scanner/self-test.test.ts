import { describe, expect, it } from 'vitest';
import type { BurstRecord } from './burst-detector';
import { diagnoseSelfTest, SELF_TEST_LABEL } from './self-test';

function burst(raw: string, overrides: Partial<BurstRecord> = {}): BurstRecord {
  return {
    raw,
    times: [...raw].map((_, i) => i * 4),
    endedBy: 'suffix',
    composed: false,
    action: { kind: 'scan', code: raw },
    ...overrides,
  };
}

describe('diagnoseSelfTest', () => {
  it('passes a good scan and reports its timing', () => {
    expect(diagnoseSelfTest(burst(SELF_TEST_LABEL), SELF_TEST_LABEL)).toMatchObject({
      ok: true,
      faults: [],
      maxGapMs: 4,
    });
  });

  it.each([
    ['no suffix', burst(SELF_TEST_LABEL, { endedBy: 'idle' }), ['no-suffix']],
    ['GS lost', burst(SELF_TEST_LABEL.replace('\u001d', '')), ['gs-lost']],
    ['AZERTY layout', burst('à&àç(à&&à&àéàç&è' + '&àQW)&ç\u001d' + 'é&èA'), ['layout-mismatch']],
    ['characters dropped', burst('010950110102091710AZ-1921'), ['dropped-characters']],
    ['IME on', burst('', { composed: true, action: { kind: 'ime-blocked' } }), ['ime-on']],
    ['another label', burst('A-03-12'), ['wrong-label']],
  ])('diagnoses %s', (_, record, faults) => {
    expect(diagnoseSelfTest(record, SELF_TEST_LABEL).faults).toEqual(faults);
  });
});

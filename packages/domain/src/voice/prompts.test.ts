import { describe, expect, it } from 'vitest';
import { renderPrompt } from './prompts';
import { spellCode } from './spell-code';

describe('renderPrompt', () => {
  const goToBin = { kind: 'go-to-bin', waveCode: 'B26-07', binCode: 'A-03-12', qty: 3 } as const;

  it('says the pick instruction in Chinese, codes spelled out', () => {
    expect(renderPrompt(goToBin, 'zh-CN')).toEqual({
      language: 'zh-CN',
      text: '波次B26-07，库位A-03-12，数量3件',
      speech: '波次 B 2 6 0 7，库位 A 0 3 1 2，数量3件',
    });
  });

  it('says the pick instruction in English, codes spelled out', () => {
    expect(renderPrompt(goToBin, 'en')).toEqual({
      language: 'en',
      text: 'Wave B26-07. Bin A-03-12. Pick 3.',
      speech: 'Wave B 2 6 0 7. Bin A 0 3 1 2. Pick 3.',
    });
  });

  it.each([
    [
      { kind: 'wrong-bin', expectedBin: 'A-03-12' },
      'Wrong bin. Go to A 0 3 1 2.',
      '库位错误，请到 A 0 3 1 2',
    ],
    [{ kind: 'units-left', left: 2 }, '2 more.', '还差2件'],
    [
      { kind: 'lot-expired', lot: 'L1', expiry: '2026-01-31' },
      'Expired lot. Do not pick it. Take another lot.',
      '批次已过期，不要拣，请换一个批次',
    ],
    [
      { kind: 'put-back', binCode: 'B-01-02', qty: 2 },
      'Stop. Put 2 back in bin B 0 1 0 2.',
      '停止，请把2件放回库位 B 0 1 0 2',
    ],
  ] as const)('speaks %j in both languages', (prompt, english, chinese) => {
    expect(renderPrompt(prompt, 'en').speech).toBe(english);
    expect(renderPrompt(prompt, 'zh-CN').speech).toBe(chinese);
  });
});

describe('spellCode', () => {
  it('reads each character and drops separators', () => {
    expect(spellCode('AB-10-01')).toBe('A B 1 0 0 1');
  });
});

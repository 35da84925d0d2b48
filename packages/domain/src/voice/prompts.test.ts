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
    [
      { kind: 'go-to-bin', waveCode: 'B26-07', binCode: 'A-03-12', qty: 3, afterLineDone: true },
      'Line done. Wave B 2 6 0 7. Bin A 0 3 1 2. Pick 3.',
      '本行完成，波次 B 2 6 0 7，库位 A 0 3 1 2，数量3件',
    ],
    [
      { kind: 'wave-part-done', waveCode: 'B26-08', movedLines: 12 },
      'Your lines of wave B 2 6 0 8 are done. 12 lines went to another picker.',
      '波次 B 2 6 0 8 您的部分已完成，另有12行已转给其他拣货员',
    ],
    [
      { kind: 'wrong-item', scanned: { name: 'Green tea', nameZh: '绿茶' } },
      'Wrong item: that is Green tea. Put it back and scan the item shown.',
      '商品错误：这是绿茶，请放回，扫描屏幕上的商品',
    ],
    [
      { kind: 'qty-prefilled', qty: 3 },
      'Quantity 3. Confirm, or scan each unit.',
      '数量3件，请确认或逐件扫描',
    ],
    [{ kind: 'qty-too-many', max: 3 }, 'Too many. At most 3.', '数量太多，最多3件'],
    [{ kind: 'not-read' }, 'Not read. Scan again.', '没有读到，请重扫'],
    [{ kind: 'already-counted' }, 'Already counted.', '已经计过了'],
  ] as const)('speaks %j in both languages', (prompt, english, chinese) => {
    expect(renderPrompt(prompt, 'en').speech).toBe(english);
    expect(renderPrompt(prompt, 'zh-CN').speech).toBe(chinese);
  });
});

describe('Chinese prompts', () => {
  it('use full-width punctuation, never ASCII commas or colons', () => {
    const samples = [
      { kind: 'go-to-bin', waveCode: 'B26-07', binCode: 'A-03-12', qty: 3, afterLineDone: true },
      { kind: 'lot-expired', lot: 'L1', expiry: '2026-11-21' },
      { kind: 'switch-keyboard' },
      { kind: 'shift-started' },
      { kind: 'wrong-item', scanned: { name: 'x', nameZh: '绿茶' } },
    ] as const;
    for (const prompt of samples) {
      const { text, speech } = renderPrompt(prompt, 'zh-CN');
      expect(`${text}${speech}`).not.toMatch(/[,:()]/);
    }
  });
});

describe('spellCode', () => {
  it('reads each character and drops separators', () => {
    expect(spellCode('AB-10-01')).toBe('A B 1 0 0 1');
  });
});

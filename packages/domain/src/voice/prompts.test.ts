import { describe, expect, it } from 'vitest';
import { type Prompt, renderPrompt } from './prompts';
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
  /** One of every prompt (TypeScript refuses the object when a kind is missing). */
  const everyPrompt = {
    'go-to-bin': {
      kind: 'go-to-bin',
      waveCode: 'B26-07',
      binCode: 'A-03-12',
      qty: 3,
      afterLineDone: true,
    },
    'scan-item': { kind: 'scan-item', binCode: 'A-03-12' },
    'units-left': { kind: 'units-left', left: 2 },
    'qty-prefilled': { kind: 'qty-prefilled', qty: 3 },
    'qty-too-many': { kind: 'qty-too-many', max: 3 },
    'line-done': { kind: 'line-done' },
    'wave-done': { kind: 'wave-done', waveCode: 'B26-07', afterLineDone: true },
    'wave-part-done': { kind: 'wave-part-done', waveCode: 'B26-07', movedLines: 4 },
    'wrong-bin': { kind: 'wrong-bin', expectedBin: 'A-03-12' },
    'wrong-item': { kind: 'wrong-item', scanned: { name: 'Green tea', nameZh: '绿茶' } },
    'lot-expired': { kind: 'lot-expired', lot: 'L2611-03', expiry: '2026-11-21' },
    'lot-label-needed': { kind: 'lot-label-needed' },
    'label-reprint-requested': { kind: 'label-reprint-requested', binCode: 'A-03-12' },
    'short-recorded': { kind: 'short-recorded', qty: 2 },
    'put-back': { kind: 'put-back', binCode: 'B-01-02', qty: 2 },
    'switch-keyboard': { kind: 'switch-keyboard' },
    'shift-started': { kind: 'shift-started' },
    'not-read': { kind: 'not-read' },
    'already-counted': { kind: 'already-counted' },
    'pack-not-in-order': { kind: 'pack-not-in-order', scanned: { name: 'Tea', nameZh: '绿茶' } },
    'pack-extra-item': { kind: 'pack-extra-item', name: 'Green tea', nameZh: '绿茶' },
    'pack-weight-mismatch': {
      kind: 'pack-weight-mismatch',
      expectedGrams: 400,
      measuredGrams: 900,
    },
    'pack-parcel-done': { kind: 'pack-parcel-done', parcelNo: 1, unitsLeft: 2 },
    'pack-signature-required': { kind: 'pack-signature-required' },
  } satisfies { [K in Prompt['kind']]: Extract<Prompt, { kind: K }> };

  it.each(Object.values(everyPrompt))(
    'use full-width punctuation, never ASCII commas, stops, colons or brackets: $kind',
    (prompt) => {
      const { text, speech } = renderPrompt(prompt, 'zh-CN');
      expect(`${text}${speech}`).not.toMatch(/[,.:;!?()]/);
    },
  );

  it('keep the long prompts the engine must say to their end as the picker hears them', () => {
    expect(
      [
        everyPrompt['wrong-item'],
        everyPrompt['lot-expired'],
        everyPrompt['lot-label-needed'],
        everyPrompt['label-reprint-requested'],
        everyPrompt['switch-keyboard'],
        everyPrompt['shift-started'],
      ].map((prompt) => renderPrompt(prompt, 'zh-CN').speech),
    ).toEqual([
      '商品错误：这是绿茶，请放回，扫描屏幕上的商品',
      '批次已过期，不要拣，请换一个批次',
      '请扫描带批号和有效期的标签',
      '标签已报重打，请输入校验码',
      '扫码未读取：请切换到扫描键盘后重扫',
      '开始上班，语音提示已打开',
    ]);
  });
});

describe('spellCode', () => {
  it('reads each character and drops separators', () => {
    expect(spellCode('AB-10-01')).toBe('A B 1 0 0 1');
  });
});

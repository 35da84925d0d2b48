import { describe, expect, it } from 'vitest';
import { renderMovePrompt } from './move-prompts';

describe('what the handheld says while moving stock', () => {
  it('shows the bin code as printed and spells it aloud, in both languages', () => {
    expect(renderMovePrompt({ kind: 'move-scan-item', binCode: 'A-03-12' }, 'zh-CN')).toEqual({
      language: 'zh-CN',
      text: '库位A-03-12，请扫描要移的商品',
      speech: '库位A 0 3 1 2，请扫描要移的商品',
    });
    expect(renderMovePrompt({ kind: 'move-scan-item', binCode: 'A-03-12' }, 'en').speech).toBe(
      'Bin A 0 3 1 2. Scan the item to move.',
    );
  });

  it('says why a move was refused and what to do', () => {
    const refused = {
      kind: 'move-refused',
      qty: 5,
      fromBinCode: 'B-01-04',
      name: 'Brake pads',
      nameZh: '刹车片',
    } as const;
    expect(renderMovePrompt(refused, 'zh-CN').text).toBe(
      '移库被拒：库位B-01-04没有5件刹车片可移，库存未动，请主管盘点该库位',
    );
    expect(renderMovePrompt(refused, 'en').text).toBe(
      'Move refused: bin B-01-04 did not have 5 of Brake pads free. Nothing moved; ask a supervisor to count the bin.',
    );
  });
});

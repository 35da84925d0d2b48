import { describe, expect, it } from 'vitest';
import { en } from './messages-en';
import { zhCN } from './messages-zh-cn';

describe('the notice of a wave moved to another picker (M2.1)', () => {
  it('says who has it now and how many of the picker’s picks were kept, in English', () => {
    expect(en.notice.reassigned('B26-07', 'Li Wei', 5)).toBe(
      'Wave B26-07 moved to Li Wei; your 5 picks were kept',
    );
    expect(en.notice.reassigned('B26-07', 'Li Wei', 1)).toBe(
      'Wave B26-07 moved to Li Wei; your 1 pick was kept',
    );
    expect(en.notice.reassigned('B26-07', 'Li Wei', 0)).toBe('Wave B26-07 moved to Li Wei');
  });

  it('and in Chinese', () => {
    expect(zhCN.notice.reassigned('B26-07', 'Li Wei', 5)).toBe(
      '波次 B26-07 已改派给 Li Wei；您的 5 次拣货已保留',
    );
    expect(zhCN.notice.reassigned('B26-07', null, 0)).toBe('波次 B26-07 已改派');
  });

  it('says how many lines of a wave went to another picker (remaining or split move)', () => {
    expect(en.notice.linesMoved('B26-07', 4)).toBe(
      '4 lines of wave B26-07 went to another picker; any you already picked still count.',
    );
    expect(en.notice.linesMoved('B26-07', 1)).toBe(
      '1 line of wave B26-07 went to another picker; any you already picked still count.',
    );
    expect(zhCN.notice.linesMoved('B26-07', 4)).toBe(
      '波次 B26-07 的 4 行已改派给其他拣货员；您已拣的仍然计入。',
    );
  });
});

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
});

import { describe, expect, it } from 'vitest';
import { rowProblemText } from './row-problem-text';

describe('rowProblemText', () => {
  it('words the imports’ common problems in Chinese, keeping the value they name', () => {
    expect(rowProblemText('zh-CN', 'no bin Z-99-99 in this warehouse')).toBe(
      '本仓没有库位 Z-99-99',
    );
    expect(rowProblemText('zh-CN', 'no SKU SKU-NOPE')).toBe('没有商品 SKU-NOPE');
    expect(rowProblemText('zh-CN', 'Invalid input: expected number, received NaN')).toBe(
      '应为数字',
    );
    expect(rowProblemText('zh-CN', 'column missing')).toBe('缺少此列');
    expect(rowProblemText('zh-CN', 'F-01-01 is also on row 3')).toBe('F-01-01 与第 3 行重复');
    expect(
      rowProblemText(
        'zh-CN',
        'the check digit of barcode 6901234567893 is wrong: the last digit should be 2',
      ),
    ).toBe('条码 6901234567893 的校验位不对：最后一位应为 2，请核对条码');
    expect(rowProblemText('zh-CN', 'a barcode is 8, 12, 13 or 14 digits')).toBe(
      '条码应为 8、12、13 或 14 位数字',
    );
    expect(
      rowProblemText(
        'zh-CN',
        'this cell holds the control character U+0000 (the file was read as GBK/GB18030): save the sheet as "CSV UTF-8" or .xlsx and import again',
      ),
    ).toBe('此单元格含有控制字符 U+0000：请将表格另存为“CSV UTF-8”或 .xlsx 后重新导入');
  });

  it('keeps English as sent, and a message it does not know as sent', () => {
    expect(rowProblemText('en', 'no SKU SKU-NOPE')).toBe('no SKU SKU-NOPE');
    expect(rowProblemText('zh-CN', 'barcode 06901234567892 belongs to SKU-00001')).toBe(
      'barcode 06901234567892 belongs to SKU-00001',
    );
  });
});

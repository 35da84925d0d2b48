import type { Language } from '@wms/protocol';

type Wording = (match: RegExpExecArray) => string;

const SAVE_AGAIN = '请将表格另存为“CSV UTF-8”或 .xlsx 后重新导入';

/**
 * The per-cell messages of the spreadsheet imports (the shared reader's, the schemas' and the
 * lookups'), in Chinese. They name a value, so each is matched whole and the value kept.
 */
const ZH_CN: readonly (readonly [RegExp, Wording])[] = [
  [/^column missing$/, () => '缺少此列'],
  [/^no data rows under the header$/, () => '表头下面没有数据行'],
  [
    /^this cell is not readable text \(.*\): save the sheet as/,
    () => `此单元格不是可读的文字：${SAVE_AGAIN}`,
  ],
  [
    /^this cell holds the control character (U\+[0-9A-F]{4}) /,
    (m) => `此单元格含有控制字符 ${m[1]}：${SAVE_AGAIN}`,
  ],
  [/^the cell shows the error (.+)$/, (m) => `单元格显示错误 ${m[1]}`],
  [
    /^a formula without a saved result/,
    () => '公式没有保存的结果：请在 Excel 中打开文件并保存后重新导入',
  ],
  [/^Invalid input: expected int, received NaN$/, () => '应为整数'],
  [/^Invalid input: expected number, received NaN$/, () => '应为数字'],
  [/^Invalid option: expected one of (.+)$/, (m) => `应为以下之一：${m[1]}`],
  [/^no bin (\S+) in this warehouse$/, (m) => `本仓没有库位 ${m[1]}`],
  [/^no SKU (\S+)$/, (m) => `没有商品 ${m[1]}`],
  [/^no supplier (\S+)$/, (m) => `没有供应商 ${m[1]}`],
  [/^no active zone (\S+) in (\S+)$/, (m) => `${m[2]} 仓没有启用的库区 ${m[1]}`],
  [/^(\S+) is also on row (\d+)$/, (m) => `${m[1]} 与第 ${m[2]} 行重复`],
  [
    /^the check digit of barcode (\d+) is wrong: the last digit should be (\d)$/,
    (m) => `条码 ${m[1]} 的校验位不对：最后一位应为 ${m[2]}，请核对条码`,
  ],
  [/^a barcode is 8, 12, 13 or 14 digits$/, () => '条码应为 8、12、13 或 14 位数字'],
];

/**
 * A row problem as a Chinese screen shows it: worded in Chinese when it is one the imports
 * commonly give, else the server's English as sent (it still names the value and the column).
 *
 * @example
 * rowProblemText('zh-CN', 'no bin Z-99-99 in this warehouse') // '本仓没有库位 Z-99-99'
 */
export function rowProblemText(language: Language, message: string): string {
  if (language === 'en') return message;
  for (const [pattern, word] of ZH_CN) {
    const match = pattern.exec(message);
    if (match) return word(match);
  }
  return message;
}

import type { FieldError } from '@wms/protocol';
import type { TextEncoding } from './decode-text';

const ENCODING_NAMES: Record<TextEncoding, string> = {
  'utf-8': 'UTF-8',
  'utf-16le': 'UTF-16',
  'utf-16be': 'UTF-16',
  gb18030: 'GBK/GB18030',
};

/** C0 controls other than tab, line feed and carriage return, and DEL. */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

/**
 * Why a cell cannot be stored as text, or null. U+FFFD is what a decoder leaves for bytes it
 * could not read, so it is never stored; a control character means the file is not the text it
 * claims to be (UTF-16 without its mark reads as UTF-8 with NULs between the letters).
 */
export function unreadableCell(cell: string, encoding: TextEncoding | 'xlsx'): string | null {
  const read =
    encoding === 'xlsx' ? 'the .xlsx file' : `the file was read as ${ENCODING_NAMES[encoding]}`;
  if (cell.includes('\ufffd'))
    return `this cell is not readable text (${read}): save the sheet as "CSV UTF-8" or .xlsx and import again`;
  const control = CONTROL.exec(cell);
  if (control)
    return `this cell holds the control character U+${control[0].charCodeAt(0).toString(16).padStart(4, '0').toUpperCase()} (${read}): save the sheet as "CSV UTF-8" or .xlsx and import again`;
  return null;
}

/** Faults of every unreadable header or data cell; rows count from 1 under the header. */
export function unreadableCells(
  columns: readonly string[],
  rows: readonly Record<string, string>[],
  encoding: TextEncoding | 'xlsx',
): FieldError[] {
  const fields: FieldError[] = [];
  columns.forEach((column, i) => {
    const why = unreadableCell(column, encoding);
    if (why) fields.push({ path: `(header).${i + 1}`, message: why });
  });
  rows.forEach((row, i) => {
    for (const [column, cell] of Object.entries(row)) {
      const why = unreadableCell(cell, encoding);
      if (why) fields.push({ path: `rows.${i + 1}.${column}`, message: why });
    }
  });
  return fields;
}

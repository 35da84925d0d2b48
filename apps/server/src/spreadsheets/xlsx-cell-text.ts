import type { CellValue } from 'exceljs';

/** A Chinese office's clock: Excel dates carry no zone, and the people who type them are here. */
const OFFICE_OFFSET = '+08:00';

/** The text of a typed cell, or the reason it has none (a formula error). */
export type CellText = { text: string } | { fault: string };

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * A date cell as the sheet's author meant it: a date gives `2027-03-31`, a date with a time (or
 * a format that shows one) gives `2026-12-06T14:30:00+08:00`. exceljs hands the cell's wall clock over as UTC.
 */
function dateText(date: Date, numFmt: string | undefined): string {
  const day = `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
  const midnight = date.getUTCHours() + date.getUTCMinutes() + date.getUTCSeconds() === 0;
  // A time is kept whenever there is one; at midnight the cell's format says if it was meant.
  const hasTime = !midnight || /[hs]/i.test((numFmt ?? '').replace(/"[^"]*"/g, ''));
  if (!hasTime) return day;
  const time = `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}`;
  return `${day}T${time}${OFFICE_OFFSET}`;
}

/**
 * The value of a cell, never its display text: a number `19800` formatted `¥19,800.00` reads
 * `19800`, a barcode typed as a number reads all its digits, a formula reads its result.
 */
export function cellText(value: CellValue, numFmt?: string): CellText {
  if (value === null || value === undefined) return { text: '' };
  if (typeof value === 'string') return { text: value };
  if (typeof value === 'number') return { text: String(value) };
  if (typeof value === 'boolean') return { text: value ? 'true' : 'false' };
  if (value instanceof Date) return { text: dateText(value, numFmt) };
  if ('error' in value) return { fault: `the cell shows the error ${value.error}` };
  if ('richText' in value) return { text: value.richText.map((r) => r.text).join('') };
  if ('hyperlink' in value) return { text: value.text };
  if ('result' in value || 'formula' in value || 'sharedFormula' in value)
    return value.result === undefined
      ? { fault: 'a formula without a saved result: open the file in Excel, save it, import again' }
      : cellText(value.result, numFmt);
  return { fault: 'this kind of cell cannot be read as text' };
}

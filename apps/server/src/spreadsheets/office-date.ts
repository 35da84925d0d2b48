/** A Chinese office's clock (as in `xlsx-cell-text.ts`): a time typed without a zone is here. */
const OFFICE_OFFSET = '+08:00';

const pad = (n: string) => n.padStart(2, '0');
/** `2026/12/6`, `2026-12-06`, `2026.12.6`, `2026年12月6日`, then an optional `9:15` or `09:15:30`. */
const OFFICE_DATE =
  /^(\d{4})\s*(?:[/.-]|年)\s*(\d{1,2})\s*(?:[/.-]|月)\s*(\d{1,2})\s*日?(?:(?:\s+|T)(\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;

/**
 * A date cell of a CSV as the API reads dates. Excel saves a date cell into CSV as it shows it
 * (`2026/12/6`, or `2026/12/6 9:15` with a time), not as ISO; this writes such a cell as
 * `2026-12-06` (`day`) or `2026-12-06T09:15:00+08:00` (`time`: the office's clock, as an .xlsx
 * date cell is read). Anything else is given back as it is, for the schema to accept or refuse.
 *
 * @example
 * officeDate('2026/12/6 9:15', 'time') // '2026-12-06T09:15:00+08:00'
 * officeDate('2027年3月31日', 'day') // '2027-03-31'
 */
export function officeDate(cell: string | undefined, kind: 'day' | 'time'): string | undefined {
  const match = cell === undefined ? null : OFFICE_DATE.exec(cell.trim());
  if (!match) return cell;
  const [, year, month, day, hour, minute, second] = match;
  const date = `${year}-${pad(month!)}-${pad(day!)}`;
  if (kind === 'day') return hour === undefined ? date : cell;
  return `${date}T${pad(hour ?? '0')}:${minute ?? '00'}:${pad(second ?? '0')}${OFFICE_OFFSET}`;
}

/**
 * A GS1 YYMMDD date as an ISO calendar date (`2027-03-31`), or undefined when it is not a date.
 * Day `00` means the last day of the month (GS1 GS §7.12). Years are read as 20YY: labels
 * printed this century for goods that expire this century.
 *
 * @example
 * gs1DateToIso('270200') // → '2027-02-28'
 */
export function gs1DateToIso(yymmdd: string): string | undefined {
  if (!/^\d{6}$/.test(yymmdd)) return undefined;
  const year = 2000 + Number(yymmdd.slice(0, 2));
  const month = Number(yymmdd.slice(2, 4));
  const day = Number(yymmdd.slice(4, 6));
  if (month < 1 || month > 12) return undefined;
  const lastDay = daysInMonth(year, month);
  if (day > lastDay) return undefined;
  return `${year}-${pad(month)}-${pad(day === 0 ? lastDay : day)}`;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

const pad = (n: number) => String(n).padStart(2, '0');

import { describe, expect, it } from 'vitest';
import { officeDate } from './office-date';

describe('officeDate', () => {
  it('reads dates as Excel on Chinese Windows saves them into CSV', () => {
    expect(officeDate('2026/12/6 9:15', 'time')).toBe('2026-12-06T09:15:00+08:00');
    expect(officeDate('2026/12/6 21:05:09', 'time')).toBe('2026-12-06T21:05:09+08:00');
    expect(officeDate('2026-12-06 09:15', 'time')).toBe('2026-12-06T09:15:00+08:00');
    expect(officeDate('2026/12/6', 'time')).toBe('2026-12-06T00:00:00+08:00');
    expect(officeDate('2027/3/31', 'day')).toBe('2027-03-31');
    expect(officeDate('2027年3月31日', 'day')).toBe('2027-03-31');
    expect(officeDate('2027.3.31', 'day')).toBe('2027-03-31');
  });

  it('leaves ISO with a zone, and text that is no date, for the schema to judge', () => {
    expect(officeDate('2026-12-06T09:15:00+08:00', 'time')).toBe('2026-12-06T09:15:00+08:00');
    expect(officeDate('2026-12-06T01:15:00Z', 'time')).toBe('2026-12-06T01:15:00Z');
    expect(officeDate('2027-03-31', 'day')).toBe('2027-03-31');
    expect(officeDate('2027/3/31 9:00', 'day')).toBe('2027/3/31 9:00');
    expect(officeDate('下周一', 'day')).toBe('下周一');
    expect(officeDate('', 'time')).toBe('');
    expect(officeDate(undefined, 'day')).toBeUndefined();
  });
});

import { describe, expect, it } from 'vitest';
import { formats } from './format';

describe('times and numbers in the user language', () => {
  it('words a time on the 24-hour clock, in Chinese or English, never AM/PM', () => {
    expect(formats('zh-CN', 'Asia/Shanghai').time('2026-12-06T06:30:45Z')).toBe('14:30:45');
    expect(formats('en', 'Asia/Shanghai').time('2026-12-06T06:30:45Z')).toBe('14:30:45');
    expect(formats('zh-CN', 'Asia/Shanghai').dateTime('2026-12-06T06:30:45Z')).toBe(
      '12月6日 14:30',
    );
  });

  it('groups numbers and words rates as percentages', () => {
    expect(formats('zh-CN').number(12345.678, 1)).toBe('12,345.7');
    expect(formats('en').percent(0.032)).toBe('3.2%');
  });
});

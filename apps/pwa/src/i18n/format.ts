import type { Language } from '@wms/protocol';
import { useMemo } from 'react';
import { useLanguage } from './language';

/** Times, dates and numbers through `Intl` in the user's language, never the browser's default. */
export interface Formats {
  time: (at: string | number | Date) => string;
  dateTime: (at: string | number | Date) => string;
  number: (n: number, fractionDigits?: number) => string;
  percent: (rate: number) => string;
}

/**
 * @example
 * formats('zh-CN').time('2026-12-06T06:30:45Z') // → '14:30:45' (in Asia/Shanghai)
 * formats('en').percent(0.032) // → '3.2%'
 */
export function formats(language: Language, timeZone?: string): Formats {
  const time = new Intl.DateTimeFormat(language, {
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
    timeZone,
  });
  const dateTime = new Intl.DateTimeFormat(language, {
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone,
  });
  const percent = new Intl.NumberFormat(language, {
    style: 'percent',
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
  });
  return {
    time: (at) => time.format(new Date(at)),
    dateTime: (at) => dateTime.format(new Date(at)),
    number: (n, fractionDigits = 0) =>
      new Intl.NumberFormat(language, {
        minimumFractionDigits: fractionDigits,
        maximumFractionDigits: fractionDigits,
      }).format(n),
    percent: (rate) => percent.format(rate),
  };
}

export function useFormats(): Formats {
  const language = useLanguage();
  return useMemo(() => formats(language), [language]);
}

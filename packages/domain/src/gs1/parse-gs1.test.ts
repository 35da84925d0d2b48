import { describe, expect, it } from 'vitest';
import { GS, parseGs1 } from './parse-gs1';

/** `ai=value` pairs of a successful parse, for compact golden assertions. */
function pairs(raw: string, separators?: string[]): string[] {
  const result = parseGs1(raw, separators ? { separators } : {});
  if (!result.ok) throw new Error(`${raw}: ${JSON.stringify(result.error)}`);
  return result.elements.map((e) => `${e.ai}=${e.date ?? e.number ?? e.value}`);
}

function errorOf(raw: string, separators?: string[]) {
  const result = parseGs1(raw, separators ? { separators } : {});
  return result.ok ? undefined : result.error;
}

describe('parseGs1 on real label strings', () => {
  it.each([
    // GS1 General Specifications example: pharmaceutical pack, GS1 DataMatrix.
    [
      `]d201095011010209171719050810ABCD1234${GS}2110`,
      ['01=09501101020917', '17=2019-05-08', '10=ABCD1234', '21=10'],
    ],
    // Logistic label (GS1-128), SSCC alone.
    [']C100106141411234567897', ['00=106141411234567897']],
    // Logistic label: SSCC, content GTIN, count, then purchase order number last.
    [
      `]C100376104250021234569020061414199999637120${GS}400PO-7731`,
      ['00=376104250021234569', '02=00614141999996', '37=120', '400=PO-7731'],
    ],
    // Variable-measure item: net weight 3.25 kg with 2 decimals, best-before and production dates.
    [
      ']C1010952123454321331020003251526063011260101',
      ['01=09521234543213', '3102=3.25', '15=2026-06-30', '11=2026-01-01'],
    ],
    // Lot first, GS after it, then expiry with day 00 (end of month) and a variable count.
    [
      `]C10104012345123456${GS}10L2411A${GS}17270200${GS}3048`,
      ['01=04012345123456', '10=L2411A', '17=2027-02-28', '30=48'],
    ],
    // DataWedge set to replace GS with '|'.
    ['0109506000134352|10LOT-7|17281231', ['01=09506000134352', '10=LOT-7', '17=2028-12-31']],
    // Bracketed (human-readable) form.
    ['(01)09506000134352(17)261130(10)ABC123', ['01=09506000134352', '17=2026-11-30', '10=ABC123']],
    // A leading GS (FNC1 in first position as some scanners send it).
    [`${GS}0106901234567892`, ['01=06901234567892']],
    // Leap year: day 00 of February 2028 is the 29th.
    ['010690123456789217280200', ['01=06901234567892', '17=2028-02-29']],
  ])('%j', (raw, expected) => {
    expect(pairs(raw, ['|'])).toEqual(expected);
  });

  it('reads a QR-coded string with symbology id ]Q3', () => {
    expect(pairs(']Q3010950110102091710X1')).toEqual(['01=09501101020917', '10=X1']);
  });
});

describe('parseGs1 refuses what it cannot trust', () => {
  it('refuses a lot without separator before the expiry (GS lost), never guessing', () => {
    expect(errorOf('010950110102091710ABCD123417270131')).toEqual({
      kind: 'missing-separator',
      ai: '10',
      at: 16,
    });
  });

  it('refuses a variable value longer than its AI allows', () => {
    expect(errorOf('010950110102091721123456789012345678901')?.kind).toBe('missing-separator');
  });

  it('refuses a wrong check digit on 00, 01 and 02', () => {
    expect(errorOf('0109501101020918')).toEqual({ kind: 'bad-check-digit', ai: '01', at: 0 });
    expect(errorOf('00106141411234567890')?.kind).toBe('bad-check-digit');
    expect(errorOf('0200614141999997')?.kind).toBe('bad-check-digit');
  });

  it('refuses impossible dates', () => {
    expect(errorOf('010950110102091717271332')).toEqual({ kind: 'bad-date', ai: '17', at: 16 });
    expect(errorOf('010950110102091717270230')?.kind).toBe('bad-date');
  });

  it('refuses unknown AIs, truncated values, bad characters and repeats', () => {
    expect(errorOf('9912345')).toEqual({ kind: 'unknown-ai', ai: '99', at: 0 });
    expect(errorOf('01095011010209')).toEqual({ kind: 'truncated', ai: '01', at: 0 });
    expect(errorOf('3712A')?.kind).toBe('bad-characters');
    expect(errorOf(`10A${GS}10B`)?.kind).toBe('repeated-ai');
    expect(errorOf(']C1')?.kind).toBe('empty');
  });

  it('does not take a printable replacement for a separator unless configured', () => {
    expect(errorOf('0109506000134352|10LOT-7')?.kind).toBe('unknown-ai');
  });
});

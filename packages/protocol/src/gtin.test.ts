import { describe, expect, it } from 'vitest';
import { gs1CheckDigit, hasValidCheckDigit } from './gtin';
import { gtinSchema } from './master-data';

describe('GS1 check digits', () => {
  it('computes the GS1 mod-10 check digit', () => {
    expect(gs1CheckDigit('690123456789')).toBe(2);
    expect(gs1CheckDigit('03600029145')).toBe(2);
    expect(hasValidCheckDigit('036000291452')).toBe(true);
    expect(hasValidCheckDigit('036000291453')).toBe(false);
    expect(hasValidCheckDigit('12ab')).toBe(false);
  });

  it('a SKU barcode with a wrong check digit is refused, saying so', () => {
    expect(gtinSchema.safeParse('6901234567892').success).toBe(true);
    expect(gtinSchema.safeParse('96385074').success).toBe(true);
    expect(gtinSchema.safeParse('036000291452').success).toBe(true);
    expect(gtinSchema.safeParse('10614141000415').success).toBe(true);
    expect(gtinSchema.safeParse('6901234567893').error?.issues.map((i) => i.message)).toEqual([
      'the check digit of barcode 6901234567893 is wrong: the last digit should be 2',
    ]);
    expect(gtinSchema.safeParse('69012345678').error?.issues.map((i) => i.message)).toEqual([
      'a barcode is 8, 12, 13 or 14 digits',
    ]);
  });
});

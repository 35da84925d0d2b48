import { describe, expect, it } from 'vitest';
import { isBarcodeOf, toGtin14 } from './barcode';

describe('GTIN handling', () => {
  it('pads EAN-13 and UPC-A to GTIN-14 so they match each other', () => {
    expect(toGtin14('6901234567892')).toBe('06901234567892');
    expect(toGtin14('036000291452')).toBe('00036000291452');
    expect(toGtin14('A-03-12')).toBe('A-03-12');
    expect(isBarcodeOf(['06901234567892'], '6901234567892')).toBe(true);
    expect(isBarcodeOf(['06901234567892'], '6901234567893')).toBe(false);
  });
});

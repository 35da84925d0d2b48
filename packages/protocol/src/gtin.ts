/*
 * GS1 check digits (issue 18): one implementation for the scanner on the handheld (domain's item
 * scans and GS1 strings) and the server's master data (a SKU's barcodes are refused with a wrong
 * check digit before any device looks one up).
 */

/**
 * The GS1 mod-10 check digit of the digits before it.
 *
 * @example
 * gs1CheckDigit('690123456789') // → 2
 */
export function gs1CheckDigit(digitsWithoutCheck: string): number {
  let sum = 0;
  for (let i = 0; i < digitsWithoutCheck.length; i++) {
    const digit = Number(digitsWithoutCheck[digitsWithoutCheck.length - 1 - i]);
    sum += i % 2 === 0 ? digit * 3 : digit;
  }
  return (10 - (sum % 10)) % 10;
}

/**
 * True when the last digit of a numeric GTIN/SSCC is its correct check digit.
 *
 * @example
 * hasValidCheckDigit('6901234567892') // → true
 */
export function hasValidCheckDigit(code: string): boolean {
  if (!/^\d{8,18}$/.test(code)) return false;
  return gs1CheckDigit(code.slice(0, -1)) === Number(code.at(-1));
}

/**
 * Puts a numeric GTIN (EAN-8, UPC-A, EAN-13, GTIN-14) in its 14-digit form so that every
 * symbology of the same item compares equal. Anything else is returned unchanged.
 *
 * @example
 * toGtin14('6901234567892') // → '06901234567892'
 */
export function toGtin14(code: string): string {
  return /^\d{8}$|^\d{12,14}$/.test(code) ? code.padStart(14, '0') : code;
}

/** True when `scanned` is one of `barcodes`, comparing GTINs in their 14-digit form. */
export function isBarcodeOf(barcodes: readonly string[], scanned: string): boolean {
  const wanted = toGtin14(scanned);
  return barcodes.some((code) => toGtin14(code) === wanted);
}

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

/** True when the last digit of a numeric GTIN/SSCC is its correct check digit. */
export function hasValidCheckDigit(code: string): boolean {
  if (!/^\d{8,18}$/.test(code)) return false;
  return gs1CheckDigit(code.slice(0, -1)) === Number(code.at(-1));
}

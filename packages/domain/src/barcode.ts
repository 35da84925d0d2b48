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

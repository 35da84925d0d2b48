/**
 * True when the digits a picker keyed in match the check digits printed on the bin label.
 * Full-width digits (a Chinese keyboard) count as digits; spaces are ignored.
 *
 * @example
 * isBinCheckDigits('47', '４７') // → true
 */
export function isBinCheckDigits(expected: string, keyed: string): boolean {
  const digits = keyed.normalize('NFKC').replace(/\s/g, '');
  return /^\d{2,3}$/.test(digits) && digits === expected;
}

/** Failed bin-label attempts in a row before the label is reported for reprint (M1.5). */
export const BIN_LABEL_FAILURES_FOR_REPRINT = 3;

/** Failed attempts to confirm one bin, counted in a row. */
export interface BinLabelAttempts {
  binCode: string;
  failures: number;
}

/**
 * Counts a failed attempt to confirm a bin (unreadable label, wrong check digits). Returns the
 * new count and whether this failure is the one that calls for a reprint: exactly the third in
 * a row at that bin, so one bad label makes one reprint task. A success or another bin starts over.
 *
 * @example
 * countBinLabelFailure({ binCode: 'A-03-12', failures: 2 }, 'A-03-12')
 * // → { attempts: { binCode: 'A-03-12', failures: 3 }, reprint: true }
 */
export function countBinLabelFailure(
  previous: BinLabelAttempts | null,
  binCode: string,
): { attempts: BinLabelAttempts; reprint: boolean } {
  const failures = previous?.binCode === binCode ? previous.failures + 1 : 1;
  return {
    attempts: { binCode, failures },
    reprint: failures === BIN_LABEL_FAILURES_FOR_REPRINT,
  };
}

/**
 * True when `code` has the shape of a bin code (`A-03-12`; the same rule as the protocol's
 * `binCodeSchema`, kept here as a regex so the device need not load zod to check a scan). A scan
 * at the bin that is neither this nor the item is a partial read of the label.
 *
 * @example
 * looksLikeBinCode('A-03-1') // → false
 */
export function looksLikeBinCode(code: string): boolean {
  return /^[A-Z]{1,2}-\d{2}-\d{2}$/.test(code);
}

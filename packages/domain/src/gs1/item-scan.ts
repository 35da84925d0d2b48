import { hasValidCheckDigit } from '@wms/protocol';
import { toGtin14 } from '../barcode';
import { GS, type Gs1Error, type Gs1ParseOptions, parseGs1 } from './parse-gs1';

/** What an item scan tells the pick flow: the product, and the lot facts a label may carry. */
export interface ItemScan {
  /** The code to look the product up by: a GTIN in 14 digits, or the raw code. */
  lookupCode: string;
  lot?: string;
  /** ISO date from AI 17 (use by / expiry). */
  expiry?: string;
  serial?: string;
}

export type ItemScanResult = { ok: true; scan: ItemScan } | { ok: false; error: Gs1Error };

const PLAIN_GTIN = /^(\d{8}|\d{12,14})$/;
const LOOKS_GS1 = /^(\]C1|\]d2|\]Q3|\(\d{2,4}\)|0[012]\d{14})/;

/**
 * Reads an item scan: a plain EAN-8/UPC-A/EAN-13/GTIN-14 (padded to 14 digits), a GS1 element
 * string (GTIN from AI 01 or 02, lot from 10, expiry from 17, serial from 21), or any other code
 * as it is. A GS1 string that does not parse is an error, never a partial read; so is a plain
 * GTIN whose check digit is wrong (a misread, or a GS1 string cut short: `010950110102` is not
 * the UPC-A it looks like).
 *
 * @example
 * readItemScan('6901234567892') // → { ok: true, scan: { lookupCode: '06901234567892' } }
 * readItemScan('010950110102') // → { ok: false, error: { kind: 'bad-check-digit', at: 0 } }
 */
export function readItemScan(code: string, options: Gs1ParseOptions = {}): ItemScanResult {
  if (PLAIN_GTIN.test(code))
    return hasValidCheckDigit(code)
      ? { ok: true, scan: { lookupCode: toGtin14(code) } }
      : { ok: false, error: { kind: 'bad-check-digit', at: 0 } };
  const separators = options.separators ?? [];
  const hasSeparator = [GS, ...separators].some((s) => code.includes(s));
  if (!LOOKS_GS1.test(code) && !hasSeparator) return { ok: true, scan: { lookupCode: code } };
  const parsed = parseGs1(code, options);
  if (!parsed.ok) return parsed;
  const value = (ai: string) => parsed.elements.find((e) => e.ai === ai);
  const scan: ItemScan = { lookupCode: value('01')?.value ?? value('02')?.value ?? code };
  const lot = value('10')?.value;
  const expiry = value('17')?.date;
  const serial = value('21')?.value;
  if (lot !== undefined) scan.lot = lot;
  if (expiry !== undefined) scan.expiry = expiry;
  if (serial !== undefined) scan.serial = serial;
  return { ok: true, scan };
}

export type LotCheck =
  | { ok: true; lot?: string; expiry?: string }
  | { ok: false; reason: 'lot-missing' | 'expiry-missing' }
  | { ok: false; reason: 'expired'; lot: string; expiry: string };

/**
 * Checks the lot facts of an item scan for a SKU. A lot-tracked SKU needs a lot and an expiry
 * from the label; a lot whose expiry date is before `today` (ISO date, passed in) is refused.
 * Expiry day itself is still good.
 *
 * @example
 * checkLot(true, { lookupCode: '…', lot: 'L1', expiry: '2026-11-21' }, '2026-11-22')
 * // → { ok: false, reason: 'expired', lot: 'L1', expiry: '2026-11-21' }
 */
export function checkLot(lotTracked: boolean, scan: ItemScan, today: string): LotCheck {
  if (!lotTracked) return { ok: true };
  if (scan.lot === undefined) return { ok: false, reason: 'lot-missing' };
  if (scan.expiry === undefined) return { ok: false, reason: 'expiry-missing' };
  if (scan.expiry < today)
    return { ok: false, reason: 'expired', lot: scan.lot, expiry: scan.expiry };
  return { ok: true, lot: scan.lot, expiry: scan.expiry };
}

import { readItemScan } from '../gs1/item-scan';
import { type Gs1ParseOptions, parseGs1 } from '../gs1/parse-gs1';

/** What a scan at the dock is: a carton label (SSCC, maybe with the goods' GTIN, lot, expiry) or an item. */
export type ReceiveScan =
  | {
      kind: 'carton';
      sscc: string;
      lookupCode?: string;
      lot?: string;
      expiry?: string;
      qty?: number;
    }
  | { kind: 'item'; lookupCode: string; lot?: string; expiry?: string }
  | { kind: 'unreadable' };

/**
 * Reads a scan at the receiving dock through the GS1 parser: a GS1-128 carton label with AI 00
 * (SSCC) and, when the supplier prints them, AI 02 (GTIN of the contents), 10 (lot), 17 (expiry)
 * and 37 (count); else an item scan as picking reads it.
 *
 * @example
 * readReceiveScan('(00)069012340000000016(02)06901234567892(10)L2612A(17)271231(37)24')
 * // → { kind: 'carton', sscc: '069012340000000016', lookupCode: '06901234567892', lot: 'L2612A', expiry: '2027-12-31', qty: 24 }
 */
export function readReceiveScan(code: string, options: Gs1ParseOptions = {}): ReceiveScan {
  if (/^(\]C1)?(\(00\)|00\d{18})/.test(code)) {
    const parsed = parseGs1(code, options);
    if (!parsed.ok) return { kind: 'unreadable' };
    const value = (ai: string) => parsed.elements.find((e) => e.ai === ai);
    const sscc = value('00')?.value;
    if (!sscc) return { kind: 'unreadable' };
    const carton: ReceiveScan = { kind: 'carton', sscc };
    const gtin = value('02')?.value ?? value('01')?.value;
    const lot = value('10')?.value;
    const expiry = value('17')?.date;
    const count = value('37')?.value;
    if (gtin) carton.lookupCode = gtin;
    if (lot) carton.lot = lot;
    if (expiry) carton.expiry = expiry;
    if (count && /^\d+$/.test(count)) carton.qty = Number(count);
    return carton;
  }
  const item = readItemScan(code, options);
  if (!item.ok) return { kind: 'unreadable' };
  return { kind: 'item', ...item.scan };
}

/**
 * What a printed label says, whatever it is printed on (PDF for office printers, ZPL for Zebra
 * label printers): a big title, a barcode of `barcode` (Code 128), and small print.
 */
export interface LabelContent {
  /** Printed large: the bin code, the badge, the tote. */
  title: string;
  /** Printed large beside the title: a bin's check digits, for keying in when it will not scan. */
  corner: string | null;
  /** What the barcode encodes: exactly what a scan of it must yield. */
  barcode: string;
  /** Small print under the barcode (a person's name, the warehouse). */
  caption: string;
}

export type LabelKind = 'bins' | 'badges' | 'totes';

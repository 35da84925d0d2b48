import type { BinLabelAttempts, Prompt } from '@wms/domain';
import type { PickLine, ShortReason } from '@wms/protocol';

export type PickStep = 'scan-bin' | 'scan-item' | 'confirm-qty';

/** Each answer has its own sound: accepted, refused, not read (scan again), already counted. */
export type Tone = 'ok' | 'error' | 'not-read' | 'repeat';

export type PickError =
  | { kind: 'wrong-bin'; expected: string; scanned: string }
  | { kind: 'item-before-bin'; bin: string }
  | { kind: 'wrong-item'; scanned: string; scannedSku?: KnownSku }
  | { kind: 'qty-out-of-range'; max: number }
  | { kind: 'confirm-qty-first' }
  | { kind: 'ime' }
  | { kind: 'label-unreadable'; failures: number }
  | { kind: 'wrong-check-digits'; failures: number }
  | { kind: 'lot-expired'; lot: string; expiry: string }
  | { kind: 'lot-label-needed' }
  | { kind: 'bad-gs1'; detail: string }
  /** The scanner sent something that is no code (a partial read, a bad check digit). */
  | { kind: 'not-read' };

/** Where the picker is on one line. Kept in memory: the picks themselves are in the outbox. */
export interface PickFlowState {
  lineId: string;
  step: PickStep;
  /** The quantity on the keypad, as typed. */
  qtyText: string;
  /** False while the keypad still shows the prefilled remaining quantity: a digit replaces it. */
  qtyEdited: boolean;
  /** Units scanned one by one on this visit (the countdown); 0 before the first item scan. */
  unitsScanned: number;
  /** Check digits being keyed in because the bin label will not scan; null when not keying. */
  binDigits: string | null;
  /** Failed attempts to confirm this bin, in a row. */
  labelAttempts: BinLabelAttempts | null;
  /** Lot and expiry read from the item label of a lot-tracked SKU. */
  lot: { lot: string; expiry: string } | null;
  error: PickError | null;
}

export type PickInput =
  | { kind: 'scan'; code: string }
  | { kind: 'confirm' }
  | { kind: 'digit'; digit: string }
  | { kind: 'backspace' }
  | { kind: 'clear' }
  | { kind: 'ime-blocked' }
  /** The same code again within the scanner's debounce: answered, never counted. */
  | { kind: 'repeat'; code: string }
  /** A burst that is no code: answered "not read, scan again". */
  | { kind: 'misread' }
  /** The picker says the bin label will not scan: key in its check digits instead. */
  | { kind: 'label-unreadable' }
  | { kind: 'short'; reason: ShortReason };

/** The next state, and what to record, say and sound. */
export interface PickDecision {
  state: PickFlowState;
  recordQty?: number;
  /** The lot read from the label, recorded with the pick. */
  recordLot?: { lot: string; expiry: string } | undefined;
  recordShort?: { reason: ShortReason; qty: number };
  /** The third failed attempt in a row at this bin: report the label for reprint. */
  reportLabel?: { attempts: number };
  prompt?: Prompt;
  tone?: Tone;
}

/** A product the device knows by its barcode (names in both languages). */
export interface KnownSku {
  name: string;
  nameZh: string;
}

/** What the flow needs to know beyond the line: today's date, for lot expiry (ISO date). */
export interface PickContext {
  today: string;
  /** The product a scanned code belongs to, when the device knows it: a wrong item is named. */
  skuOfBarcode?: (code: string) => KnownSku | undefined;
}

export type FlowLine = Pick<
  PickLine,
  'id' | 'binCode' | 'barcodes' | 'qty' | 'pickedQty' | 'status' | 'checkDigits' | 'lotTracked'
>;

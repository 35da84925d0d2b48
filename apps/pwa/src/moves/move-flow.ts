import {
  freeInBin,
  isBarcodeOf,
  isBinCheckDigits,
  looksLikeBinCode,
  readItemScan,
  type MovePrompt,
  type Prompt,
} from '@wms/domain';
import type { MoveSku, MoveSlot, MoveWork, StockMovedPayload } from '@wms/protocol';
import type { ToneName } from '../device/feedback/sounds';

/**
 * A move on the handheld (issue 16), one step per screen: `scan-from-bin` → `scan-item` (the
 * GS1 label gives lot and expiry) → `key-qty` → `scan-to-bin` → recorded (outbox), and the next
 * move starts. At `scan-to-bin` the worker may say the label shows another lot: `scan-new-lot`
 * reads it, and the move becomes a lot correction. Pure: the hook records `record`, plays `tone`
 * and says `say`.
 */
export type MoveStep = 'scan-from-bin' | 'scan-item' | 'key-qty' | 'scan-to-bin' | 'scan-new-lot';

/** What the device says: a move prompt, or one of picking's (not read, switch keyboard…). */
export type MoveSaying = { of: 'move'; prompt: MovePrompt } | { of: 'scan'; prompt: Prompt };

export interface MoveState {
  step: MoveStep;
  fromBinCode: string | null;
  sku: MoveSku | null;
  /** The source slot (bin × SKU × lot) the units come from. */
  slot: MoveSlot | null;
  qtyText: string;
  /** The count came from the scan: the first digit keyed replaces it. */
  qtyFromScan: boolean;
  /** A lot correction: the lot and expiry the label really shows. */
  toLot: { lot: string; expiry: string } | null;
  /** What the last input said, shown until the next (red when `error`). */
  notice: { saying: MoveSaying; error: boolean } | null;
}

export type MoveInput =
  | { kind: 'scan'; code: string }
  | { kind: 'repeat'; code: string }
  | { kind: 'misread' }
  | { kind: 'ime-blocked' }
  | { kind: 'digit'; digit: string }
  | { kind: 'backspace' }
  | { kind: 'clear' }
  | { kind: 'confirm' }
  /** The label will not scan: the bin code and check digits keyed in (as in picking). */
  | { kind: 'keyed-bin'; binCode: string; digits: string }
  | { kind: 'correct-lot' }
  | { kind: 'restart' };

export interface MoveDecision {
  state: MoveState;
  tone?: ToneName;
  say?: MoveSaying;
  record?: StockMovedPayload;
}

export const initialMoveState: MoveState = {
  step: 'scan-from-bin',
  fromBinCode: null,
  sku: null,
  slot: null,
  qtyText: '',
  qtyFromScan: false,
  toLot: null,
  notice: null,
};

const move = (prompt: MovePrompt): MoveSaying => ({ of: 'move', prompt });

/** An answer that changes nothing but what is shown and said. */
function answer(state: MoveState, saying: MoveSaying, tone: ToneName = 'error'): MoveDecision {
  return { state: { ...state, notice: { saying, error: tone !== 'ok' } }, tone, say: saying };
}

function next(state: MoveState, saying: MoveSaying): MoveDecision {
  return { state: { ...state, notice: { saying, error: false } }, tone: 'ok', say: saying };
}

export function advanceMove(state: MoveState, input: MoveInput, work: MoveWork): MoveDecision {
  switch (input.kind) {
    case 'scan':
      return onScan(state, input.code.trim(), work);
    case 'repeat':
      return answer(state, { of: 'scan', prompt: { kind: 'already-counted' } }, 'repeat');
    case 'misread':
      return answer(state, { of: 'scan', prompt: { kind: 'not-read' } }, 'not-read');
    case 'ime-blocked':
      return answer(state, { of: 'scan', prompt: { kind: 'switch-keyboard' } });
    case 'digit':
    case 'backspace':
    case 'clear':
      return { state: keyQty(state, input) };
    case 'confirm':
      return state.step === 'key-qty' ? confirmQty(state) : { state };
    case 'keyed-bin':
      return keyedBin(state, input.binCode.trim().toUpperCase(), input.digits, work);
    case 'correct-lot':
      return state.step === 'scan-to-bin'
        ? next({ ...state, step: 'scan-new-lot' }, move({ kind: 'move-scan-new-lot' }))
        : { state };
    case 'restart':
      return next(initialMoveState, move({ kind: 'move-start' }));
  }
}

function onScan(state: MoveState, code: string, work: MoveWork): MoveDecision {
  if (code === '') return { state };
  if (looksLikeBinCode(code)) {
    if (state.step === 'scan-from-bin' || state.step === 'scan-item')
      return chooseFrom(state, code, work);
    if (state.step === 'scan-to-bin') return chooseTo(state, code, work);
    if (state.step === 'scan-new-lot') return answer(state, move({ kind: 'move-scan-new-lot' }));
    return answer(state, keyQtyPrompt(state));
  }
  switch (state.step) {
    case 'scan-from-bin':
    case 'scan-to-bin':
      return answer(state, move({ kind: 'move-not-a-bin' }));
    case 'scan-item':
      return chooseItem(state, code, work);
    case 'key-qty':
      return isItemOf(state.sku, itemCode(code))
        ? countOneMore(state)
        : chooseItem(state, code, work);
    case 'scan-new-lot':
      return readNewLot(state, code);
  }
}

function isItemOf(sku: MoveSku | null, lookupCode: string): boolean {
  return sku !== null && (isBarcodeOf(sku.barcodes, lookupCode) || sku.id === lookupCode);
}

/** The code to look a product up by (GTIN from a GS1 string, else the code). */
function itemCode(code: string): string {
  const read = readItemScan(code);
  return read.ok ? read.scan.lookupCode : code;
}

function chooseFrom(state: MoveState, binCode: string, work: MoveWork): MoveDecision {
  if (!work.bins.some((b) => b.code === binCode))
    return answer(state, move({ kind: 'move-unknown-bin', binCode }));
  if (freeInBin(work, binCode) === 0)
    return answer(state, move({ kind: 'move-bin-empty', binCode }));
  return next(
    { ...initialMoveState, step: 'scan-item', fromBinCode: binCode },
    move({ kind: 'move-scan-item', binCode }),
  );
}

function chooseItem(state: MoveState, code: string, work: MoveWork): MoveDecision {
  const binCode = state.fromBinCode ?? '';
  const read = readItemScan(code);
  if (!read.ok) return answer(state, { of: 'scan', prompt: { kind: 'not-read' } }, 'not-read');
  const { lookupCode, lot, expiry } = read.scan;
  const sku = work.skus.find((s) => isBarcodeOf(s.barcodes, lookupCode) || s.id === lookupCode);
  const slots = work.slots.filter(
    (s) => s.binCode === binCode && s.skuId === sku?.id && s.free > 0,
  );
  if (!sku || slots.length === 0)
    return answer(state, move({ kind: 'move-item-not-in-bin', binCode }));
  let slot: MoveSlot | undefined;
  if (!sku.lotTracked) slot = slots.find((s) => s.lot === null) ?? slots[0];
  else if (lot !== undefined) {
    slot = slots.find((s) => s.lot === lot && (expiry === undefined || s.expiry === expiry));
    if (!slot) return answer(state, move({ kind: 'move-lot-not-in-bin', binCode, lot }));
  } else if (slots.length === 1) slot = slots[0];
  if (!slot) return answer(state, move({ kind: 'move-lot-label-needed' }));
  const chosen: MoveState = {
    ...state,
    step: 'key-qty',
    sku,
    slot,
    qtyText: '1',
    qtyFromScan: true,
    toLot: null,
  };
  return next(chosen, keyQtyPrompt(chosen));
}

function keyQtyPrompt(state: MoveState): MoveSaying {
  return move({
    kind: 'move-key-qty',
    name: state.sku?.name ?? '',
    nameZh: state.sku?.nameZh ?? '',
    free: state.slot?.free ?? 0,
  });
}

function countOneMore(state: MoveState): MoveDecision {
  const qty = (Number(state.qtyText) || 0) + 1;
  return next({ ...state, qtyText: String(qty), qtyFromScan: true }, keyQtyPrompt(state));
}

function keyQty(state: MoveState, input: MoveInput): MoveState {
  if (state.step !== 'key-qty') return state;
  const text = state.qtyFromScan ? '' : state.qtyText;
  const qtyText =
    input.kind === 'digit'
      ? (text + input.digit).replace(/^0+/, '').slice(0, 5)
      : input.kind === 'backspace'
        ? text.slice(0, -1)
        : '';
  return { ...state, qtyText, qtyFromScan: false, notice: null };
}

function confirmQty(state: MoveState): MoveDecision {
  const qty = Number(state.qtyText);
  const free = state.slot?.free ?? 0;
  if (!Number.isInteger(qty) || qty < 1) return answer(state, keyQtyPrompt(state));
  if (qty > free) return answer(state, move({ kind: 'move-too-many', free }));
  return next({ ...state, step: 'scan-to-bin' }, move({ kind: 'move-scan-to-bin', qty }));
}

function readNewLot(state: MoveState, code: string): MoveDecision {
  const read = readItemScan(code);
  if (!read.ok) return answer(state, { of: 'scan', prompt: { kind: 'not-read' } }, 'not-read');
  const { lookupCode, lot, expiry } = read.scan;
  if (!isItemOf(state.sku, lookupCode) || lot === undefined || expiry === undefined)
    return answer(state, move({ kind: 'move-scan-new-lot' }));
  const qty = Number(state.qtyText);
  return next(
    { ...state, step: 'scan-to-bin', toLot: { lot, expiry } },
    move({ kind: 'move-scan-to-bin', qty }),
  );
}

function chooseTo(state: MoveState, binCode: string, work: MoveWork): MoveDecision {
  const { fromBinCode, slot, toLot } = state;
  if (!fromBinCode || !slot) return { state };
  if (!work.bins.some((b) => b.code === binCode))
    return answer(state, move({ kind: 'move-unknown-bin', binCode }));
  const correctsLot = toLot !== null && (toLot.lot !== slot.lot || toLot.expiry !== slot.expiry);
  if (binCode === fromBinCode && !correctsLot)
    return answer(state, move({ kind: 'move-same-bin' }));
  const qty = Number(state.qtyText);
  const record: StockMovedPayload = {
    fromBinCode,
    toBinCode: binCode,
    skuId: slot.skuId,
    qty,
    ...(slot.lot !== null ? { lot: slot.lot } : {}),
    ...(slot.expiry !== null ? { expiry: slot.expiry } : {}),
    ...(correctsLot ? { toLot: toLot.lot, toExpiry: toLot.expiry } : {}),
  };
  const saying = move({ kind: 'moved', qty, fromBinCode, toBinCode: binCode });
  return { ...next(initialMoveState, saying), record };
}

function keyedBin(state: MoveState, binCode: string, digits: string, work: MoveWork): MoveDecision {
  const bin = work.bins.find((b) => b.code === binCode);
  if (!bin) return answer(state, move({ kind: 'move-unknown-bin', binCode }));
  if (!isBinCheckDigits(bin.checkDigits, digits))
    return answer(state, move({ kind: 'move-wrong-check-digits', binCode }));
  if (state.step === 'scan-to-bin') return chooseTo(state, binCode, work);
  if (state.step === 'scan-from-bin' || state.step === 'scan-item')
    return chooseFrom(state, binCode, work);
  return { state };
}

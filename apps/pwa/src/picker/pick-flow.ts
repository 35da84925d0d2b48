import { isBarcodeOf, remainingQty } from '@wms/domain';
import type { PickLine } from '@wms/protocol';

export type PickStep = 'scan-bin' | 'scan-item' | 'confirm-qty';

export type PickError =
  | { kind: 'wrong-bin'; expected: string; scanned: string }
  | { kind: 'item-before-bin'; bin: string }
  | { kind: 'wrong-item'; scanned: string }
  | { kind: 'qty-out-of-range'; max: number }
  | { kind: 'confirm-qty-first' }
  | { kind: 'ime' };

/** Where the picker is on one line. Kept in memory: the picks themselves are in the outbox. */
export interface PickFlowState {
  lineId: string;
  step: PickStep;
  /** The quantity on the keypad, as typed. */
  qtyText: string;
  /** False while the keypad still shows the prefilled remaining quantity: a digit replaces it. */
  qtyEdited: boolean;
  error: PickError | null;
}

export type PickInput =
  | { kind: 'scan'; code: string }
  | { kind: 'confirm' }
  | { kind: 'digit'; digit: string }
  | { kind: 'backspace' }
  | { kind: 'clear' }
  | { kind: 'ime-blocked' };

/** The next state, and the quantity to record when the input completes a pick. */
export interface PickDecision {
  state: PickFlowState;
  recordQty?: number;
}

type FlowLine = Pick<PickLine, 'id' | 'binCode' | 'barcodes' | 'qty' | 'pickedQty' | 'status'>;

const MAX_QTY_DIGITS = 4;

export function startLine(line: Pick<PickLine, 'id'>): PickFlowState {
  return { lineId: line.id, step: 'scan-bin', qtyText: '', qtyEdited: false, error: null };
}

/** The flow state for `line`: a line the state does not belong to starts at its bin. */
export function flowFor(state: PickFlowState | null, line: Pick<PickLine, 'id'>): PickFlowState {
  return state?.lineId === line.id ? state : startLine(line);
}

/**
 * One step of picking a line: scan the bin, scan the item, confirm the quantity. Wrong scans
 * leave the step unchanged and set an error; nothing is recorded until the quantity is confirmed.
 *
 * @example
 * advancePick(startLine(line), line, { kind: 'scan', code: 'A-03-12' }).state.step // → 'scan-item'
 */
export function advancePick(
  current: PickFlowState | null,
  line: FlowLine,
  input: PickInput,
): PickDecision {
  const state = flowFor(current, line);
  if (input.kind === 'ime-blocked') return { state: { ...state, error: { kind: 'ime' } } };
  switch (state.step) {
    case 'scan-bin':
      return { state: onScanBin(state, line, input) };
    case 'scan-item':
      return { state: onScanItem(state, line, input) };
    case 'confirm-qty':
      return onConfirmQty(state, line, input);
  }
}

function onScanBin(state: PickFlowState, line: FlowLine, input: PickInput): PickFlowState {
  if (input.kind !== 'scan') return state;
  if (isSameBin(input.code, line.binCode)) return { ...state, step: 'scan-item', error: null };
  if (isBarcodeOf(line.barcodes, input.code))
    return { ...state, error: { kind: 'item-before-bin', bin: line.binCode } };
  return { ...state, error: { kind: 'wrong-bin', expected: line.binCode, scanned: input.code } };
}

function onScanItem(state: PickFlowState, line: FlowLine, input: PickInput): PickFlowState {
  if (input.kind !== 'scan') return state;
  if (isBarcodeOf(line.barcodes, input.code)) {
    const qtyText = String(remainingQty(line));
    return { ...state, step: 'confirm-qty', qtyText, qtyEdited: false, error: null };
  }
  if (isSameBin(input.code, line.binCode)) return { ...state, error: null };
  return { ...state, error: { kind: 'wrong-item', scanned: input.code } };
}

function onConfirmQty(state: PickFlowState, line: FlowLine, input: PickInput): PickDecision {
  switch (input.kind) {
    case 'scan':
      return isBarcodeOf(line.barcodes, input.code)
        ? { state: { ...state, error: null } }
        : { state: { ...state, error: { kind: 'confirm-qty-first' } } };
    case 'digit':
      return {
        state: withQtyText(state, state.qtyEdited ? state.qtyText + input.digit : input.digit),
      };
    case 'backspace':
      return { state: withQtyText(state, state.qtyText.slice(0, -1)) };
    case 'clear':
      return { state: withQtyText(state, '') };
    case 'confirm':
      return confirmQty(state, line);
    case 'ime-blocked':
      return { state };
  }
}

function confirmQty(state: PickFlowState, line: FlowLine): PickDecision {
  const max = remainingQty(line);
  const qty = Number(state.qtyText);
  if (!/^\d+$/.test(state.qtyText) || qty < 1 || qty > max) {
    return { state: { ...state, error: { kind: 'qty-out-of-range', max } } };
  }
  // A partial pick stays at the bin: the picker scans the item again for the rest.
  const next: PickFlowState =
    qty < max ? { ...startLine(line), step: 'scan-item' } : startLine(line);
  return { state: next, recordQty: qty };
}

function withQtyText(state: PickFlowState, qtyText: string): PickFlowState {
  return { ...state, qtyText: qtyText.slice(0, MAX_QTY_DIGITS), qtyEdited: true, error: null };
}

function isSameBin(scanned: string, binCode: string): boolean {
  return scanned.toUpperCase() === binCode.toUpperCase();
}

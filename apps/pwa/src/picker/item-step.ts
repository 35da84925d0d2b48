import { checkLot, isBarcodeOf, readItemScan, remainingQty } from '@wms/domain';
import { afterRecordedPick } from './line-start';
import { notRead } from './not-read';
import type { FlowLine, PickContext, PickDecision, PickFlowState } from './pick-flow-types';

/**
 * An item scan at the item or quantity step. The first good scan opens the quantity, prefilled
 * with what is left (bulk: key it or confirm); every further scan of the item counts one unit
 * down, and the last unit records the pick by itself. A lot-tracked SKU needs its GS1 label
 * (lot and expiry); an expired lot is refused.
 */
export function onItemScan(
  state: PickFlowState,
  line: FlowLine,
  code: string,
  context: PickContext,
): PickDecision {
  const read = readItemScan(code);
  if (!read.ok) {
    if (read.error.kind === 'bad-check-digit') return notRead(state);
    return {
      state: { ...state, error: { kind: 'bad-gs1', detail: read.error.kind } },
      tone: 'not-read',
      prompt: { kind: 'not-read' },
    };
  }
  if (!isBarcodeOf(line.barcodes, read.scan.lookupCode)) {
    if (code.toUpperCase() === line.binCode.toUpperCase())
      return { state: { ...state, error: null } };
    const known = context.skuOfBarcode?.(read.scan.lookupCode);
    return {
      state: {
        ...state,
        error: { kind: 'wrong-item', scanned: code, ...(known ? { scannedSku: known } : {}) },
      },
      tone: 'error',
      prompt: { kind: 'wrong-item', ...(known ? { scanned: known } : {}) },
    };
  }
  const lot = checkLot(line.lotTracked === true, read.scan, context.today);
  if (!lot.ok) {
    if (lot.reason === 'expired') {
      const error = { kind: 'lot-expired', lot: lot.lot, expiry: lot.expiry } as const;
      return {
        state: { ...state, error },
        tone: 'error',
        prompt: { kind: 'lot-expired', lot: lot.lot, expiry: lot.expiry },
      };
    }
    return {
      state: { ...state, error: { kind: 'lot-label-needed' } },
      tone: 'error',
      prompt: { kind: 'lot-label-needed' },
    };
  }
  const lotRead =
    lot.lot !== undefined && lot.expiry !== undefined
      ? { lot: lot.lot, expiry: lot.expiry }
      : state.lot;
  return countUnit({ ...state, lot: lotRead }, line);
}

function countUnit(state: PickFlowState, line: FlowLine): PickDecision {
  const remaining = remainingQty(line);
  const unitsScanned = state.unitsScanned + 1;
  if (state.step !== 'confirm-qty') {
    const next = {
      ...state,
      step: 'confirm-qty' as const,
      qtyText: String(remaining),
      qtyEdited: false,
      unitsScanned,
      error: null,
    };
    if (remaining <= 1) return { state: next, tone: 'ok' };
    // The box shows all that is left: the prompt says the same (it said "2 more" over a 3).
    return { state: next, tone: 'ok', prompt: { kind: 'qty-prefilled', qty: remaining } };
  }
  if (unitsScanned >= remaining)
    return {
      state: afterRecordedPick(line, remaining),
      recordQty: remaining,
      recordLot: state.lot ?? undefined,
    };
  return {
    state: { ...state, unitsScanned, qtyText: String(unitsScanned), qtyEdited: true, error: null },
    tone: 'ok',
    prompt: { kind: 'units-left', left: remaining - unitsScanned },
  };
}

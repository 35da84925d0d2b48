import { remainingQty } from '@wms/domain';
import type { PickLine } from '@wms/protocol';
import type { FlowLine, PickFlowState } from './pick-flow-types';

export function startLine(line: Pick<PickLine, 'id'>): PickFlowState {
  return {
    lineId: line.id,
    step: 'scan-bin',
    qtyText: '',
    qtyEdited: false,
    unitsScanned: 0,
    binDigits: null,
    labelAttempts: null,
    lot: null,
    error: null,
  };
}

/** The flow state for `line`: a line the state does not belong to starts at its bin. */
export function flowFor(state: PickFlowState | null, line: Pick<PickLine, 'id'>): PickFlowState {
  return state?.lineId === line.id ? state : startLine(line);
}

/**
 * Where the flow goes once a pick of `qty` is recorded: a partial pick stays at the bin (scan the
 * item again for the rest), a complete one starts the next line at its bin.
 */
export function afterRecordedPick(line: FlowLine, qty: number): PickFlowState {
  return qty < remainingQty(line) ? { ...startLine(line), step: 'scan-item' } : startLine(line);
}

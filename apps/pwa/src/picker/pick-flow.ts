import { remainingQty } from '@wms/domain';
import type { ShortReason } from '@wms/protocol';
import { onBinStep } from './bin-step';
import { onItemScan } from './item-step';
import { afterRecordedPick, flowFor, startLine } from './line-start';
import { notRead } from './not-read';
import type {
  FlowLine,
  PickContext,
  PickDecision,
  PickFlowState,
  PickInput,
} from './pick-flow-types';

export type * from './pick-flow-types';
export { afterRecordedPick, flowFor, startLine } from './line-start';

const MAX_QTY_DIGITS = 4;

/**
 * One step of picking a line: scan the bin (or key its check digits), scan the item, confirm the
 * quantity (or scan each unit). Wrong scans leave the step unchanged and set an error; nothing is
 * recorded until the quantity is complete. A short can be reported once the picker is at the bin.
 *
 * @example
 * advancePick(startLine(line), line, { kind: 'scan', code: 'A-03-12' }, { today }).state.step // → 'scan-item'
 */
export function advancePick(
  current: PickFlowState | null,
  line: FlowLine,
  input: PickInput,
  context: PickContext,
): PickDecision {
  const state = flowFor(current, line);
  if (input.kind === 'ime-blocked')
    return {
      state: { ...state, error: { kind: 'ime' } },
      tone: 'error',
      prompt: { kind: 'switch-keyboard' },
    };
  if (input.kind === 'short') return reportShort(state, line, input.reason);
  if (input.kind === 'repeat')
    return { state, tone: 'repeat', prompt: { kind: 'already-counted' } };
  if (input.kind === 'misread') return notRead(state);
  switch (state.step) {
    case 'scan-bin':
      return onBinStep(state, line, input);
    case 'scan-item':
      return input.kind === 'scan' ? onItemScan(state, line, input.code, context) : { state };
    case 'confirm-qty':
      return onConfirmQty(state, line, input, context);
  }
}

function reportShort(state: PickFlowState, line: FlowLine, reason: ShortReason): PickDecision {
  const qty = remainingQty(line);
  if (qty === 0) return { state };
  return {
    state: startLine(line),
    recordShort: { reason, qty },
    tone: 'ok',
    prompt: { kind: 'short-recorded', qty },
  };
}

function onConfirmQty(
  state: PickFlowState,
  line: FlowLine,
  input: PickInput,
  context: PickContext,
): PickDecision {
  switch (input.kind) {
    case 'scan': {
      const decision = onItemScan(state, line, input.code, context);
      if (decision.state.error?.kind !== 'wrong-item') return decision;
      return { ...decision, state: { ...state, error: { kind: 'confirm-qty-first' } } };
    }
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
    default:
      return { state };
  }
}

function confirmQty(state: PickFlowState, line: FlowLine): PickDecision {
  const max = remainingQty(line);
  const qty = Number(state.qtyText);
  if (!/^\d+$/.test(state.qtyText) || qty < 1 || qty > max) {
    return {
      state: { ...state, error: { kind: 'qty-out-of-range', max } },
      tone: 'error',
      prompt: qty > max ? { kind: 'qty-too-many', max } : undefined,
    };
  }
  return { state: afterRecordedPick(line, qty), recordQty: qty, recordLot: state.lot ?? undefined };
}

function withQtyText(state: PickFlowState, qtyText: string): PickFlowState {
  return { ...state, qtyText: qtyText.slice(0, MAX_QTY_DIGITS), qtyEdited: true, error: null };
}

import { countBinLabelFailure, isBarcodeOf, isBinCheckDigits, looksLikeBinCode } from '@wms/domain';
import type { FlowLine, PickDecision, PickFlowState, PickInput } from './pick-flow-types';

const MAX_CHECK_DIGITS = 3;

/**
 * The bin step: scan the bin label, or key in its check digits when it will not scan. A scan that
 * is neither a bin code nor the item (a partial read), a "label won't scan" tap and wrong check
 * digits are failed attempts; the third in a row reports the label for reprint (M1.5).
 */
export function onBinStep(state: PickFlowState, line: FlowLine, input: PickInput): PickDecision {
  switch (input.kind) {
    case 'scan':
      return onBinScan(state, line, input.code);
    case 'label-unreadable':
      return failAttempt({ ...state, binDigits: state.binDigits ?? '' }, line, 'label-unreadable');
    case 'digit':
      return state.binDigits === null
        ? { state }
        : { state: withDigits(state, (state.binDigits + input.digit).slice(0, MAX_CHECK_DIGITS)) };
    case 'backspace':
      return state.binDigits === null
        ? { state }
        : { state: withDigits(state, state.binDigits.slice(0, -1)) };
    case 'clear':
      return state.binDigits === null ? { state } : { state: withDigits(state, '') };
    case 'confirm':
      return state.binDigits === null ? { state } : onCheckDigits(state, line, state.binDigits);
    default:
      return { state };
  }
}

function onBinScan(state: PickFlowState, line: FlowLine, code: string): PickDecision {
  if (code.toUpperCase() === line.binCode.toUpperCase()) return binConfirmed(state, line);
  if (isBarcodeOf(line.barcodes, code))
    return {
      state: { ...state, error: { kind: 'item-before-bin', bin: line.binCode } },
      tone: 'error',
    };
  if (!looksLikeBinCode(code.toUpperCase())) return failAttempt(state, line, 'label-unreadable');
  return {
    state: { ...state, error: { kind: 'wrong-bin', expected: line.binCode, scanned: code } },
    tone: 'error',
    prompt: { kind: 'wrong-bin', expectedBin: line.binCode },
  };
}

function onCheckDigits(state: PickFlowState, line: FlowLine, keyed: string): PickDecision {
  if (line.checkDigits !== undefined && isBinCheckDigits(line.checkDigits, keyed))
    return binConfirmed(state, line);
  return failAttempt({ ...state, binDigits: '' }, line, 'wrong-check-digits');
}

function binConfirmed(state: PickFlowState, line: FlowLine): PickDecision {
  return {
    state: { ...state, step: 'scan-item', binDigits: null, labelAttempts: null, error: null },
    tone: 'ok',
    prompt: { kind: 'scan-item', binCode: line.binCode },
  };
}

function failAttempt(
  state: PickFlowState,
  line: FlowLine,
  kind: 'label-unreadable' | 'wrong-check-digits',
): PickDecision {
  const counted = countBinLabelFailure(state.labelAttempts, line.binCode);
  const next: PickFlowState = {
    ...state,
    labelAttempts: counted.attempts,
    error: { kind, failures: counted.attempts.failures },
  };
  if (!counted.reprint) return { state: next, tone: 'error' };
  return {
    state: next,
    tone: 'error',
    reportLabel: { attempts: counted.attempts.failures },
    prompt: { kind: 'label-reprint-requested', binCode: line.binCode },
  };
}

function withDigits(state: PickFlowState, binDigits: string): PickFlowState {
  return { ...state, binDigits, error: null };
}

import type { PickDecision, PickFlowState } from './pick-flow-types';

/** A scan that is no code: nothing changes but the answer, "not read, scan again". */
export function notRead(state: PickFlowState): PickDecision {
  return {
    state: { ...state, error: { kind: 'not-read' } },
    tone: 'not-read',
    prompt: { kind: 'not-read' },
  };
}

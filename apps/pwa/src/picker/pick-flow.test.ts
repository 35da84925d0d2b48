import type { PickLine } from '@wms/protocol';
import { describe, expect, it } from 'vitest';
import { advancePick, startLine, type PickFlowState, type PickInput } from './pick-flow';
import { aPickLine } from '../testing/a-pick-line';

const aLine = (overrides: Partial<PickLine> = {}): PickLine => aPickLine({ ...overrides });

const scan = (code: string): PickInput => ({ kind: 'scan', code });
const TODAY = { today: '2026-11-22' };

function run(
  line: PickLine,
  inputs: readonly PickInput[],
): { state: PickFlowState; recorded: number[] } {
  let state = startLine(line);
  const recorded: number[] = [];
  for (const input of inputs) {
    const decision = advancePick(state, line, input, TODAY);
    state = decision.state;
    if (decision.recordQty !== undefined) recorded.push(decision.recordQty);
  }
  return { state, recorded };
}

describe('picking a line', () => {
  it('goes bin → item → quantity and records the remaining quantity on a lone Enter', () => {
    const line = aLine({ pickedQty: 1 });
    const { state, recorded } = run(line, [
      scan('A-03-12'),
      scan('6901234567892'),
      { kind: 'confirm' },
    ]);
    expect(recorded).toEqual([2]);
    expect(state).toEqual(startLine(line));
  });

  it('refuses the wrong bin loudly and records nothing', () => {
    const { state, recorded } = run(aLine(), [scan('A-03-13'), { kind: 'confirm' }]);
    expect(state.step).toBe('scan-bin');
    expect(state.error).toEqual({ kind: 'wrong-bin', expected: 'A-03-12', scanned: 'A-03-13' });
    expect(recorded).toEqual([]);
  });

  it('asks for the bin when the item is scanned first', () => {
    const { state } = run(aLine(), [scan('06901234567892')]);
    expect(state).toMatchObject({
      step: 'scan-bin',
      error: { kind: 'item-before-bin', bin: 'A-03-12' },
    });
  });

  it('refuses an item that is not the line’s SKU', () => {
    const { state } = run(aLine(), [scan('A-03-12'), scan('04006381333931')]);
    expect(state).toMatchObject({
      step: 'scan-item',
      error: { kind: 'wrong-item', scanned: '04006381333931' },
    });
  });

  it('takes an edited quantity, and a partial pick stays at the bin for the rest', () => {
    const line = aLine({ qty: 5 });
    const { state, recorded } = run(line, [
      scan('A-03-12'),
      scan('06901234567892'),
      { kind: 'digit', digit: '2' },
      { kind: 'confirm' },
    ]);
    expect(recorded).toEqual([2]);
    expect(state).toMatchObject({ lineId: 'PL-1', step: 'scan-item', error: null });
  });

  it('refuses a quantity above what is left, or zero', () => {
    const line = aLine({ qty: 3 });
    const tooMany = run(line, [
      scan('A-03-12'),
      scan('06901234567892'),
      { kind: 'digit', digit: '4' },
      { kind: 'confirm' },
    ]);
    expect(tooMany.recorded).toEqual([]);
    expect(tooMany.state.error).toEqual({ kind: 'qty-out-of-range', max: 3 });
    const none = run(line, [
      scan('A-03-12'),
      scan('06901234567892'),
      { kind: 'clear' },
      { kind: 'confirm' },
    ]);
    expect(none.recorded).toEqual([]);
  });

  it('edits the keypad: the first digit replaces the prefill, then digits append', () => {
    const line = aLine({ qty: 20 });
    const { state } = run(line, [
      scan('A-03-12'),
      scan('06901234567892'),
      { kind: 'digit', digit: '1' },
      { kind: 'digit', digit: '5' },
      { kind: 'backspace' },
      { kind: 'digit', digit: '2' },
    ]);
    expect(state.qtyText).toBe('12');
  });

  it('ignores Enter before the quantity step and a re-scan of the same bin', () => {
    const { state, recorded } = run(aLine(), [
      { kind: 'confirm' },
      scan('A-03-12'),
      scan('A-03-12'),
      { kind: 'confirm' },
    ]);
    expect(recorded).toEqual([]);
    expect(state).toMatchObject({ step: 'scan-item', error: null });
  });

  it('starts a line it was not on at the bin', () => {
    const other = aLine({ id: 'PL-2', binCode: 'B-01-01' });
    const decision = advancePick(
      { ...startLine(aLine()), step: 'confirm-qty' },
      other,
      scan('B-01-01'),
      TODAY,
    );
    expect(decision.state).toMatchObject({ lineId: 'PL-2', step: 'scan-item' });
  });

  it('tells the picker to switch keyboards when an IME mangled the scan', () => {
    const { state } = run(aLine(), [{ kind: 'ime-blocked' }]);
    expect(state.error).toEqual({ kind: 'ime' });
  });
});

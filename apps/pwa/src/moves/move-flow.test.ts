import type { MoveWork } from '@wms/protocol';
import { describe, expect, it } from 'vitest';
import {
  advanceMove,
  initialMoveState,
  type MoveDecision,
  type MoveInput,
  type MoveState,
} from './move-flow';

const GTIN = '06901234567892';
const work: MoveWork = {
  bins: [
    { code: 'A-03-12', checkDigits: '47' },
    { code: 'B-01-01', checkDigits: '12' },
    { code: 'C-02-05', checkDigits: '80' },
  ],
  skus: [
    {
      id: 'SKU-MILK',
      name: 'Infant formula',
      nameZh: '婴儿奶粉',
      barcodes: [GTIN],
      lotTracked: true,
    },
    {
      id: 'SKU-PADS',
      name: 'Brake pads',
      nameZh: '刹车片',
      barcodes: ['06970000000017'],
      lotTracked: false,
    },
  ],
  slots: [
    { binCode: 'A-03-12', skuId: 'SKU-MILK', lot: 'L2611A', expiry: '2027-01-31', qty: 6, free: 4 },
    { binCode: 'A-03-12', skuId: 'SKU-MILK', lot: 'L2612B', expiry: '2027-03-31', qty: 2, free: 2 },
    { binCode: 'B-01-01', skuId: 'SKU-PADS', lot: null, expiry: null, qty: 5, free: 5 },
  ],
};

/** Runs inputs from a state; returns the last decision, with every state's step on the way. */
function run(inputs: MoveInput[], from: MoveState = initialMoveState) {
  let state = from;
  const steps: string[] = [];
  let last: MoveDecision = { state };
  for (const input of inputs) {
    last = advanceMove(state, input, work);
    state = last.state;
    steps.push(state.step);
  }
  return { last, steps };
}
const scan = (code: string): MoveInput => ({ kind: 'scan', code });
const sayingOf = (d: MoveDecision) => d.say?.prompt.kind;

describe('a move on the handheld, one step per screen', () => {
  it('bin, GS1 label (lot and expiry), quantity, bin: one move recorded with its lot', () => {
    const { last, steps } = run([
      scan('A-03-12'),
      scan(`(01)${GTIN}(10)L2611A(17)270131`),
      { kind: 'digit', digit: '3' },
      { kind: 'confirm' },
      scan('C-02-05'),
    ]);
    expect(steps).toEqual(['scan-item', 'key-qty', 'key-qty', 'scan-to-bin', 'scan-from-bin']);
    expect(last.record).toEqual({
      fromBinCode: 'A-03-12',
      toBinCode: 'C-02-05',
      skuId: 'SKU-MILK',
      qty: 3,
      lot: 'L2611A',
      expiry: '2027-01-31',
    });
    expect(sayingOf(last)).toBe('moved');
  });

  it('more than the bin has free is answered "only N can move" and nothing is recorded', () => {
    const { last, steps } = run([
      scan('A-03-12'),
      scan(`(01)${GTIN}(10)L2611A(17)270131`),
      { kind: 'digit', digit: '5' },
      { kind: 'confirm' },
    ]);
    expect(steps.at(-1)).toBe('key-qty');
    expect(last.say).toEqual({ of: 'move', prompt: { kind: 'move-too-many', free: 4 } });
    expect(last.tone).toBe('error');
    expect(last.record).toBeUndefined();
  });

  it('each further scan of the item counts one more; a plain GTIN with two lots in the bin asks for the lot label', () => {
    const counted = run([scan('B-01-01'), scan('6970000000017'), scan('6970000000017')]);
    expect(counted.last.state.qtyText).toBe('2');
    const twoLots = run([scan('A-03-12'), scan('6901234567892')]);
    expect(sayingOf(twoLots.last)).toBe('move-lot-label-needed');
    expect(twoLots.steps.at(-1)).toBe('scan-item');
  });

  it('answers every wrong scan: an unknown bin, an item at the bin step, the same bin as target, a lot not in the bin', () => {
    expect(sayingOf(run([scan('Z-99-99')]).last)).toBe('move-unknown-bin');
    expect(sayingOf(run([scan('6970000000017')]).last)).toBe('move-not-a-bin');
    expect(sayingOf(run([scan('C-02-05')]).last)).toBe('move-bin-empty');
    expect(sayingOf(run([scan('A-03-12'), scan(`(01)${GTIN}(10)L9999Z(17)270131`)]).last)).toBe(
      'move-lot-not-in-bin',
    );
    const same = run([
      scan('B-01-01'),
      scan('6970000000017'),
      { kind: 'confirm' },
      scan('B-01-01'),
    ]);
    expect(sayingOf(same.last)).toBe('move-same-bin');
    expect(same.last.record).toBeUndefined();
  });

  it('a label that will not scan: the bin is confirmed by its check digits, as in picking', () => {
    const wrong = run([{ kind: 'keyed-bin', binCode: 'b-01-01', digits: '13' }]);
    expect(sayingOf(wrong.last)).toBe('move-wrong-check-digits');
    const right = run([{ kind: 'keyed-bin', binCode: 'b-01-01', digits: '１２' }]);
    expect(right.steps).toEqual(['scan-item']);
  });

  it('a lot correction in the same bin records the lot the label really shows', () => {
    const { last } = run([
      scan('A-03-12'),
      scan(`(01)${GTIN}(10)L2612B(17)270331`),
      { kind: 'confirm' },
      { kind: 'correct-lot' },
      scan(`(01)${GTIN}(10)L2612C(17)270430`),
      scan('A-03-12'),
    ]);
    expect(last.record).toEqual({
      fromBinCode: 'A-03-12',
      toBinCode: 'A-03-12',
      skuId: 'SKU-MILK',
      qty: 1,
      lot: 'L2612B',
      expiry: '2027-03-31',
      toLot: 'L2612C',
      toExpiry: '2027-04-30',
    });
  });
});

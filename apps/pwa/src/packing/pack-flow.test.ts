import { PACK_BOXES } from '@wms/domain';
import type { PackOrder } from '@wms/protocol';
import { describe, expect, it } from 'vitest';
import { initialPackState, packFlow, type PackInput, type PackState } from './pack-flow';

/** An order of two thermos flasks (350 g each), as `GET /api/packing/orders/:code` sends it. */
const anOrder = (): PackOrder => ({
  orderId: 'SO-B26-07-016',
  status: 'picked',
  carrier: 'YTO',
  signatureRequired: false,
  lines: [
    {
      skuId: 'SKU-00289',
      name: 'Thermos flask, S',
      nameZh: '保温杯 小号',
      barcodes: ['06901024002893'],
      qty: 2,
      weightGrams: 350,
      lotTracked: false,
      lots: [],
    },
  ],
  parcels: [],
  boxes: [...PACK_BOXES],
  tolerance: { pct: 5, minGrams: 30 },
});

function run(inputs: PackInput[]) {
  let state: PackState = initialPackState;
  const effects = [];
  for (const input of inputs) {
    const [next, effect] = packFlow(state, input);
    state = next;
    if (effect) effects.push(effect);
  }
  return { state, effects };
}

/** One flask packed in a poly mailer and weighed right: the bench waits for the waybill. */
const weighedOneFlask: PackInput[] = [
  { kind: 'scan', code: 'SO-B26-07-016' },
  { kind: 'order-loaded', order: anOrder() },
  { kind: 'scan', code: '06901024002893' },
  { kind: 'close-parcel' },
  { kind: 'choose-box', code: 'BOX-BAG' },
  { kind: 'scan', code: '370' },
];

describe('the pack bench and e-waybills', () => {
  it('closes the weighed parcel without a number for the e-waybill service, and starts the next', () => {
    const { state, effects } = run([...weighedOneFlask, { kind: 'e-waybill' }]);
    expect(effects.at(-1)).toEqual({
      kind: 'record-parcel',
      payload: {
        orderId: 'SO-B26-07-016',
        parcelNo: 1,
        items: [{ skuId: 'SKU-00289', qty: 1 }],
        boxCode: 'BOX-BAG',
        weightGrams: 370,
        expectedWeightGrams: 370,
        carrier: 'YTO',
      },
    });
    expect([state.step, state.parcelNo]).toEqual(['scan-items', 2]);
  });

  it('asks for no e-waybill before the parcel is weighed', () => {
    const before = run(weighedOneFlask.slice(0, -1));
    const after = run([...weighedOneFlask.slice(0, -1), { kind: 'e-waybill' }]);
    expect(after.state).toEqual(before.state);
    expect(after.effects).toEqual(before.effects);
  });
});

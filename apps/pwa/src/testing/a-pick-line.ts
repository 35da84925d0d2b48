import type { PickLine } from '@wms/protocol';

/**
 * A pick line for unit tests: 3 × brake pads from bin A-03-12 on wave W-1, open, unless
 * `overrides` say otherwise.
 *
 * @example
 * aPickLine({ id: 'L2', binCode: 'B-01-01', pickedQty: 1 })
 */
export function aPickLine(overrides: Partial<PickLine> = {}): PickLine {
  return {
    id: 'PL-1',
    waveId: 'W-1',
    orderId: 'SO-1',
    skuId: 'SKU-42',
    skuName: 'Brake pad set',
    skuNameZh: '刹车片套装',
    barcodes: ['06901234567892'],
    imageUrl: null,
    binCode: 'A-03-12',
    pathSeq: 312,
    qty: 3,
    pickedQty: 0,
    status: 'open',
    note: null,
    ...overrides,
  };
}

import { randomUUID } from 'node:crypto';
import type { PickLine, ScanEvent, ShortReason } from '@wms/protocol';
import type { TestDevice } from './test-app';

const base = (device: TestDevice, assignmentVersion: number) => ({
  id: randomUUID(),
  seq: device.nextSeq++,
  deviceTime: new Date().toISOString(),
  userId: device.userId,
  assignmentVersion,
});

/** The next short@1 event of a device: the line's remainder reported missing. */
export function aShort(
  device: TestDevice,
  line: PickLine,
  reason: ShortReason = 'empty',
  assignmentVersion = 1,
): ScanEvent {
  return {
    ...base(device, assignmentVersion),
    type: 'short@1',
    payload: {
      pickLineId: line.id,
      waveId: line.waveId,
      binCode: line.binCode,
      skuId: line.skuId,
      shortQty: line.qty - line.pickedQty,
      reason,
    },
  };
}

/** The next bin-label-failed@1 event of a device, at the bin of `line`. */
export function aBinLabelFailure(device: TestDevice, line: PickLine, attempts = 3): ScanEvent {
  return {
    ...base(device, 1),
    type: 'bin-label-failed@1',
    payload: { waveId: line.waveId, pickLineId: line.id, binCode: line.binCode, attempts },
  };
}

/** The next put-back@1 event of a device: `qty` units of each line back in the line's bin. */
export function aPutBack(
  device: TestDevice,
  items: readonly { line: PickLine; qty: number; lot?: string }[],
  assignmentVersion = 1,
): ScanEvent {
  const first = items[0];
  if (!first) throw new Error('a put-back names at least one item');
  return {
    ...base(device, assignmentVersion),
    type: 'put-back@1',
    payload: {
      waveId: first.line.waveId,
      items: items.map(({ line, qty, lot }) => ({
        pickLineId: line.id,
        binCode: line.binCode,
        skuId: line.skuId,
        qty,
        ...(lot ? { lot } : {}),
      })),
    },
  };
}

/** The next parcel-packed@1 event of a device (issue 22). */
export function aParcelPacked(
  device: TestDevice,
  payload: Extract<ScanEvent, { type: 'parcel-packed@1' }>['payload'],
): ScanEvent {
  return { ...base(device, 0), type: 'parcel-packed@1', payload };
}

/** The next pack-weight-mismatch@1 event of a device (issue 22). */
export function aWeightMismatch(
  device: TestDevice,
  payload: Extract<ScanEvent, { type: 'pack-weight-mismatch@1' }>['payload'],
): ScanEvent {
  return { ...base(device, 0), type: 'pack-weight-mismatch@1', payload };
}

/** The next stock-moved@1 event of a device (issue 16): a move or lot correction between bins. */
export function aStockMove(
  device: TestDevice,
  payload: Extract<ScanEvent, { type: 'stock-moved@1' }>['payload'],
): ScanEvent {
  return { ...base(device, 0), type: 'stock-moved@1', payload };
}

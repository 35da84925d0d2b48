import type { EventOutcome, PackWeightMismatchEvent, ParcelPackedEvent } from '@wms/protocol';
import type { Tx } from '../db/database';
import { recordOrderSteps } from '../orders/order-timeline';
import { lockOrder, openWeightMismatch, recordParcel } from '../packing/parcels';
import type { PushSource } from './stored-events';

/**
 * `parcel-packed@1`: the parcel is stored once per order and number (a replay, or a second device
 * reporting the same parcel, adds nothing), weighed again on the server, and the order ships
 * when complete. An order unknown in the device's warehouse is stored as `unknown-line`.
 */
export async function applyParcelPacked(
  tx: Tx,
  source: PushSource,
  event: ParcelPackedEvent,
): Promise<EventOutcome> {
  const p = event.payload;
  const order = await lockOrder(tx, p.orderId);
  if (!order || order.warehouseId !== source.warehouseId) return 'unknown-line';
  await recordParcel(
    tx,
    order,
    {
      warehouseId: source.warehouseId,
      orderId: p.orderId,
      parcelNo: p.parcelNo,
      items: p.items,
      boxCode: p.boxCode,
      weightGrams: p.weightGrams,
      expectedWeightGrams: p.expectedWeightGrams,
      carrier: p.carrier,
      trackingNumber: p.trackingNumber,
      eventId: event.id,
      packedBy: event.userId,
    },
    source.receivedAt,
    source.linkSecret,
  );
  return 'applied';
}

/** `pack-weight-mismatch@1`: a `weight-mismatch` exception and a step in the order's trace. */
export async function applyPackWeightMismatch(
  tx: Tx,
  source: PushSource,
  event: PackWeightMismatchEvent,
): Promise<EventOutcome> {
  const p = event.payload;
  const order = await lockOrder(tx, p.orderId);
  if (!order || order.warehouseId !== source.warehouseId) return 'unknown-line';
  const parcel = { ...p, warehouseId: source.warehouseId, eventId: event.id };
  await openWeightMismatch(tx, parcel, p.weightGrams, p.expectedWeightGrams, source.receivedAt);
  await recordOrderSteps(
    tx,
    [
      {
        orderId: p.orderId,
        kind: 'packed',
        detail: {
          parcelNo: p.parcelNo,
          stopped: 'weight-mismatch',
          weightGrams: p.weightGrams,
          expectedWeightGrams: p.expectedWeightGrams,
          boxCode: p.boxCode,
          by: event.userId,
        },
      },
    ],
    source.receivedAt,
  );
  return 'applied';
}

import { randomUUID } from 'node:crypto';
import {
  expectedParcelGrams,
  findBox,
  unitsToPack,
  weightMatches,
  type PackUnits,
} from '@wms/domain';
import { sql } from 'drizzle-orm';
import { type Tx, queryRows } from '../db/database';
import { readSetting } from '../inventory/hub-settings';
import { insertExceptions } from '../sync/write-applied-picks';
import { emitWebhook } from '../webhooks/emit-webhook';
import { recordOrderSteps } from '../orders/order-timeline';
import { dispatchOrder } from './dispatch-order';
import { enqueueShipmentConfirmations } from '../connectors/confirm-shipments';
import { statusLink } from './status-link';

/** A parcel as the webhooks, the trace and the API show it. */
export interface ParcelView {
  parcelNo: number;
  items: { skuId: string; qty: number; lot?: string }[];
  boxCode: string | null;
  weightGrams: number | null;
  expectedWeightGrams: number | null;
  carrier: string | null;
  trackingNumber: string | null;
  waybillProvider: string | null;
  deliveryStatus: string | null;
  packedAt: string;
}

export interface NewParcel {
  warehouseId: string;
  orderId: string;
  parcelNo: number;
  items: { skuId: string; qty: number; lot?: string | undefined }[];
  boxCode: string | null;
  weightGrams: number | null;
  expectedWeightGrams: number | null;
  carrier?: string | undefined;
  trackingNumber?: string | undefined;
  eventId?: string | null;
  packedBy?: string | null;
}

/** The order row the pack bench needs, locked for the caller's transaction. */
export interface PackedOrder {
  id: string;
  warehouseId: string;
  channel: string;
  status: string;
  flags: string[];
}

export async function lockOrder(tx: Tx, orderId: string): Promise<PackedOrder | undefined> {
  const [order] = await queryRows<PackedOrder>(
    tx,
    sql`select id, warehouse_id as "warehouseId", channel, status, flags from orders
        where id = ${orderId} for update`,
  );
  return order;
}

export async function orderParcels(tx: Tx, orderId: string): Promise<ParcelView[]> {
  return queryRows<ParcelView>(
    tx,
    sql`select parcel_no as "parcelNo", items, box_code as "boxCode", weight_grams as "weightGrams",
               expected_weight_grams as "expectedWeightGrams", carrier, tracking_number as "trackingNumber",
               waybill_provider as "waybillProvider", delivery_status as "deliveryStatus",
               to_char(packed_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as "packedAt"
        from parcels where order_id = ${orderId} order by parcel_no`,
  );
}

export async function orderedUnits(tx: Tx, orderId: string): Promise<PackUnits[]> {
  return queryRows<PackUnits>(
    tx,
    sql`select sku_id as "skuId", sum(qty)::int as qty from order_lines
        where order_id = ${orderId} group by sku_id order by sku_id`,
  );
}

export const isSignatureRequired = (order: { flags: string[] }) =>
  order.flags.includes('signature-required');

/**
 * Stores a parcel of an order (once per order and parcel number: a second report of the same
 * number changes nothing and answers false), checks its weight against SKU weights + box (a
 * mismatch opens a `weight-mismatch` exception; the parcel is kept, as every fact is), records a
 * `packed` step (units still to pack: a partial shipment shows in the trace), sends
 * `order.packed`, and ships the order when it is complete (`shipIfComplete`).
 */
export async function recordParcel(
  tx: Tx,
  order: PackedOrder,
  parcel: NewParcel,
  now: Date,
  linkSecret?: string,
): Promise<boolean> {
  const [inserted] = await queryRows<{ id: string }>(
    tx,
    sql`insert into parcels (id, warehouse_id, order_id, parcel_no, items, box_code, weight_grams,
                             expected_weight_grams, carrier, tracking_number, event_id, packed_by, packed_at)
        values (${randomUUID()}, ${parcel.warehouseId}, ${parcel.orderId}, ${parcel.parcelNo},
                ${JSON.stringify(parcel.items)}::jsonb, ${parcel.boxCode}, ${parcel.weightGrams},
                ${parcel.expectedWeightGrams}, ${parcel.carrier ?? null}, ${parcel.trackingNumber ?? null},
                ${parcel.eventId ?? null}, ${parcel.packedBy ?? null}, ${now.toISOString()}::timestamptz)
        on conflict (order_id, parcel_no) do nothing returning id`,
  );
  if (!inserted) return false;
  if (parcel.weightGrams !== null && parcel.boxCode !== null) {
    await checkWeight(tx, parcel, parcel.weightGrams, parcel.boxCode, now);
  }
  const parcels = await orderParcels(tx, order.id);
  const left = unitsLeft(await orderedUnits(tx, order.id), parcels);
  await recordOrderSteps(
    tx,
    [
      {
        orderId: order.id,
        kind: 'packed',
        detail: {
          parcelNo: parcel.parcelNo,
          items: parcel.items,
          boxCode: parcel.boxCode,
          weightGrams: parcel.weightGrams,
          trackingNumber: parcel.trackingNumber ?? null,
          unitsLeft: left,
          by: parcel.packedBy ?? null,
        },
      },
    ],
    now,
  );
  await emitWebhook(
    tx,
    'order.packed',
    {
      orderId: order.id,
      parcelNo: parcel.parcelNo,
      unitsLeft: left,
      signatureRequired: isSignatureRequired(order),
      parcels,
    },
    now,
  );
  await shipIfComplete(tx, order, parcel.packedBy ?? null, now, linkSecret);
  return true;
}

/** Units of the order not in any parcel yet. */
export function unitsLeft(ordered: readonly PackUnits[], parcels: readonly ParcelView[]): number {
  const left = unitsToPack(
    ordered,
    parcels.flatMap((p) => p.items),
  );
  return [...left.values()].reduce((sum, n) => sum + n, 0);
}

/**
 * Ships a picked order once all its units are in parcels and every parcel has a tracking number:
 * stock leaves (`dispatchOrder`), the trace gets `shipped` with the parcels, and `order.shipped`
 * carries parcels, weights, waybill numbers, the signature-required flag and the customer's
 * signed status link. Returns whether it shipped.
 */
export async function shipIfComplete(
  tx: Tx,
  order: PackedOrder,
  by: string | null,
  now: Date,
  linkSecret?: string,
): Promise<boolean> {
  if (order.status !== 'picked') return false;
  const parcels = await orderParcels(tx, order.id);
  if (parcels.length === 0 || parcels.some((p) => p.trackingNumber === null)) return false;
  if (unitsLeft(await orderedUnits(tx, order.id), parcels) > 0) return false;
  const first = parcels[0]!;
  await dispatchOrder(
    tx,
    order.id,
    { carrier: first.carrier ?? '', trackingNumber: first.trackingNumber ?? '' },
    now,
  );
  // Issue 27: a marketplace order's parcels are confirmed on its platform (the outbox).
  await enqueueShipmentConfirmations(tx, order.id, now);
  order.status = 'shipped';
  const waybills = parcels.map((p) => p.trackingNumber);
  await recordOrderSteps(
    tx,
    [
      {
        orderId: order.id,
        kind: 'shipped',
        detail: {
          carrier: first.carrier,
          trackingNumber: first.trackingNumber,
          parcels: parcels.length,
          waybills,
          by,
        },
      },
    ],
    now,
  );
  await emitWebhook(
    tx,
    'order.shipped',
    {
      orderId: order.id,
      carrier: first.carrier,
      trackingNumber: first.trackingNumber,
      signatureRequired: isSignatureRequired(order),
      totalWeightGrams: parcels.reduce((sum, p) => sum + (p.weightGrams ?? 0), 0),
      parcels,
      ...(linkSecret && { statusUrl: statusLink(order.id, linkSecret, now) }),
    },
    now,
  );
  return true;
}

async function checkWeight(
  tx: Tx,
  parcel: NewParcel,
  weightGrams: number,
  boxCode: string,
  now: Date,
): Promise<void> {
  const skuIds = [...new Set(parcel.items.map((i) => i.skuId))];
  const rows = await queryRows<{ id: string; grams: number | null }>(
    tx,
    sql`select id, weight_grams as grams from skus
        where id in (select jsonb_array_elements_text(${JSON.stringify(skuIds)}::jsonb))`,
  );
  const grams = new Map(rows.map((r) => [r.id, r.grams ?? 0]));
  const tare = findBox(boxCode)?.tareGrams ?? 0;
  const expected = expectedParcelGrams(parcel.items, grams, { tareGrams: tare });
  const setting = await readSetting(tx, 'packing');
  const tolerance = {
    pct: setting.weightTolerancePct,
    minGrams: setting.weightToleranceMinGrams,
  };
  if (weightMatches(expected, weightGrams, tolerance)) return;
  await openWeightMismatch(tx, parcel, weightGrams, expected, now);
}

/** A `weight-mismatch` exception for a supervisor: what the parcel weighed and should have. */
export async function openWeightMismatch(
  tx: Tx,
  parcel: Pick<NewParcel, 'warehouseId' | 'orderId' | 'parcelNo' | 'eventId'>,
  weightGrams: number,
  expectedGrams: number,
  now: Date,
): Promise<void> {
  await insertExceptions(
    tx,
    [
      {
        id: randomUUID(),
        warehouseId: parcel.warehouseId,
        kind: 'weight-mismatch',
        waveId: null,
        pickLineId: null,
        eventId: parcel.eventId ?? null,
        binId: null,
        skuId: null,
        qty: null,
        message: `Order ${parcel.orderId} parcel ${parcel.parcelNo} weighed ${weightGrams} g, expected ${expectedGrams} g: check its items (称重复核)`,
      },
    ],
    now,
  );
}

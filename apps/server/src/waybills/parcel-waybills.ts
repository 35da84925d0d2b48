import { sql } from 'drizzle-orm';
import type { Session } from '../auth/session-token';
import { assertOrderInScope } from '../auth/caller-scope';
import { type Db, queryRows } from '../db/database';
import { ApiError, notFound } from '../http/api-error';
import { recordOrderSteps } from '../orders/order-timeline';
import { lockOrder, shipIfComplete } from '../packing/parcels';
import type { WaybillContent } from './waybill-documents';
import { type WaybillProvider, WaybillError } from './waybill-provider';

interface ParcelRow {
  warehouseId: string;
  channel: string;
  status: string;
  flags: string[];
  consigneeName: string;
  phone: string | null;
  province: string;
  city: string;
  district: string | null;
  addressDetail: string | null;
  orderCarrier: string | null;
  warehouseName: string;
  warehouseCity: string;
  parcelNo: number;
  parcels: number;
  items: { skuId: string; qty: number; name: string }[];
  weightGrams: number | null;
  carrier: string | null;
  trackingNumber: string | null;
  waybillProvider: string | null;
  waybillProviderRef: string | null;
}

async function readParcel(db: Db, session: Session, orderId: string, parcelNo: number) {
  const [row] = await queryRows<ParcelRow>(
    db,
    sql`select o.warehouse_id as "warehouseId", o.channel, o.status, o.flags,
               o.consignee_name as "consigneeName", o.phone, o.province, o.city, o.district,
               o.address_detail as "addressDetail", o.carrier as "orderCarrier",
               w.name_zh as "warehouseName", w.city as "warehouseCity",
               p.parcel_no as "parcelNo",
               (select count(*)::int from parcels q where q.order_id = o.id) as parcels,
               (select jsonb_agg(jsonb_build_object('skuId', i->>'skuId', 'qty', (i->>'qty')::int,
                                                    'name', coalesce(s.name_zh, i->>'skuId')))
                  from jsonb_array_elements(p.items) i left join skus s on s.id = i->>'skuId') as items,
               p.weight_grams as "weightGrams", p.carrier, p.tracking_number as "trackingNumber",
               p.waybill_provider as "waybillProvider", p.waybill_provider_ref as "waybillProviderRef"
        from orders o join warehouses w on w.id = o.warehouse_id
        left join parcels p on p.order_id = o.id and p.parcel_no = ${parcelNo}
        where o.id = ${orderId}`,
  );
  assertOrderInScope(session, row, orderId);
  if (row.parcelNo === null)
    throw notFound(`Order ${orderId} has no parcel ${parcelNo}`, { orderId });
  return row;
}

/**
 * Our order code at the provider for a parcel: `SO-…-P2`, then `SO-…-P2-R1` after a cancelled
 * waybill (KDNiao never takes an order code twice, even cancelled).
 */
async function orderCode(db: Db, orderId: string, parcelNo: number): Promise<string> {
  const [row] = await queryRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from order_events where order_id = ${orderId} and kind = 'waybill'
        and detail ? 'cancelled' and (detail->>'parcelNo')::int = ${parcelNo}`,
  );
  const retries = row?.n ?? 0;
  return retries === 0 ? `${orderId}-P${parcelNo}` : `${orderId}-P${parcelNo}-R${retries}`;
}

const fullAddress = (r: ParcelRow) =>
  `${r.province}${r.city}${r.district ?? ''}${r.addressDetail ?? ''}`;

/**
 * Gets a waybill number and printable waybill for a packed parcel from the e-waybill provider
 * (outside any transaction: a provider call may take seconds), then stores it on the parcel if it
 * still has none (a parcel numbered meanwhile keeps its number: the new one is cancelled), and
 * ships the order if that was the last number it lacked.
 */
export async function requestParcelWaybill(
  db: Db,
  session: Session,
  waybills: { provider: WaybillProvider; senderMobile: string },
  orderId: string,
  parcelNo: number,
  carrier: string | undefined,
  now: Date,
  linkSecret: string,
) {
  const row = await readParcel(db, session, orderId, parcelNo);
  if (row.trackingNumber !== null) {
    throw new ApiError(
      409,
      'conflict',
      `Parcel ${parcelNo} of ${orderId} has waybill ${row.trackingNumber} already`,
      {
        params: { field: 'trackingNumber' },
      },
    );
  }
  const shipper = carrier ?? row.carrier ?? row.orderCarrier ?? 'SF';
  const code = await orderCode(db, orderId, parcelNo);
  let issued;
  try {
    issued = await waybills.provider.request({
      orderCode: code,
      carrier: shipper,
      sender: {
        name: row.warehouseName,
        mobile: waybills.senderMobile,
        province: '',
        city: row.warehouseCity,
        district: '',
        address: row.warehouseName,
      },
      receiver: {
        name: row.consigneeName,
        mobile: row.phone ?? '',
        province: row.province,
        city: row.city,
        district: row.district ?? '',
        address: row.addressDetail ?? '',
      },
      goods: row.items.map((i) => ({ name: i.name, qty: i.qty })),
      weightKg: (row.weightGrams ?? 0) / 1000,
      signatureRequired: row.flags.includes('signature-required'),
    });
  } catch (error) {
    if (!(error instanceof WaybillError)) throw error;
    throw new ApiError(409, 'waybill_refused', error.message, {
      params: { providerCode: error.code },
    });
  }
  const stored = await db.transaction(async (tx) => {
    const order = await lockOrder(tx, orderId);
    const [updated] = await queryRows<{ parcelNo: number }>(
      tx,
      sql`update parcels set carrier = ${shipper}, tracking_number = ${issued.waybillNo},
                 waybill_provider = ${issued.provider}, waybill_provider_ref = ${issued.providerRef}
          where order_id = ${orderId} and parcel_no = ${parcelNo} and tracking_number is null
          returning parcel_no as "parcelNo"`,
    );
    if (!updated || !order) return false;
    await recordOrderSteps(
      tx,
      [
        {
          orderId,
          kind: 'waybill',
          detail: {
            parcelNo,
            waybillNo: issued.waybillNo,
            provider: issued.provider,
            by: session.userId,
          },
        },
      ],
      now,
    );
    await shipIfComplete(tx, order, session.userId, now, linkSecret);
    return true;
  });
  if (!stored) {
    await waybills.provider.cancel({
      carrier: shipper,
      orderCode: code,
      waybillNo: issued.waybillNo,
    });
    throw new ApiError(
      409,
      'conflict',
      `Parcel ${parcelNo} of ${orderId} got a waybill meanwhile`,
      {
        params: { field: 'trackingNumber' },
      },
    );
  }
  return {
    orderId,
    parcelNo,
    carrier: shipper,
    waybillNo: issued.waybillNo,
    provider: issued.provider,
  };
}

/**
 * Cancels a parcel's e-waybill while the order has not left (an unused waybill): the provider
 * takes it back, and the parcel has no tracking number again.
 */
export async function cancelParcelWaybill(
  db: Db,
  session: Session,
  provider: WaybillProvider,
  orderId: string,
  parcelNo: number,
  now: Date,
) {
  const row = await readParcel(db, session, orderId, parcelNo);
  if (row.trackingNumber === null || row.waybillProvider !== provider.name) {
    throw notFound(`Parcel ${parcelNo} of ${orderId} has no e-waybill to cancel`, { orderId });
  }
  if (row.status === 'shipped') {
    throw new ApiError(409, 'conflict', `Order ${orderId} has shipped: its waybills are in use`, {
      params: { field: 'status' },
    });
  }
  try {
    await provider.cancel({
      carrier: row.carrier ?? '',
      orderCode: await orderCode(db, orderId, parcelNo),
      waybillNo: row.trackingNumber,
    });
  } catch (error) {
    if (!(error instanceof WaybillError)) throw error;
    throw new ApiError(409, 'waybill_refused', error.message, {
      params: { providerCode: error.code },
    });
  }
  await db.transaction(async (tx) => {
    await tx.execute(sql`
      update parcels set tracking_number = null, waybill_provider = null, waybill_provider_ref = null
      where order_id = ${orderId} and parcel_no = ${parcelNo}`);
    await recordOrderSteps(
      tx,
      [
        {
          orderId,
          kind: 'waybill',
          detail: { parcelNo, cancelled: row.trackingNumber, by: session.userId },
        },
      ],
      now,
    );
  });
  return { orderId, parcelNo, cancelled: row.trackingNumber };
}

/** What the parcel's printed waybill shows (404 while it has no tracking number). */
export async function parcelWaybillContent(
  db: Db,
  session: Session,
  orderId: string,
  parcelNo: number,
): Promise<WaybillContent> {
  const row = await readParcel(db, session, orderId, parcelNo);
  if (row.trackingNumber === null)
    throw notFound(`Parcel ${parcelNo} of ${orderId} has no waybill yet`, { orderId });
  return {
    waybillNo: row.trackingNumber,
    carrier: row.carrier ?? row.orderCarrier ?? '',
    sortingCode: null,
    orderId,
    parcelNo,
    parcels: row.parcels,
    receiver: { name: row.consigneeName, mobile: row.phone ?? '', address: fullAddress(row) },
    sender: { name: row.warehouseName, address: row.warehouseCity },
    goods: row.items.map((i) => `${i.name} ×${i.qty}`).join('，'),
    weightGrams: row.weightGrams,
    signatureRequired: row.flags.includes('signature-required'),
  };
}

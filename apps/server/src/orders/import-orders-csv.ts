import { type FieldError, type OrderInput, orderInputSchema } from '@wms/protocol';
import type { Db } from '../db/database';
import type { Table } from '../spreadsheets/table';
import { acceptOrders } from './accept-orders';

/** One row per order line; rows with the same channel + channel_order_id form one order. */
type Row = Partial<
  Record<
    | 'channel'
    | 'channel_order_id'
    | 'order_type'
    | 'original_order_id'
    | 'placed_at'
    | 'customer_id'
    | 'vip'
    | 'consignee_name'
    | 'phone'
    | 'id_number'
    | 'province'
    | 'city'
    | 'district'
    | 'address_detail'
    | 'paid_cents'
    | 'coupon_cents'
    | 'freight_cents'
    | 'sku_id'
    | 'qty'
    | 'unit_price_cents',
    string
  >
>;

export interface CsvRowReport {
  /** Data rows of the order (1 = the first row under the header). */
  rows: number[];
  ok: boolean;
  orderId?: string;
  status?: string;
  fields?: FieldError[];
}

const num = (cell: string | undefined) =>
  cell === undefined || cell === '' ? undefined : Number(cell);

/**
 * Imports orders from a spreadsheet export, each order on its own (a bad order does not stop the
 * others): the report names every row and, for a refused order, every bad field.
 */
export async function importOrdersCsv(db: Db, table: Table, now: Date): Promise<CsvRowReport[]> {
  const groups = new Map<string, { rows: number[]; cells: Row[] }>();
  (table.rows as Row[]).forEach((row, i) => {
    const key = `${row.channel ?? ''}\u0000${row.channel_order_id ?? ''}`;
    const group = groups.get(key) ?? { rows: [], cells: [] };
    group.rows.push(i + 1);
    group.cells.push(row);
    groups.set(key, group);
  });
  const reports: (CsvRowReport | null)[] = [];
  const valid: { at: number; rows: number[]; input: OrderInput }[] = [];
  for (const { rows, cells } of groups.values()) {
    const parsed = orderInputSchema.safeParse(orderOfRows(cells));
    if (!parsed.success) {
      const fields = parsed.error.issues.map((i) => ({
        path: i.path.join('.') || '(row)',
        message: i.message,
      }));
      reports.push({ rows, ok: false, fields });
      continue;
    }
    valid.push({ at: reports.length, rows, input: parsed.data });
    reports.push(null);
  }
  const outcomes = await acceptOrders(
    db,
    valid.map((v) => v.input),
    now,
  );
  outcomes.forEach((outcome, k) => {
    const { at, rows } = valid[k]!;
    reports[at] = outcome.ok
      ? { rows, ok: true, orderId: outcome.order.orderId, status: outcome.order.status }
      : {
          rows,
          ok: false,
          fields: outcome.error.extra.fields ?? [{ path: '(row)', message: outcome.error.message }],
        };
  });
  return reports.filter((r) => r !== null);
}

function orderOfRows(cells: readonly Row[]) {
  const first = cells[0] ?? {};
  return {
    channel: first.channel,
    channelOrderId: first.channel_order_id,
    orderType: first.order_type || undefined,
    originalOrderId: first.original_order_id || undefined,
    placedAt: first.placed_at,
    customerId: first.customer_id,
    vip: ['yes', 'true', '1'].includes((first.vip ?? '').toLowerCase()),
    consignee: {
      name: first.consignee_name,
      phone: first.phone,
      idNumber: first.id_number || undefined,
    },
    address: {
      province: first.province,
      city: first.city,
      district: first.district,
      detail: first.address_detail,
    },
    paidCents: num(first.paid_cents),
    couponCents: num(first.coupon_cents),
    freightCents: num(first.freight_cents),
    lines: cells.map((c) => ({
      skuId: c.sku_id,
      qty: num(c.qty),
      unitPriceCents: num(c.unit_price_cents),
    })),
  };
}

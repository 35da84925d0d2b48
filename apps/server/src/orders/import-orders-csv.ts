import { type FieldError, type OrderInput, orderInputSchema } from '@wms/protocol';
import type { Db } from '../db/database';
import { ApiError } from '../http/api-error';
import type { Table, TableRow } from '../spreadsheets/table';
import { officeDate } from '../spreadsheets/office-date';
import { tableFaults } from '../spreadsheets/table-faults';
import { acceptOrders } from './accept-orders';
import { cleanOrder, loadSkuFacts } from './clean-order';

export interface CsvRowReport {
  /** Data rows of the order (1 = the first row under the header). */
  rows: number[];
  ok: boolean;
  orderId?: string;
  status?: string;
  fields?: FieldError[];
}

/** An order's field → the sheet's column (line fields sit on the line's own row). */
const COLUMN_OF: Record<string, string> = {
  channel: 'channel',
  channelOrderId: 'channel_order_id',
  orderType: 'order_type',
  originalOrderId: 'original_order_id',
  placedAt: 'placed_at',
  customerId: 'customer_id',
  vip: 'vip',
  'consignee.name': 'consignee_name',
  'consignee.phone': 'phone',
  'consignee.idNumber': 'id_number',
  'address.province': 'province',
  'address.city': 'city',
  'address.district': 'district',
  'address.detail': 'address_detail',
  paidCents: 'paid_cents',
  couponCents: 'coupon_cents',
  freightCents: 'freight_cents',
  skuId: 'sku_id',
  qty: 'qty',
  unitPriceCents: 'unit_price_cents',
};

const num = (cell: string | undefined) =>
  cell === undefined || cell === '' ? undefined : Number(cell);

interface OrderRows {
  rows: number[];
  cells: TableRow[];
}

/**
 * Imports orders from a spreadsheet, one row per order line (rows with the same channel +
 * channel_order_id form one order), all or nothing: every fault of every order is reported as
 * `rows.N.column` and nothing is stored unless the whole file is good. An order already taken
 * in (same channel id) is answered as stored, as the API does.
 */
export async function importOrdersCsv(db: Db, table: Table, now: Date): Promise<CsvRowReport[]> {
  const groups = groupOrders(table);
  const faults: FieldError[] = [];
  const inputs: OrderInput[] = [];
  for (const group of groups) {
    const parsed = orderInputSchema.safeParse(orderOfRows(group.cells));
    if (parsed.success) inputs.push(parsed.data);
    else
      faults.push(...parsed.error.issues.map((i) => faultAt(group, i.path.map(String), i.message)));
  }
  if (faults.length === 0) {
    const skus = await loadSkuFacts(
      db,
      inputs.flatMap((i) => i.lines.map((l) => l.skuId)),
    );
    inputs.forEach((input, k) =>
      faults.push(...cleaningFaults(groups[k]!, () => cleanOrder(input, skus))),
    );
  }
  if (faults.length > 0) throw tableFaults(faults);
  const outcomes = await acceptOrders(db, inputs, now);
  return outcomes.map((outcome, k) => {
    const { rows } = groups[k]!;
    return outcome.ok
      ? { rows, ok: true, orderId: outcome.order.orderId, status: outcome.order.status }
      : { rows, ok: false, fields: outcome.error.extra.fields ?? [] };
  });
}

function groupOrders(table: Table): OrderRows[] {
  const groups = new Map<string, OrderRows>();
  table.rows.forEach((row, i) => {
    const key = `${row.channel ?? ''}\u0000${row.channel_order_id ?? ''}`;
    const group = groups.get(key) ?? { rows: [], cells: [] };
    group.rows.push(i + 1);
    group.cells.push(row);
    groups.set(key, group);
  });
  return [...groups.values()];
}

function cleaningFaults(group: OrderRows, clean: () => unknown): FieldError[] {
  try {
    clean();
    return [];
  } catch (err) {
    if (!(err instanceof ApiError) || err.status !== 400) throw err;
    return (err.extra.fields ?? [{ path: '', message: err.message }]).map((f) =>
      faultAt(group, f.path.split('.'), f.message),
    );
  }
}

/** `lines.1.qty` → the row of the order's second line, column qty; order fields → its first row. */
function faultAt(group: OrderRows, path: readonly string[], message: string): FieldError {
  const onLine = path[0] === 'lines' && path[1] !== undefined;
  const row = group.rows[onLine ? Number(path[1]) : 0] ?? group.rows[0]!;
  const field = (onLine ? path.slice(2) : path).join('.');
  const column = COLUMN_OF[field] ?? (field || '(row)');
  return { path: `rows.${row}.${column}`, message };
}

function orderOfRows(cells: readonly TableRow[]) {
  const first = cells[0] ?? {};
  return {
    channel: first.channel,
    channelOrderId: first.channel_order_id,
    orderType: first.order_type || undefined,
    originalOrderId: first.original_order_id || undefined,
    placedAt: officeDate(first.placed_at, 'time'),
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

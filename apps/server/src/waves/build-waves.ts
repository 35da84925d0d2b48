import { randomBytes } from 'node:crypto';
import { orderByPickPath } from '@wms/domain';
import { sql } from 'drizzle-orm';
import type { Session } from '../auth/session-token';
import { type Db, type Tx, queryRows } from '../db/database';
import { requireWarehousePerson } from '../master-data/warehouse-person';
import { recordOrderSteps } from '../orders/order-timeline';
import { recordChanges } from '../sync/change-feed';
import {
  type AllocatedOrder,
  type OrderLineToWave,
  allocateOrders,
  backorder,
  lockAllocation,
  pickableStock,
} from './allocate-orders';
import { cutoffOf, formatCutoff, readCarrierCutoffs } from './carrier-cutoffs';

export interface WaveBuildOptions {
  maxOrders: number;
  maxLines: number;
  /** Only orders of this carrier (e.g. the next cut-off's); all carriers when absent. */
  carrier?: string | undefined;
  /** The picker to give the new waves to; unassigned when absent. */
  assignTo?: string | undefined;
}

/**
 * Builds waves from the warehouse's released orders, oldest first (queued by timestamp). Only an
 * order whose every line can be allocated now from pickable stock is waved (see
 * `allocateOrders`: stock less what open waves already plan, a line split over bins in path
 * order, FEFO for lot-tracked SKUs); the others wait as `backordered` and are tried again at the
 * next build. Waved orders are grouped by carrier and by the zone of their first bin, the carrier
 * with the earliest cut-off first, cut at the size limits, lines in pick-path order.
 */
export async function buildWaves(db: Db, session: Session, options: WaveBuildOptions, now: Date) {
  return db.transaction(async (tx) => {
    // Issue 15: a wave goes to a person of the building (not another warehouse's picker).
    if (options.assignTo !== undefined)
      await requireWarehousePerson(tx, session.warehouseId, options.assignTo, 'assignTo');
    await lockAllocation(tx, session.warehouseId);
    const candidates = await queryRows<OrderLineToWave>(
      tx,
      sql`
      with free as (
        select sku_id, sum(free)::int as qty
        from (${pickableStock(session.warehouseId, null)}) slots group by sku_id
      ),
      released as (
        select o.id, o.carrier, o.placed_at, coalesce(o.ship_with_order_id, o.id) as group_id
        from orders o
        where o.warehouse_id = ${session.warehouseId} and o.status in ('received', 'backordered')
          and (${options.carrier ?? null}::text is null or o.carrier = ${options.carrier ?? null})
          -- A backorder is looked at again only once each of its SKUs has free stock again:
          -- otherwise 2,000 of them for a sold-out SKU fill the look-ahead and starve newer
          -- orders for ever. A new order is always looked at (it is backordered, with its
          -- trace step and alert, when it cannot be covered).
          and (o.status = 'received' or not exists (
            select 1 from order_lines l left join free f on f.sku_id = l.sku_id
            where l.order_id = o.id and coalesce(f.qty, 0) < l.qty))
        order by o.placed_at nulls last, o.id limit 2000 for update of o skip locked
      )
      select o.id as "orderId", l.id as "orderLineId", l.sku_id as "skuId", l.qty, o.carrier,
        o.group_id as "groupId"
      from released o join order_lines l on l.order_id = o.id
      order by o.placed_at nulls last, o.id, l.id`,
    );
    const today = now.toISOString().slice(0, 10);
    const { allocated, short } = await allocateOrders(tx, session.warehouseId, candidates, today);
    await backorder(tx, session.warehouseId, short, now);
    const cutoffs = await readCarrierCutoffs(tx);
    const units = shipTogetherUnits(candidates, allocated, short);
    const built = [];
    for (const orders of groupOrders(units, options, cutoffs)) {
      const carrier = orders[0]?.carrier ?? null;
      const wave = await createWave(tx, session, orders, options, now);
      built.push({ ...wave, carrier, cutoff: formatCutoff(cutoffOf(cutoffs, carrier)) });
    }
    return { waves: built, backordered: short.length };
  });
}

/**
 * Orders that ship together (issue 21: a suspected duplicate to the same consignee and address
 * points at its group's first order) are waved as one unit, so they are picked in one wave and
 * packed into one parcel. A unit waits whole while any of its released orders cannot be
 * allocated yet; a member that is held, cancelled or already waved does not hold the rest back.
 */
function shipTogetherUnits(
  candidates: readonly OrderLineToWave[],
  allocated: readonly AllocatedOrder[],
  short: readonly { orderId: string }[],
): AllocatedOrder[][] {
  const groupOf = new Map(candidates.map((c) => [c.orderId, c.groupId ?? c.orderId]));
  const waiting = new Set(short.map((s) => groupOf.get(s.orderId) ?? s.orderId));
  const units = new Map<string, AllocatedOrder[]>();
  for (const order of allocated) {
    const group = groupOf.get(order.orderId) ?? order.orderId;
    if (waiting.has(group)) continue;
    units.set(group, [...(units.get(group) ?? []), order]);
  }
  return [...units.values()];
}

/** An allocated pick as a line on the walk. */
function onPath(p: AllocatedOrder['picks'][number]) {
  return { ...p, id: p.orderLineId, pathSeq: p.slot.pathSeq, binCode: p.slot.binCode };
}

/**
 * Units of allocated orders (one order, or orders that ship together) grouped by carrier + zone
 * of the unit's first bin, then cut at the limits, never inside a unit.
 */
function groupOrders(
  units: readonly AllocatedOrder[][],
  options: WaveBuildOptions,
  cutoffs: Record<string, number>,
): AllocatedOrder[][] {
  const byKey = new Map<string, AllocatedOrder[][]>();
  for (const unit of units) {
    const head = unit[0]!;
    const first = orderByPickPath(head.picks.map(onPath))[0];
    const key = `${head.carrier ?? ''}|${first?.slot.zone ?? ''}`;
    byKey.set(key, [...(byKey.get(key) ?? []), unit]);
  }
  const waves: AllocatedOrder[][] = [];
  const byCutoff = [...byKey.values()].sort(
    (a, b) =>
      cutoffOf(cutoffs, a[0]?.[0]?.carrier ?? null) - cutoffOf(cutoffs, b[0]?.[0]?.carrier ?? null),
  );
  for (const group of byCutoff) {
    let current: AllocatedOrder[] = [];
    let lineCount = 0;
    for (const unit of group) {
      const lines = unit.reduce((n, o) => n + o.picks.length, 0);
      if (
        current.length > 0 &&
        (current.length + unit.length > options.maxOrders || lineCount + lines > options.maxLines)
      ) {
        waves.push(current);
        current = [];
        lineCount = 0;
      }
      current.push(...unit);
      lineCount += lines;
    }
    if (current.length > 0) waves.push(current);
  }
  return waves;
}

async function createWave(
  tx: Tx,
  session: Session,
  orders: AllocatedOrder[],
  options: WaveBuildOptions,
  now: Date,
) {
  const suffix = randomBytes(3).toString('hex');
  const waveId = `W-${session.warehouseId}-${now.toISOString().slice(0, 10).replaceAll('-', '')}-${suffix}`;
  const code = `H${now.toISOString().slice(8, 10)}-${String(parseInt(suffix, 16) % 100).padStart(2, '0')}`;
  const assignee = options.assignTo ?? null;
  await tx.execute(sql`
    insert into waves (id, warehouse_id, code, status, assigned_user_id, assignment_version, created_at)
    values (${waveId}, ${session.warehouseId}, ${code}, 'open', ${assignee}, ${assignee ? 1 : 0}, ${now.toISOString()}::timestamptz)`);
  // A line split over bins gets one pick line per bin: -2, -3… after the first.
  const parts = new Map<string, number>();
  const lines = orderByPickPath(
    orders.flatMap((o) =>
      o.picks.map((p) => {
        const part = (parts.get(p.orderLineId) ?? 0) + 1;
        parts.set(p.orderLineId, part);
        const id = `PL-${p.orderLineId}-${suffix}${part > 1 ? `-${part}` : ''}`;
        return { ...onPath(p), id, orderId: o.orderId };
      }),
    ),
  );
  const rows = lines.map((l) => ({
    id: l.id,
    order_id: l.orderId,
    order_line_id: l.orderLineId,
    sku_id: l.skuId,
    bin_id: l.slot.binId,
    lot: l.slot.lot,
    expiry: l.slot.expiry,
    qty: l.qty,
  }));
  await tx.execute(sql`
    insert into pick_lines (id, wave_id, warehouse_id, order_id, order_line_id, sku_id, bin_id, lot, expiry, qty, status)
    select id, ${waveId}, ${session.warehouseId}, order_id, order_line_id, sku_id, bin_id, lot, expiry, qty, 'open'
    from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
      as r(id text, order_id text, order_line_id text, sku_id text, bin_id text, lot text, expiry date, qty int)`);
  const orderIds = orders.map((o) => o.orderId);
  await tx.execute(sql`
    update orders set status = 'waved' where id in (select jsonb_array_elements_text(${JSON.stringify(orderIds)}::jsonb))`);
  await recordOrderSteps(
    tx,
    orderIds.map((orderId) => ({
      orderId,
      kind: 'waved',
      detail: { waveId, code, assignedUserId: assignee },
    })),
    now,
  );
  await recordChanges(tx, [
    {
      warehouseId: session.warehouseId,
      waveId,
      lineId: null,
      whole: true,
      audienceUserId: assignee,
    },
  ]);
  return { waveId, code, orders: orderIds.length, lines: lines.length, assignedUserId: assignee };
}

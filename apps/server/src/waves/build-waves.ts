import { randomBytes } from 'node:crypto';
import { orderByPickPath } from '@wms/domain';
import { sql } from 'drizzle-orm';
import type { Session } from '../auth/session-token';
import { type Db, type Tx, queryRows } from '../db/database';
import { recordOrderSteps } from '../orders/order-timeline';
import { recordChanges } from '../sync/change-feed';
import { cutoffOf, formatCutoff, readCarrierCutoffs } from './carrier-cutoffs';

export interface WaveBuildOptions {
  maxOrders: number;
  maxLines: number;
  /** Only orders of this carrier (e.g. the next cut-off's); all carriers when absent. */
  carrier?: string | undefined;
  /** The picker to give the new waves to; unassigned when absent. */
  assignTo?: string | undefined;
}

interface Candidate {
  orderId: string;
  orderLineId: string;
  skuId: string;
  qty: number;
  carrier: string | null;
  binId: string | null;
  binCode: string;
  zone: string;
  pathSeq: number;
}

/**
 * Builds waves from the warehouse's released orders, oldest first (queued by timestamp): grouped
 * by carrier and by the zone of their first bin, the carrier with the earliest cut-off first, cut
 * at the size limits, lines in pick-path order, each line from the bin holding most of its SKU.
 * Orders with a SKU in no bin wait.
 */
export async function buildWaves(db: Db, session: Session, options: WaveBuildOptions, now: Date) {
  return db.transaction(async (tx) => {
    const candidates = await queryRows<Candidate>(
      tx,
      sql`
      with released as (
        select id, carrier, placed_at from orders
        where warehouse_id = ${session.warehouseId} and status = 'received'
          and (${options.carrier ?? null}::text is null or carrier = ${options.carrier ?? null})
        order by placed_at nulls last, id limit 2000 for update skip locked
      )
      select o.id as "orderId", l.id as "orderLineId", l.sku_id as "skuId", l.qty, o.carrier,
             b.id as "binId", coalesce(b.code, '') as "binCode", coalesce(b.zone, '') as zone, coalesce(b.path_seq, 0) as "pathSeq"
      from released o join order_lines l on l.order_id = o.id
      left join lateral (
        select bn.id, bn.code, bn.zone, bn.path_seq from stock s join bins bn on bn.id = s.bin_id
        where s.warehouse_id = ${session.warehouseId} and s.sku_id = l.sku_id order by s.qty desc, bn.id limit 1
      ) b on true
      order by o.placed_at nulls last, o.id, l.id`,
    );
    const cutoffs = await readCarrierCutoffs(tx);
    const built = [];
    for (const orders of groupOrders(candidates, options, cutoffs)) {
      const carrier = orders[0]?.[0]?.carrier ?? null;
      const wave = await createWave(tx, session, orders, options, now);
      built.push({ ...wave, carrier, cutoff: formatCutoff(cutoffOf(cutoffs, carrier)) });
    }
    return { waves: built };
  });
}

/** Orders (whole, all lines binned) grouped by carrier + zone, then cut at the limits. */
function groupOrders(
  candidates: readonly Candidate[],
  options: WaveBuildOptions,
  cutoffs: Record<string, number>,
): Candidate[][][] {
  const byOrder = new Map<string, Candidate[]>();
  for (const c of candidates) byOrder.set(c.orderId, [...(byOrder.get(c.orderId) ?? []), c]);
  const byKey = new Map<string, Candidate[][]>();
  for (const lines of byOrder.values()) {
    if (lines.some((l) => l.binId === null)) continue;
    const first = orderByPickPath(lines.map((l) => ({ ...l, id: l.orderLineId })))[0];
    const key = `${lines[0]?.carrier ?? ''}|${first?.zone ?? ''}`;
    byKey.set(key, [...(byKey.get(key) ?? []), lines]);
  }
  const waves: Candidate[][][] = [];
  const byCutoff = [...byKey.values()].sort(
    (a, b) =>
      cutoffOf(cutoffs, a[0]?.[0]?.carrier ?? null) - cutoffOf(cutoffs, b[0]?.[0]?.carrier ?? null),
  );
  for (const orders of byCutoff) {
    let current: Candidate[][] = [];
    let lineCount = 0;
    for (const order of orders) {
      if (
        current.length > 0 &&
        (current.length >= options.maxOrders || lineCount + order.length > options.maxLines)
      ) {
        waves.push(current);
        current = [];
        lineCount = 0;
      }
      current.push(order);
      lineCount += order.length;
    }
    if (current.length > 0) waves.push(current);
  }
  return waves;
}

async function createWave(
  tx: Tx,
  session: Session,
  orders: Candidate[][],
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
  const lines = orderByPickPath(
    orders.flat().map((l) => ({ ...l, id: `PL-${l.orderLineId}-${suffix}` })),
  );
  const rows = lines.map((l) => ({
    id: l.id,
    order_id: l.orderId,
    order_line_id: l.orderLineId,
    sku_id: l.skuId,
    bin_id: l.binId,
    qty: l.qty,
  }));
  await tx.execute(sql`
    insert into pick_lines (id, wave_id, warehouse_id, order_id, order_line_id, sku_id, bin_id, qty, status)
    select id, ${waveId}, ${session.warehouseId}, order_id, order_line_id, sku_id, bin_id, qty, 'open'
    from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
      as r(id text, order_id text, order_line_id text, sku_id text, bin_id text, qty int)`);
  const orderIds = orders.map((o) => o[0]?.orderId ?? '');
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

import { poolDrift } from '@wms/domain';
import type { SimDatabase } from './sim-database';

/** What the inbound claims found (issue 23): each count is of things that differ from a replay. */
export interface InboundFindings {
  /** Inbound events stored (receipts, QC decisions, put-aways). */
  inboundEvents: number;
  /** Notice lines whose received or damaged units differ from the stored receipts. */
  inboundLinesMismatched: number;
  /** Tasks missing for a receipt, or whose units done differ from the stored decisions and put-aways. */
  inboundTasksMismatched: number;
  /** SKUs whose received units differ from what is at the dock plus what was put away. */
  inboundUnitsMismatched: number;
  /** Pool rows whose `inbound` differs from what open notice lines still expect. */
  poolInboundMismatched: number;
  /** Pool rows whose `physical` differs from usable bin stock plus units in hand. */
  poolPhysicalMismatched: number;
}

/** A stored event as the checks read it (outcome `unknown-line`: stored, nothing moved). */
export interface StoredInboundEvent {
  id: string;
  type: string;
  outcome: string;
  payload: Record<string, unknown>;
}

export const INBOUND_TYPES = new Set(['inbound-received@1', 'qc-decided@1', 'put-away@1']);

const num = (value: unknown) => Number(value ?? 0);

/**
 * The inbound claims, against the database after the run: every notice line counts exactly the
 * units its stored receipts brought (damaged apart); every receipt that moved units has its task
 * of those units; every task has done exactly min(its units, what its stored events asked), so a
 * task two handhelds worked is never done twice; every unit received is at the dock or was put
 * away once; and the pool's inbound and physical equal a replay (open lines; bins plus hands).
 * Available follows from them by the pool formula (M3.6).
 */
export async function checkInbound(
  db: SimDatabase,
  stored: readonly StoredInboundEvent[],
  problems: string[],
): Promise<InboundFindings> {
  const events = stored.filter((e) => INBOUND_TYPES.has(e.type) && e.outcome !== 'unknown-line');
  const receipts = events.filter((e) => e.type === 'inbound-received@1');
  const found: InboundFindings = {
    inboundEvents: stored.filter((e) => INBOUND_TYPES.has(e.type)).length,
    inboundLinesMismatched: await checkLines(db, receipts, problems),
    inboundTasksMismatched: await checkTasks(db, events, problems),
    inboundUnitsMismatched: await checkUnits(db, problems),
    poolInboundMismatched: 0,
    poolPhysicalMismatched: 0,
  };
  await checkPool(db, found, problems);
  return found;
}

async function checkLines(
  db: SimDatabase,
  receipts: readonly StoredInboundEvent[],
  problems: string[],
) {
  const replay = new Map<string, { received: number; damaged: number }>();
  for (const r of receipts) {
    const line = replay.get(String(r.payload.lineId)) ?? { received: 0, damaged: 0 };
    line.received += num(r.payload.qty);
    if (r.payload.damaged === true) line.damaged += num(r.payload.qty);
    replay.set(String(r.payload.lineId), line);
  }
  const lines = await db.query<{ id: string; received: number; damaged: number }>(
    'select id::text, received_qty as received, damaged_qty as damaged from inbound_lines',
  );
  let mismatched = 0;
  for (const line of lines) {
    const want = replay.get(line.id) ?? { received: 0, damaged: 0 };
    if (num(line.received) !== want.received || num(line.damaged) !== want.damaged) {
      mismatched++;
      problems.push(
        `inbound line ${line.id}: received ${line.received} (damaged ${line.damaged}), replay says ${want.received} (${want.damaged})`,
      );
    }
  }
  return mismatched;
}

async function checkTasks(
  db: SimDatabase,
  events: readonly StoredInboundEvent[],
  problems: string[],
) {
  const tasks = await db.query<{ id: string; kind: string; qty: number; done: number }>(
    'select id::text, kind, qty, done_qty as done from inbound_tasks',
  );
  const byId = new Map(tasks.map((t) => [t.id, t]));
  const asked = new Map<string, number>();
  let mismatched = 0;
  for (const e of events) {
    if (e.type === 'inbound-received@1') {
      const task = byId.get(e.id);
      if (e.payload.damaged !== true && num(task?.qty) !== num(e.payload.qty)) {
        mismatched++;
        problems.push(`receipt ${e.id} of ${num(e.payload.qty)}: its task holds ${task?.qty}`);
      }
      continue;
    }
    const units =
      e.type === 'qc-decided@1'
        ? num(e.payload.passedQty) + num(e.payload.failedQty)
        : num(e.payload.qty);
    const taskId = String(e.payload.taskId);
    asked.set(taskId, (asked.get(taskId) ?? 0) + units);
  }
  for (const task of tasks) {
    const want = Math.min(num(task.qty), asked.get(task.id) ?? 0);
    if (num(task.done) !== want) {
      mismatched++;
      problems.push(
        `${task.kind} task ${task.id}: ${task.done} of ${task.qty} done, replay says ${want}`,
      );
    }
  }
  return mismatched;
}

/** Per warehouse and SKU: units received = units at the receiving dock + units put away. */
async function checkUnits(db: SimDatabase, problems: string[]) {
  const rows = await db.query<{
    warehouse: string;
    sku: string;
    received: number;
    dock: number;
    away: number;
  }>(
    `with received as (
       select e.warehouse_id as warehouse, e.payload->>'skuId' as sku, sum((e.payload->>'qty')::int)::int as qty
       from scan_events e where e.type = 'inbound-received@1' and e.outcome <> 'unknown-line' group by 1, 2
     ), dock as (
       select s.warehouse_id as warehouse, s.sku_id as sku, sum(s.qty)::int as qty
       from stock s join bins b on b.id = s.bin_id where b.zone = 'RV' group by 1, 2
     ), away as (
       select warehouse_id as warehouse, sku_id as sku, sum(delta)::int as qty
       from stock_movements where reason = 'put-away' and delta > 0 group by 1, 2
     ), keys as (select warehouse, sku from received union select warehouse, sku from dock
                 union select warehouse, sku from away)
     select k.warehouse, k.sku, coalesce(r.qty, 0) as received, coalesce(d.qty, 0) as dock,
            coalesce(a.qty, 0) as away
     from keys k left join received r using (warehouse, sku) left join dock d using (warehouse, sku)
       left join away a using (warehouse, sku)`,
  );
  let mismatched = 0;
  for (const r of rows) {
    if (num(r.received) !== num(r.dock) + num(r.away)) {
      mismatched++;
      problems.push(
        `${r.warehouse} ${r.sku}: ${r.received} received, ${r.dock} at the dock + ${r.away} put away`,
      );
    }
  }
  return mismatched;
}

/** The pool of every warehouse with bins: inbound = open lines, physical = bins + hands (decision 007). */
async function checkPool(db: SimDatabase, found: InboundFindings, problems: string[]) {
  const rows = await db.query<{
    warehouse: string;
    sku: string;
    inbound: number;
    open: number;
    physical: number;
    in_bins: number;
    in_hand: number;
  }>(
    `with open as (
       select n.warehouse_id as warehouse, l.sku_id as sku,
              sum(greatest(l.expected_qty - l.received_qty, 0))::int as qty
       from inbound_notices n join inbound_lines l on l.notice_id = n.id
       where n.status = 'open' group by 1, 2
     ), in_bins as (
       select warehouse_id as warehouse, sku_id as sku, sum(qty)::int as qty from stock
       where status in ('available', 'received-not-put-away', 'awaiting-qc') group by 1, 2
     ), in_hand as (
       select pl.warehouse_id as warehouse, pl.sku_id as sku,
              sum(pl.picked_qty + coalesce(ov.qty, 0) - pl.put_back_qty)::int as qty
       from pick_lines pl
       left join (select pick_line_id, sum(qty)::int as qty from exceptions
                  where kind = 'over-pick' and pick_line_id is not null group by 1) ov
              on ov.pick_line_id = pl.id
       where exists (select 1 from orders o where o.id = pl.order_id and o.status <> 'shipped')
       group by 1, 2
     ), keys as (select warehouse_id as warehouse, sku_id as sku from inventory_pool
                 union select warehouse, sku from open union select warehouse, sku from in_bins
                 union select warehouse, sku from in_hand)
     select k.warehouse, k.sku, coalesce(p.inbound, 0) as inbound, coalesce(o.qty, 0) as open,
            coalesce(p.physical, 0) as physical, coalesce(b.qty, 0) as in_bins,
            coalesce(h.qty, 0) as in_hand
     from keys k
     left join inventory_pool p on p.warehouse_id = k.warehouse and p.sku_id = k.sku
     left join open o using (warehouse, sku) left join in_bins b using (warehouse, sku)
     left join in_hand h using (warehouse, sku)
     where exists (select 1 from bins where bins.warehouse_id = k.warehouse)`,
  );
  for (const r of rows) {
    if (num(r.inbound) !== num(r.open)) {
      found.poolInboundMismatched++;
      problems.push(
        `pool ${r.warehouse} ${r.sku}: inbound ${r.inbound}, open lines expect ${r.open}`,
      );
    }
    const drift = poolDrift({
      physical: num(r.physical),
      inBins: num(r.in_bins),
      inHand: num(r.in_hand),
    });
    if (drift !== 0) {
      found.poolPhysicalMismatched++;
      problems.push(
        `pool ${r.warehouse} ${r.sku}: physical ${r.physical}, bins ${r.in_bins} + in hand ${r.in_hand}`,
      );
    }
  }
}

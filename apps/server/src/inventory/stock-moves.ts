import type { StockAdjustment, StockHistoryEntry, StockMove } from '@wms/protocol';
import { sql } from 'drizzle-orm';
import type { Session } from '../auth/session-token';
import { type Db, type Tx, queryRows } from '../db/database';
import { ApiError, badRequest } from '../http/api-error';
import { moveStock, type StockStatus } from './stock-ledger';

interface Slot {
  binId: string;
  lot: string | null;
  expiry: string | null;
  status: string;
  qty: number;
  planned: number;
}

/**
 * Moves units of one lot between bins, or corrects their lot, expiry or status (same bin or
 * another): two ledger rows, out and in, in one transaction. Only what open waves do not plan
 * from the source may move (the pickers are sent there); refused with 409 when it holds fewer.
 */
export async function moveBetweenBins(db: Db, session: Session, move: StockMove, now: Date) {
  return db.transaction(async (tx) => {
    const bins = await binsByCode(tx, session.warehouseId, {
      fromBinCode: move.fromBinCode,
      toBinCode: move.toBinCode,
    });
    const attempt = await moveInLedger(
      tx,
      { warehouseId: session.warehouseId, userId: session.userId },
      {
        ...move,
        fromBinId: bins.get(move.fromBinCode) ?? '',
        toBinId: bins.get(move.toBinCode) ?? '',
      },
      now,
    );
    const lot = move.lot ?? null;
    if (attempt.kind === 'short')
      throw new ApiError(
        409,
        'conflict',
        `${move.fromBinCode} holds ${attempt.held} × ${move.skuId}${lot ? ` lot ${lot}` : ''} (${move.status}), ${attempt.planned} of them planned for open waves: ${attempt.free} can move`,
        { fields: [{ path: 'qty', message: `at most ${attempt.free}` }] },
      );
    if (attempt.kind === 'no-change')
      throw badRequest('Nothing would change: name another bin, lot, expiry or status', [
        { path: 'toBinCode', message: 'same bin, lot and status' },
      ]);
    const { target, reason } = attempt;
    return { ...move, reason, toLot: target.lot, toExpiry: target.expiry, toStatus: target.status };
  });
}

/** A move with its bins resolved (both of the mover's warehouse). */
export interface ResolvedMove {
  fromBinId: string;
  toBinId: string;
  skuId: string;
  lot?: string | undefined;
  /** The source's expiry, when the label gave it: picks that slot among the lot's. */
  expiry?: string | undefined;
  qty: number;
  status: StockStatus;
  toLot?: string | undefined;
  toExpiry?: string | undefined;
  toStatus?: StockStatus | undefined;
}

export type MoveAttempt =
  | {
      kind: 'moved';
      reason: 'move' | 'lot-correction';
      target: { lot: string | null; expiry: string | null; status: StockStatus };
    }
  /** The source has fewer than `qty` units free: `held`, `planned` of them for open waves. */
  | { kind: 'short'; held: number; planned: number; free: number }
  | { kind: 'no-change' };

/**
 * The one rule for a move, from a supervisor's route or a handheld's `stock-moved@1`: the
 * source slot (bin × SKU × lot × status) must hold `qty` units that no open wave plans; then
 * two ledger rows, out and in (`eventId` names the handheld's event). Nothing is written
 * otherwise.
 */
export async function moveInLedger(
  tx: Tx,
  by: { warehouseId: string; userId: string; eventId?: string },
  move: ResolvedMove,
  now: Date,
): Promise<MoveAttempt> {
  const from = move.fromBinId;
  const lot = move.lot ?? null;
  const slots = await lockSlots(tx, [from, move.toBinId], move.skuId);
  const candidates = slots.filter(
    (s) => s.binId === from && s.lot === lot && s.status === move.status,
  );
  const source = candidates.find((s) => s.expiry === (move.expiry ?? s.expiry)) ?? candidates[0];
  const free = source ? source.qty - source.planned : 0;
  if (!source || free < move.qty)
    return {
      kind: 'short',
      held: source?.qty ?? 0,
      planned: source?.planned ?? 0,
      free: Math.max(free, 0),
    };
  const target = {
    binId: move.toBinId,
    lot: move.toLot ?? lot,
    expiry: move.toExpiry ?? source.expiry,
    status: move.toStatus ?? move.status,
  };
  if (
    target.binId === from &&
    target.lot === lot &&
    target.expiry === source.expiry &&
    target.status === move.status
  )
    return { kind: 'no-change' };
  const reason = move.toLot || move.toExpiry ? ('lot-correction' as const) : ('move' as const);
  const common = {
    warehouseId: by.warehouseId,
    skuId: move.skuId,
    reason,
    userId: by.userId,
    eventId: by.eventId ?? null,
  };
  await moveStock(
    tx,
    [
      { ...common, ...slotOf(source), delta: -move.qty },
      { ...common, ...target, delta: move.qty },
    ],
    now,
  );
  return { kind: 'moved', reason, target };
}

/**
 * A supervisor's adjustment with a reason code: units found (positive) or written off
 * (negative, never below zero), one `adjust` ledger row that names who and why.
 */
export async function adjustStock(
  db: Db,
  session: Session,
  adjustment: StockAdjustment,
  now: Date,
) {
  return db.transaction(async (tx) => {
    const bins = await binsByCode(tx, session.warehouseId, { binCode: adjustment.binCode });
    const binId = bins.get(adjustment.binCode) ?? '';
    const [sku] = await queryRows<{ lotTracked: boolean }>(
      tx,
      sql`select lot_tracked as "lotTracked" from skus where id = ${adjustment.skuId}`,
    );
    if (!sku)
      throw badRequest(`No SKU ${adjustment.skuId}`, [{ path: 'skuId', message: 'unknown SKU' }]);
    const lot = adjustment.lot ?? null;
    if (sku.lotTracked && !lot)
      throw badRequest(`${adjustment.skuId} is lot-tracked: name the lot`, [
        { path: 'lot', message: 'required for a lot-tracked SKU' },
      ]);
    const slot = (await lockSlots(tx, [binId], adjustment.skuId)).find(
      (s) => s.lot === lot && s.status === adjustment.status,
    );
    const qty = slot?.qty ?? 0;
    if (qty + adjustment.delta < 0)
      throw new ApiError(
        409,
        'conflict',
        `${adjustment.binCode} holds ${qty} × ${adjustment.skuId}${lot ? ` lot ${lot}` : ''}: it cannot lose ${-adjustment.delta}`,
        { fields: [{ path: 'delta', message: `at least ${-qty}` }] },
      );
    await moveStock(
      tx,
      [
        {
          warehouseId: session.warehouseId,
          binId,
          skuId: adjustment.skuId,
          lot,
          expiry: slot?.expiry ?? adjustment.expiry ?? null,
          status: adjustment.status,
          delta: adjustment.delta,
          reason: 'adjust',
          reasonCode: adjustment.reasonCode,
          userId: session.userId,
          note: adjustment.note ?? null,
        },
      ],
      now,
    );
    return { ...adjustment, before: qty, after: qty + adjustment.delta };
  });
}

/** A SKU's stock history in the caller's warehouse: the ledger, newest first. */
export async function stockHistory(
  db: Db,
  warehouseId: string,
  skuId: string,
): Promise<{ skuId: string; entries: StockHistoryEntry[] }> {
  const entries = await queryRows<StockHistoryEntry>(
    db,
    sql`select m.at, b.code as "binCode", m.lot, to_char(m.expiry, 'YYYY-MM-DD') as expiry,
               m.status, m.delta, m.reason, m.reason_code as "reasonCode", m.user_id as "userId",
               m.event_id as "eventId", m.note
        from stock_movements m join bins b on b.id = m.bin_id
        where m.warehouse_id = ${warehouseId} and m.sku_id = ${skuId}
        order by m.at desc, m.id desc limit 500`,
  );
  return {
    skuId,
    entries: entries.map((e) => ({ ...e, at: new Date(e.at).toISOString() })),
  };
}

function slotOf(s: Slot) {
  return { binId: s.binId, lot: s.lot, expiry: s.expiry, status: s.status as StockStatus };
}

/** The bins named (each field checked: a 400 names the ones not in the caller's warehouse). */
async function binsByCode(tx: Tx, warehouseId: string, named: Record<string, string>) {
  const codes = JSON.stringify(Object.values(named));
  const rows = await queryRows<{ id: string; code: string }>(
    tx,
    sql`select id, code from bins where warehouse_id = ${warehouseId}
        and code in (select jsonb_array_elements_text(${codes}::jsonb))`,
  );
  const bins = new Map(rows.map((r) => [r.code, r.id]));
  const missing = Object.entries(named).filter(([, code]) => !bins.has(code));
  if (missing.length > 0)
    throw badRequest(
      `No bin ${missing.map(([, code]) => code).join(', ')} in warehouse ${warehouseId}: check the bin code`,
      missing.map(([path]) => ({ path, message: 'unknown bin' })),
    );
  return bins;
}

/** The SKU's slots in these bins, locked in one order, with what open lines plan from each. */
async function lockSlots(tx: Tx, binIds: readonly string[], skuId: string): Promise<Slot[]> {
  const rows = await queryRows<Omit<Slot, 'planned'>>(
    tx,
    sql`select bin_id as "binId", lot, to_char(expiry, 'YYYY-MM-DD') as expiry, status, qty
        from stock
        where sku_id = ${skuId}
          and bin_id in (select jsonb_array_elements_text(${JSON.stringify(binIds)}::jsonb))
        order by bin_id collate "C", lot collate "C" nulls first, expiry nulls first, status collate "C"
        for update`,
  );
  const planned = await queryRows<{ binId: string; lot: string | null; qty: number }>(
    tx,
    sql`select bin_id as "binId", lot, sum(qty - picked_qty)::int as qty from pick_lines
        where sku_id = ${skuId} and status = 'open'
          and bin_id in (select jsonb_array_elements_text(${JSON.stringify(binIds)}::jsonb))
        group by bin_id, lot`,
  );
  return rows.map((r) => ({
    ...r,
    planned:
      r.status === 'available'
        ? (planned.find((p) => p.binId === r.binId && p.lot === r.lot)?.qty ?? 0)
        : 0,
  }));
}

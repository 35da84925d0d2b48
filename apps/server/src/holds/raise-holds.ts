import { randomUUID } from 'node:crypto';
import type { HoldRule } from '@wms/protocol';
import { sql } from 'drizzle-orm';
import { type Tx, queryRows } from '../db/database';
import { recordOrderSteps } from '../orders/order-timeline';
import { recordChanges } from '../sync/change-feed';
import { emitWebhook } from '../webhooks/emit-webhook';

export const PUT_BACK_NOTE =
  '订单已拦截:停止拣货,已拣商品放回原库位 · Order held: stop, put picked items back';

/**
 * Holds an order for review: one open hold per finding (rule + evidence) in the review queue,
 * the order `held`, `order.held` in the outbox. An order already in a wave is pulled out of it:
 * its lines become `cancelled` with a put-back note, and the picker's device hears of it at its
 * next pull (the change feed is addressed to the wave's assignee).
 */
export async function raiseHolds(
  tx: Tx,
  order: { id: string; warehouseId: string },
  holds: readonly { kind: string; evidence: string }[],
  rules: readonly { id: string; rule: HoldRule }[],
  now: Date,
): Promise<void> {
  if (holds.length === 0) return;
  const rows = holds.map((h) => ({
    id: randomUUID(),
    warehouse_id: order.warehouseId,
    order_id: order.id,
    rule_id: rules.find((r) => r.rule.kind === h.kind)?.id ?? null,
    kind: h.kind,
    evidence: h.evidence,
  }));
  await tx.execute(sql`
    insert into order_holds (id, warehouse_id, order_id, rule_id, kind, evidence, raised_at)
    select id::uuid, warehouse_id, order_id, rule_id, kind, evidence, ${now.toISOString()}::timestamptz
    from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
      as r(id text, warehouse_id text, order_id text, rule_id text, kind text, evidence text)`);
  await tx.execute(
    sql`update orders set status = 'held' where id = ${order.id} and status <> 'shipped'`,
  );
  const pulled = await pullFromWaves(tx, order.id);
  await recordOrderSteps(
    tx,
    [
      ...rows.map((r) => ({
        orderId: order.id,
        kind: 'held' as const,
        detail: { ruleId: r.rule_id, kind: r.kind, evidence: r.evidence },
      })),
      ...(pulled.length > 0
        ? [{ orderId: order.id, kind: 'pulled-from-wave' as const, detail: { lines: pulled } }]
        : []),
    ],
    now,
  );
  await emitWebhook(
    tx,
    'order.held',
    { orderId: order.id, holds: rows.map((r) => ({ kind: r.kind, evidence: r.evidence })) },
    now,
  );
}

/** Cancels the order's unshipped pick lines and tells each wave's picker through the feed. */
export async function pullFromWaves(tx: Tx, orderId: string, note = PUT_BACK_NOTE) {
  const lines = await queryRows<{
    id: string;
    waveId: string;
    warehouseId: string;
    assignee: string | null;
    pickedQty: number;
  }>(
    tx,
    sql`
    update pick_lines pl set status = 'cancelled', note = ${note}
    from waves w
    where pl.order_id = ${orderId} and w.id = pl.wave_id
      and pl.status in ('open', 'picked', 'short') and w.status <> 'cancelled'
    returning pl.id, pl.wave_id as "waveId", pl.warehouse_id as "warehouseId",
              w.assigned_user_id as assignee, pl.picked_qty as "pickedQty"`,
  );
  await recordChanges(
    tx,
    lines.map((l) => ({
      warehouseId: l.warehouseId,
      waveId: l.waveId,
      lineId: l.id,
      audienceUserId: l.assignee,
    })),
  );
  return lines.map((l) => ({ pickLineId: l.id, waveId: l.waveId, putBackQty: l.pickedQty }));
}

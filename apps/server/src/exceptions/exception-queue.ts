import type { QueueItem } from '@wms/protocol';
import { sql } from 'drizzle-orm';
import { type Db, queryRows } from '../db/database';

type Time = Date | string;
const iso = (t: Time) => new Date(t).toISOString();
const isoOrNull = (t: Time | null) => (t === null ? null : iso(t));

/**
 * The supervisor's exceptions queue of one warehouse, oldest first within each source: open
 * exceptions with their scan and line as evidence, open tasks, held orders, and webhook
 * deliveries of the warehouse's subscriptions that failed for good (each sent again by replay).
 */
export async function exceptionQueue(db: Db, warehouseId: string): Promise<QueueItem[]> {
  const exceptions = await queryRows<{
    id: string;
    kind: string;
    message: string;
    openedAt: Time;
    answeredAt: Time | null;
    assignee: string | null;
    waveCode: string | null;
    binCode: string | null;
    skuName: string | null;
    skuNameZh: string | null;
    qty: number | null;
    lineQty: number | null;
    linePicked: number | null;
    pickedBy: string | null;
    deviceId: string | null;
    seq: number | null;
    deviceTime: Time | null;
  }>(
    db,
    sql`
    select x.id, x.kind, x.message, x.opened_at as "openedAt", x.answered_at as "answeredAt",
           au.name as assignee, w.code as "waveCode", b.code as "binCode", s.name as "skuName",
           s.name_zh as "skuNameZh", x.qty,
           pl.qty as "lineQty", pl.picked_qty as "linePicked", eu.name as "pickedBy",
           e.device_id as "deviceId", e.seq, e.device_time as "deviceTime"
    from exceptions x
    left join users au on au.id = x.assigned_user_id
    left join waves w on w.id = x.wave_id
    left join bins b on b.id = x.bin_id
    left join skus s on s.id = x.sku_id
    left join pick_lines pl on pl.id = x.pick_line_id
    left join scan_events e on e.id = x.event_id
    left join users eu on eu.id = e.user_id
    where x.warehouse_id = ${warehouseId} and x.status = 'open'
    order by x.opened_at, x.id limit 500`,
  );
  const tasks = await queryRows<{
    id: string;
    kind: string;
    message: string;
    detail: string;
    binCode: string;
    skuId: string | null;
    openedAt: Time;
    answeredAt: Time | null;
    assignee: string | null;
  }>(
    db,
    sql`select t.id, t.kind, t.message, t.detail, b.code as "binCode", t.sku_id as "skuId",
               t.opened_at as "openedAt", t.answered_at as "answeredAt", au.name as assignee
        from tasks t join bins b on b.id = t.bin_id
        left join users au on au.id = t.assigned_user_id
        where t.warehouse_id = ${warehouseId} and t.status = 'open' order by t.opened_at limit 500`,
  );
  const holds = await queryRows<{
    orderId: string;
    kind: string;
    evidence: string;
    channel: string;
    channelOrderId: string;
    paidCents: number;
    raisedAt: Time;
  }>(
    db,
    sql`select h.order_id as "orderId", h.kind, h.evidence, o.channel, o.channel_order_id as "channelOrderId",
               o.paid_cents as "paidCents", min(h.raised_at) as "raisedAt"
        from order_holds h join orders o on o.id = h.order_id
        where h.warehouse_id = ${warehouseId} and h.status = 'open'
        group by h.order_id, h.kind, h.evidence, o.channel, o.channel_order_id, o.paid_cents
        order by min(h.raised_at) limit 500`,
  );
  const dead = await queryRows<{
    id: string;
    type: string;
    attempts: number;
    lastError: string | null;
    createdAt: Time;
  }>(
    db,
    sql`select d.id, m.type, d.attempts, d.last_error as "lastError", d.created_at as "createdAt"
        from webhook_deliveries d join webhook_messages m on m.id = d.message_id
          join webhook_subscriptions s on s.id = d.subscription_id
        -- The warehouse's own subscribers' failures (and those of subscriptions made before
        -- scoping, as the webhook routes show them), never another warehouse's.
        where d.status = 'dead' and (s.warehouse_id is null or s.warehouse_id = ${warehouseId})
        order by d.created_at limit 100`,
  );
  return [
    ...exceptions.map((x): QueueItem => ({
      source: 'exception',
      id: x.id,
      kind: x.kind,
      message: x.message,
      evidence: {
        wave: x.waveCode,
        bin: x.binCode,
        sku: x.skuName,
        // The product's Chinese name, which a zh-CN console shows in place of `sku`.
        skuZh: x.skuNameZh,
        qty: x.qty,
        line: x.lineQty === null ? null : `${x.linePicked ?? 0}/${x.lineQty}`,
        pickedBy: x.pickedBy,
        device: x.deviceId === null ? null : `${x.deviceId.slice(0, 8)} #${x.seq}`,
        deviceTime: isoOrNull(x.deviceTime),
      },
      openedAt: iso(x.openedAt),
      answeredAt: isoOrNull(x.answeredAt),
      assignedTo: x.assignee,
      actions:
        x.kind === 'return-wrong-item'
          ? ['refund', 'no-refund', 'assign']
          : x.binCode
            ? ['resolve', 'assign', 'count-task']
            : ['resolve', 'assign'],
    })),
    ...tasks.map((t): QueueItem => ({
      source: 'task',
      id: t.id,
      kind: t.kind,
      message: t.message,
      evidence: { bin: t.binCode, sku: t.skuId, detail: t.detail },
      openedAt: iso(t.openedAt),
      answeredAt: isoOrNull(t.answeredAt),
      assignedTo: t.assignee,
      actions: taskActions(t.kind, t.skuId),
    })),
    ...holds.map((h): QueueItem => ({
      source: 'hold',
      id: h.orderId,
      kind: `held:${h.kind}`,
      message: h.evidence,
      evidence: {
        order: h.orderId,
        channel: `${h.channel} ${h.channelOrderId}`,
        paid: (h.paidCents / 100).toFixed(2),
      },
      openedAt: iso(h.raisedAt),
      answeredAt: null,
      assignedTo: null,
      actions: ['release', 'cancel'],
    })),
    ...dead.map((d): QueueItem => ({
      source: 'webhook',
      id: d.id,
      kind: 'webhook-dead',
      message: `${d.type}: ${d.lastError ?? 'not delivered'}`,
      evidence: { type: d.type, attempts: d.attempts, lastError: d.lastError },
      openedAt: iso(d.createdAt),
      answeredAt: null,
      assignedTo: null,
      actions: ['replay'],
    })),
  ];
}

/** A count needs the task's SKU; a label is reprinted from the task, then resolved. */
function taskActions(kind: string, skuId: string | null): QueueItem['actions'] {
  if (kind === 'reprint-label') return ['reprint', 'resolve', 'assign'];
  return skuId ? ['count', 'resolve', 'assign'] : ['resolve', 'assign'];
}

import type { HoldHit, RouteDecision } from '@wms/domain';
import type { OrderStatus } from '@wms/protocol';
import type { Tx } from '../db/database';
import { orderLines, orders } from '../db/schema';
import type { CleanOrder } from './clean-order';
import type { OrderStep } from './order-timeline';

export interface NewOrder {
  orderId: string;
  clean: CleanOrder;
  warehouseId: string;
  status: OrderStatus;
  route: RouteDecision | null;
  flags: string[];
}

/** Stores a cleaned order and its lines, with the original beside the cleaned fields. */
export async function insertOrder(tx: Tx, order: NewOrder, now: Date): Promise<void> {
  const { orderId, clean, route } = order;
  const { input } = clean;
  await tx.insert(orders).values({
    id: orderId,
    warehouseId: order.warehouseId,
    channel: input.channel,
    channelOrderId: input.channelOrderId,
    status: order.status,
    consigneeName: clean.consigneeName,
    province: clean.province,
    city: clean.city,
    district: clean.district,
    addressDetail: input.address.detail,
    phone: clean.phone,
    idNumber: input.consignee.idNumber ?? null,
    customerId: input.customerId,
    vip: input.vip,
    orderType: input.orderType,
    originalOrderId: input.originalOrderId ?? null,
    paidCents: input.paidCents,
    couponCents: input.couponCents,
    freightCents: input.freightCents,
    carrier: route?.rule.carrier ?? null,
    routeRuleId: route?.rule.id ?? null,
    routeReason: route?.reason ?? null,
    flags: order.flags,
    original: input,
    placedAt: new Date(input.placedAt),
    createdAt: now,
  });
  await tx.insert(orderLines).values(
    input.lines.map((l, i) => ({
      id: `${orderId}-${i + 1}`,
      orderId,
      skuId: l.skuId,
      qty: l.qty,
      unitPriceCents: l.unitPriceCents,
    })),
  );
}

type Step = { orderId: string; kind: OrderStep; detail: Record<string, unknown> };

/** The first steps of an order's timeline: received, cleaned, routed (or not), flagged. */
export function intakeSteps(
  orderId: string,
  clean: CleanOrder,
  route: RouteDecision | null,
  warehouseId: string,
  hits: readonly HoldHit[],
): Step[] {
  const { input } = clean;
  const routed: Step = route
    ? {
        orderId,
        kind: 'routed',
        detail: {
          ruleId: route.rule.id,
          rule: route.rule.name,
          reason: route.reason,
          warehouseId,
          carrier: route.rule.carrier,
        },
      }
    : {
        orderId,
        kind: 'unrouted',
        detail: { reason: 'no routing rule matched: waiting in the manual routing queue' },
      };
  return [
    {
      orderId,
      kind: 'received',
      detail: {
        channel: input.channel,
        channelOrderId: input.channelOrderId,
        placedAt: input.placedAt,
      },
    },
    { orderId, kind: 'cleaned', detail: { changes: clean.changes } },
    routed,
    ...hits
      .filter((h) => h.action === 'flag')
      .map((h): Step => ({
        orderId,
        kind: 'flagged',
        detail: { kind: h.kind, evidence: h.evidence },
      })),
  ];
}

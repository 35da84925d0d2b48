import type { HoldHit, RouteDecision } from '@wms/domain';
import type { CleanOrder } from './clean-order';
import type { OrderStep } from './order-timeline';

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

import { randomBytes } from 'node:crypto';
import { evaluateHolds, type HoldHit, routeOrder } from '@wms/domain';
import type { OrderAccepted, OrderInput } from '@wms/protocol';
import { and, eq } from 'drizzle-orm';
import type { Db, Tx } from '../db/database';
import { channelOrders } from '../db/schema';
import { raiseHolds } from '../holds/raise-holds';
import { holdContext } from '../holds/hold-context';
import { reserveStock } from '../inventory/reserve-stock';
import { raisePeakAlert } from '../holds/peak-alert';
import { emitWebhook } from '../webhooks/emit-webhook';
import { cleanOrder, type CleanOrder } from './clean-order';
import { type IntakeContext, loadIntakeContext } from './intake-context';
import { mergeIfDuplicate } from './merge-duplicate';
import { orderSummary } from './order-summary';
import { insertOrder, intakeSteps } from './store-order';
import { recordOrderSteps } from './order-timeline';

/**
 * Takes one channel order in, in one transaction: claims its channel id (a retry returns the
 * stored order), cleans it, merges it into a suspected duplicate, routes it, runs the hold
 * rules, reserves its stock and puts `order.created` (and `order.held`) in the outbox.
 */
export async function acceptOrder(
  db: Db,
  input: OrderInput,
  now: Date,
  /** Rules and settings read once for a batch; a single order reads its own. */
  shared?: IntakeContext,
): Promise<OrderAccepted> {
  return db.transaction(async (tx) => {
    const orderId = newOrderId(now);
    const claimed = await tx
      .insert(channelOrders)
      .values({
        channel: input.channel,
        channelOrderId: input.channelOrderId,
        orderId,
        receivedAt: now,
      })
      .onConflictDoNothing()
      .returning();
    if (claimed.length === 0) return storedOrder(tx, input);
    const clean = await cleanOrder(tx, input);
    const intake = shared ?? (await loadIntakeContext(tx, now));
    const merged = await mergeIfDuplicate(tx, clean, now, intake.dedup);
    if (merged) {
      await tx
        .update(channelOrders)
        .set({ orderId: merged, merged: true })
        .where(
          and(
            eq(channelOrders.channel, input.channel),
            eq(channelOrders.channelOrderId, input.channelOrderId),
          ),
        );
      return { ...(await orderSummary(tx, merged)), created: true, mergedInto: merged };
    }
    await createOrder(tx, orderId, clean, intake, now);
    return { ...(await orderSummary(tx, orderId)), created: true, mergedInto: null };
  });
}

async function createOrder(
  tx: Tx,
  orderId: string,
  clean: CleanOrder,
  intake: IntakeContext,
  now: Date,
) {
  const { input } = clean;
  const route = routeOrder(clean.facts, intake.routingRules);
  const { holdRules } = intake;
  const rules = holdRules.map((r) => r.rule);
  const samples = intake.peakSamples ?? undefined;
  const context = await holdContext(tx, clean, rules, now, false, samples);
  const hits = evaluateHolds(clean.facts, context, rules);
  const holds = hits.filter((h) => h.action === 'hold');
  const flags = [...new Set(hits.filter((h) => h.action === 'flag').map((h) => flagName(h)))];
  const warehouseId = route?.rule.warehouseId ?? intake.manualQueueWarehouse;
  const status = holds.length > 0 ? 'held' : route ? 'received' : 'unrouted';
  await insertOrder(tx, { orderId, clean, warehouseId, status, route, flags }, now);
  await recordOrderSteps(tx, intakeSteps(orderId, clean, route, warehouseId, hits), now);
  const reserved = route
    ? await reserveStock(tx, { id: orderId, warehouseId }, input.lines, now, {
        shedNonCore: context.peak,
        safety: intake.safety,
      })
    : [];
  await recordOrderSteps(
    tx,
    reserved.map((r) => ({
      orderId,
      kind: r.reserved ? 'reserved' : 'reservation-short',
      detail: { ...r, warehouseId },
    })),
    now,
  );
  await emitWebhook(
    tx,
    'order.created',
    {
      orderId,
      channel: input.channel,
      channelOrderId: input.channelOrderId,
      status,
      warehouseId: route ? warehouseId : null,
      // M3.8: the inventory event of this order, for channels that keep their own stock view.
      reservations: reserved,
    },
    now,
  );
  await raiseHolds(tx, { id: orderId, warehouseId }, holds, holdRules, now);
  if (context.peak) await raisePeakAlert(tx, warehouseId, now);
}

function flagName(hit: HoldHit): string {
  return hit.kind === 'signature-unit-price' ? 'signature-required' : hit.kind;
}

/** The answer to a retried channel order: what is stored, nothing redone. */
async function storedOrder(tx: Tx, input: OrderInput): Promise<OrderAccepted> {
  const [claim] = await tx
    .select()
    .from(channelOrders)
    .where(
      and(
        eq(channelOrders.channel, input.channel),
        eq(channelOrders.channelOrderId, input.channelOrderId),
      ),
    );
  const orderId = claim?.orderId ?? '';
  return {
    ...(await orderSummary(tx, orderId)),
    created: false,
    mergedInto: claim?.merged ? orderId : null,
  };
}

/** `SO-20261122-` + 10 hex digits: sortable by day, unguessable within it. */
function newOrderId(now: Date): string {
  return `SO-${now.toISOString().slice(0, 10).replaceAll('-', '')}-${randomBytes(5).toString('hex')}`;
}

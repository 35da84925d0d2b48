import { orderInputSchema, type OrderInput } from '@wms/protocol';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../db/database';
import { channelOrders, connectorOrders, skuReviews } from '../db/schema';
import { ApiError } from '../http/api-error';
import { parkForSkuReview, resolveChannelSkus } from '../channel-codes/channel-sku-codes';
import { acceptOrders } from '../orders/accept-orders';
import { type ConnectorRow, connectorSession } from './connector-store';
import { addressHash, contentHash, toOrderInput } from './map-platform-order';
import type { PlatformAdapter, PlatformOrder } from './platform';
import { applyPlatformChange } from './apply-platform-change';

type Seen = typeof connectorOrders.$inferSelect;
type Record_ = Omit<Seen, 'seenAt' | 'connectorId'>;

/** What a page of platform orders did here. */
export interface TakeInResult {
  /** New orders taken in (or found stored: intake is idempotent on channel + order id). */
  accepted: number;
  parked: number;
  refused: number;
  /** Later versions of orders we have, acted on (address, cancellation, exception). */
  changed: number;
  /** Nothing new: an overlap window's repeat, an older version, or unchanged. */
  unchanged: number;
}

/**
 * Stores one page of a pull (issue 27). A platform order we have not taken in yet goes through
 * the same intake as `POST /api/orders/batch` once it is awaiting shipment (codes mapped, parked
 * when unmapped); a later version of one we have is compared with what we saw and acted on by
 * `applyPlatformChange`. What was seen is recorded last, so a crash in between repeats the page
 * (intake answers what it stored, a change compares again).
 */
export async function takeInOrders(
  db: Db,
  connector: ConnectorRow,
  adapter: PlatformAdapter,
  page: readonly PlatformOrder[],
  now: Date,
): Promise<TakeInResult> {
  const result: TakeInResult = { accepted: 0, parked: 0, refused: 0, changed: 0, unchanged: 0 };
  const latest = latestVersions(page);
  if (latest.length === 0) return result;
  const seen = await seenOrders(db, connector, latest);
  const fresh: PlatformOrder[] = [];
  const records: Record_[] = [];
  for (const order of latest) {
    const before = seen.get(order.platformOrderId);
    if (before && before.modifiedAt.getTime() > order.modifiedAt.getTime()) {
      result.unchanged += 1;
    } else if (before?.orderId) {
      if (isSame(before, order)) result.unchanged += 1;
      else {
        await applyPlatformChange(db, connectorSession(connector), before, order, now);
        result.changed += 1;
      }
      records.push(recordOf(order, before.orderId, null));
    } else if (order.status === 'awaiting-shipment') {
      fresh.push(order);
    } else if (order.status === 'cancelled' && before) {
      // Parked for SKU review and cancelled before anyone mapped it: nothing is left to map.
      await dropParked(db, connector, order.platformOrderId);
      result.unchanged += 1;
      records.push(recordOf(order, null, 'cancelled before it was taken in'));
    } else {
      result.unchanged += 1;
      records.push(recordOf(order, null, `not taken in while ${order.status}`));
    }
  }
  records.push(...(await intake(db, connector, adapter, fresh, now, result)));
  await recordSeen(db, connector.id, records, now);
  return result;
}

/** One version per order: a page (or two pages of a moving list) may carry an order twice. */
function latestVersions(page: readonly PlatformOrder[]): PlatformOrder[] {
  const byId = new Map<string, PlatformOrder>();
  for (const order of page) {
    const known = byId.get(order.platformOrderId);
    if (!known || known.modifiedAt.getTime() <= order.modifiedAt.getTime())
      byId.set(order.platformOrderId, order);
  }
  return [...byId.values()];
}

/**
 * What the connector saw of these orders. One it saw but did not take in may have been taken in
 * since by a person (sent on from SKU review): intake's channel record names our order then.
 */
async function seenOrders(db: Db, connector: ConnectorRow, orders: readonly PlatformOrder[]) {
  const ids = orders.map((o) => o.platformOrderId);
  const rows = await db
    .select()
    .from(connectorOrders)
    .where(
      and(
        eq(connectorOrders.connectorId, connector.id),
        inArray(connectorOrders.platformOrderId, ids),
      ),
    );
  const untaken = rows.filter((r) => !r.orderId).map((r) => r.platformOrderId);
  const taken =
    untaken.length === 0
      ? []
      : await db
          .select({ id: channelOrders.channelOrderId, orderId: channelOrders.orderId })
          .from(channelOrders)
          .where(
            and(
              eq(channelOrders.channel, connector.channel),
              inArray(channelOrders.channelOrderId, untaken),
            ),
          );
  const ours = new Map(taken.map((t) => [t.id, t.orderId]));
  return new Map(
    rows.map((r) => [
      r.platformOrderId,
      { ...r, orderId: r.orderId ?? ours.get(r.platformOrderId) ?? null },
    ]),
  );
}

async function dropParked(db: Db, connector: ConnectorRow, platformOrderId: string) {
  await db
    .delete(skuReviews)
    .where(
      and(
        eq(skuReviews.channel, connector.channel),
        eq(skuReviews.channelOrderId, platformOrderId),
      ),
    );
}

function isSame(before: Seen, order: PlatformOrder) {
  return (
    before.platformStatus === order.status &&
    before.contentHash === contentHash(order) &&
    before.addressHash === addressHash(order)
  );
}

function recordOf(order: PlatformOrder, orderId: string | null, note: string | null): Record_ {
  return {
    platformOrderId: order.platformOrderId,
    orderId,
    platformStatus: order.status,
    modifiedAt: order.modifiedAt,
    contentHash: contentHash(order),
    addressHash: addressHash(order),
    note,
  };
}

/** New orders through intake; each one's record says what became of it. */
async function intake(
  db: Db,
  connector: ConnectorRow,
  adapter: PlatformAdapter,
  orders: readonly PlatformOrder[],
  now: Date,
  result: TakeInResult,
): Promise<Record_[]> {
  const records: Record_[] = [];
  const valid: { order: PlatformOrder; input: OrderInput }[] = [];
  for (const order of orders) {
    const parsed = orderInputSchema.safeParse(toOrderInput(adapter, order));
    if (parsed.success) valid.push({ order, input: parsed.data });
    else {
      result.refused += 1;
      const why = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
      records.push(recordOf(order, null, `refused: ${why}`));
    }
  }
  const resolved = await resolveChannelSkus(
    db,
    connector.warehouseId,
    valid.map((v) => v.input),
  );
  const ready: typeof valid = [];
  for (const [k, r] of resolved.entries()) {
    const { order, input } = valid[k]!;
    if ('input' in r) {
      ready.push({ order, input: r.input });
      continue;
    }
    try {
      await parkForSkuReview(db, connector.warehouseId, input, r.unmapped);
      result.parked += 1;
      records.push(recordOf(order, null, `parked: unmapped codes ${r.unmapped.join(', ')}`));
    } catch (err) {
      if (!(err instanceof ApiError) || err.status !== 400) throw err;
      result.refused += 1;
      records.push(recordOf(order, null, `refused: ${err.message}`));
    }
  }
  const outcomes = await acceptOrders(
    db,
    ready.map((r) => r.input),
    now,
  );
  outcomes.forEach((outcome, k) => {
    const { order } = ready[k]!;
    if (outcome.ok) result.accepted += 1;
    else result.refused += 1;
    records.push(
      outcome.ok
        ? recordOf(order, outcome.order.orderId, null)
        : recordOf(order, null, `refused: ${outcome.error.message}`),
    );
  });
  return records;
}

async function recordSeen(db: Db, connectorId: string, records: readonly Record_[], now: Date) {
  if (records.length === 0) return;
  await db
    .insert(connectorOrders)
    .values(records.map((r) => ({ ...r, connectorId, seenAt: now })))
    .onConflictDoUpdate({
      target: [connectorOrders.connectorId, connectorOrders.platformOrderId],
      set: {
        orderId: sql`coalesce(excluded.order_id, ${connectorOrders.orderId})`,
        platformStatus: sql`excluded.platform_status`,
        modifiedAt: sql`excluded.modified_at`,
        contentHash: sql`excluded.content_hash`,
        addressHash: sql`excluded.address_hash`,
        note: sql`excluded.note`,
        seenAt: sql`excluded.seen_at`,
      },
      // An older version, read after a newer one, never overwrites it.
      setWhere: sql`${connectorOrders.modifiedAt} <= excluded.modified_at`,
    });
}

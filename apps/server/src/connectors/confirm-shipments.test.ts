import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { Session } from '../auth/session-token';
import { queryRows } from '../db/database';
import { orderTrace } from '../orders/order-trace';
import { shipOrder } from '../orders/ship-order';
import { aSeededAppPerFile } from '../testing/test-app';
import { testDatabases } from '../testing/test-databases';
import { deliverDueShipments } from './confirm-shipments';
import { pullConnector } from './pull-connector';
import { TestClock, aScriptedConnector } from './testing/connector-fixtures';
import { aPlatformOrder } from './testing/scripted-platform';

describe.each(testDatabases())('tracking written back to the platform on $name', (target) => {
  const fx = aSeededAppPerFile(target);
  const clock = new TestClock();

  /** A platform order taken in and picked, shipped at the bench with `carrier`. */
  const aShippedOrder = async (carrier: string, trackingNumber: string) => {
    const c = await aScriptedConnector(fx.database.db, clock);
    const order = aPlatformOrder(c.connector.cursor, { shopId: c.shopId });
    c.platform.place(order);
    clock.advance(1_000);
    await pullConnector(c.runtime, c.connector.id);
    const [row] = await queryRows<{ id: string; warehouseId: string }>(
      fx.database.db,
      sql`select id, warehouse_id as "warehouseId" from orders
          where channel = 'taobao' and channel_order_id = ${order.platformOrderId}`,
    );
    // Picking is not what this file is about: the order is picked.
    await fx.database.db.execute(sql`update orders set status = 'picked' where id = ${row!.id}`);
    const packer: Session = {
      userId: 'u-packer',
      role: 'supervisor',
      warehouseId: row!.warehouseId,
      deviceId: 'bench-1',
      epoch: 1,
    };
    await shipOrder(fx.database.db, packer, row!.id, { carrier, trackingNumber }, clock.now());
    return { ...c, order, orderId: row!.id, packer };
  };

  /** The trace of a live order (not one retention pruned), with its platform confirmations. */
  const traceOf = async (packer: Session, orderId: string) => {
    const trace = await orderTrace(fx.database.db, packer, orderId);
    if (!('platformConfirmations' in trace)) throw new Error(`order ${orderId} was pruned`);
    return trace;
  };

  it("confirms a shipped parcel on the platform with the platform's carrier code and its codes", async () => {
    const { platform, order, orderId, runtime, packer } = await aShippedOrder(
      'sf',
      'SF1402365718093',
    );
    expect(await deliverDueShipments(runtime)).toBe(1);
    expect(platform.confirmed).toEqual([
      {
        platformOrderId: order.platformOrderId,
        carrierCode: 'SF',
        trackingNumber: 'SF1402365718093',
        lines: [{ code: 'TB-CUP-RED', qty: 1 }],
      },
    ]);
    const trace = await traceOf(packer, orderId);
    expect(
      trace.timeline.filter((e) => e.kind === 'platform-confirmed').map((e) => e.detail),
    ).toEqual([
      {
        platformOrderId: order.platformOrderId,
        carrier: 'sf',
        trackingNumber: 'SF1402365718093',
        attempts: 1,
      },
    ]);
    expect(trace.platformConfirmations).toMatchObject([{ status: 'confirmed', attempts: 1 }]);
    expect(await deliverDueShipments(runtime)).toBe(0);
  });

  it('retries a confirmation the platform could not take, with backoff, until it is taken', async () => {
    const { platform, orderId, runtime, packer } = await aShippedOrder('zto', '78301234567890');
    platform.failConfirmations(1);
    await deliverDueShipments(runtime);
    const pending = await traceOf(packer, orderId);
    expect(pending.platformConfirmations).toMatchObject([
      { status: 'pending', attempts: 1, lastError: 'unavailable: logistics service busy' },
    ]);
    expect(await deliverDueShipments(runtime)).toBe(0);
    clock.advance(7_000);
    expect(await deliverDueShipments(runtime)).toBe(1);
    expect(platform.confirmed.map((c) => c.trackingNumber)).toEqual(['78301234567890']);
  });

  it('fails at once, in the trace, for a carrier the platform has no code for', async () => {
    const { platform, orderId, runtime, packer } = await aShippedOrder('own-fleet', 'OF-0001');
    await deliverDueShipments(runtime);
    const trace = await traceOf(packer, orderId);
    expect(trace.platformConfirmations).toMatchObject([
      { status: 'failed', lastError: 'refused: carrier own-fleet has no code on taobao' },
    ]);
    expect(trace.timeline.map((e) => e.kind)).toContain('platform-confirm-failed');
    expect(platform.confirmed).toEqual([]);
  });
});

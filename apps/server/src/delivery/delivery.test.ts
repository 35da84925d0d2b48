import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { queryRows } from '../db/database';
import { anOrder, aChannelKey } from '../testing/hub-fixtures';
import {
  aLoggedInDevice,
  aPick,
  aSeededAppPerFile,
  bodyOf,
  postJson,
  push,
} from '../testing/test-app';
import { testDatabases } from '../testing/test-databases';
import { aWavedOrder } from '../testing/waved-order';

describe.each(testDatabases())('after dispatch on $name', (target) => {
  const fx = aSeededAppPerFile(target);

  /** The health index's "signed within 48 h" and "status queries" numerators of the day. */
  const healthCounts = async () => {
    const kpis = await bodyOf<{
      health: {
        day: {
          timeliness: { ratios: { name: string; numerator: number | null }[] };
          experience: { ratios: { name: string; numerator: number | null }[] };
        };
      };
    }>(
      await fx.app.request('/api/console/kpis', {
        headers: { authorization: `Bearer ${(await aLoggedInDevice(fx.app, 'S-0001')).token}` },
      }),
    );
    const signed = kpis.health.day.timeliness.ratios.find(
      (r) => r.name === 'signed within 48 h / shipped',
    );
    const queries = kpis.health.day.experience.ratios.find(
      (r) => r.name === 'customer status queries / orders',
    );
    return [signed?.numerator ?? 0, queries?.numerator ?? 0] as const;
  };

  it('takes carrier events once per event id, opens the status page by signed link only, and feeds the health index', async () => {
    const db = fx.database.db;
    const [signedBefore, queriesBefore] = await healthCounts();
    const { orderId, key, supervisor, picker, lines } = await aWavedOrder(
      fx.app,
      db,
      anOrder({ lines: [{ skuId: 'SKU-00244', qty: 1, unitPriceCents: 9_900 }] }),
    );
    await push(
      fx.app,
      picker,
      lines.map((l) => aPick(picker, l)),
    );
    const tracking = `YT${String(Date.now()).slice(-10)}`;
    await postJson(
      fx.app,
      `/api/orders/${orderId}/ship`,
      { carrier: 'YTO', trackingNumber: tracking },
      supervisor,
    );

    const shippedAt = Date.now();
    const event = (id: string, kind: string, hours: number) => ({
      carrierEventId: id,
      trackingNumber: tracking,
      kind,
      at: new Date(shippedAt + hours * 3_600_000).toISOString(),
      location: '深圳南山集散中心',
    });
    const sent = {
      events: [event(`${tracking}-1`, 'in-transit', 3), event(`${tracking}-2`, 'delivered', 20)],
    };
    const first = await postJson(fx.app, '/api/parcels/tracking-events', sent, key);
    expect(await bodyOf(first)).toEqual({
      results: [
        { carrierEventId: `${tracking}-1`, outcome: 'stored' },
        { carrierEventId: `${tracking}-2`, outcome: 'stored' },
      ],
    });
    const again = await postJson(
      fx.app,
      '/api/parcels/tracking-events',
      {
        events: [
          ...sent.events,
          { ...event('other-1', 'delivered', 1), trackingNumber: 'ZT0000000000' },
        ],
      },
      key,
    );
    expect(
      (await bodyOf<{ results: { outcome: string }[] }>(again)).results.map((r) => r.outcome),
    ).toEqual(['duplicate', 'duplicate', 'unknown-parcel']);
    const channelKey = await aChannelKey(db, 'taobao');
    expect((await postJson(fx.app, '/api/parcels/tracking-events', sent, channelKey)).status).toBe(
      403,
    );
    const [parcel] = await queryRows<{ status: string; events: number }>(
      db,
      sql`select p.delivery_status as status, (select count(*)::int from parcel_tracking_events t where t.parcel_id = p.id) as events
          from parcels p where p.order_id = ${orderId}`,
    );
    expect(parcel).toEqual({ status: 'delivered', events: 2 });

    const [message] = await queryRows<{ payload: { data: { statusUrl: string } } }>(
      db,
      sql`select payload from webhook_messages where order_id = ${orderId} and type = 'order.shipped'`,
    );
    const statusUrl = message!.payload.data.statusUrl;
    const page = await fx.app.request(statusUrl);
    expect(await bodyOf(page)).toMatchObject({
      orderId,
      status: 'shipped',
      parcels: [
        { parcelNo: 1, carrier: 'YTO', trackingNumber: tracking, deliveryStatus: 'delivered' },
      ],
    });
    const forged = await fx.app.request(`${statusUrl.slice(0, -3)}AAA`);
    expect(forged.status).toBe(404);

    // This order's signed parcel and status query count on top of the demo's own yesterday.
    const [signed, queries] = await healthCounts();
    expect(signed).toBe(signedBefore + 1);
    expect(queries).toBe(queriesBefore + 1);

    // Guessing links is limited: 60 a minute from one address (two were asked above), then 429.
    const statuses: number[] = [];
    for (let i = 0; i < 60; i++)
      statuses.push((await fx.app.request(`${statusUrl.slice(0, -3)}B${i % 10}A`)).status);
    expect(statuses.slice(0, 58).every((s) => s === 404)).toBe(true);
    expect(statuses.slice(58)).toEqual([429, 429]);
    const limited = await fx.app.request(statusUrl);
    expect(limited.status).toBe(429);
    expect((await bodyOf(limited)).error.code).toBe('rate_limited');
  });
});

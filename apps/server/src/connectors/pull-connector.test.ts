import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../db/database';
import { aSeededAppPerFile } from '../testing/test-app';
import { testDatabases } from '../testing/test-databases';
import { loadConnector } from './connector-store';
import { pullConnector } from './pull-connector';
import { TEST_CONNECTOR_KEY, TestClock, aScriptedConnector } from './testing/connector-fixtures';
import { ScriptedPlatform, aPlatformOrder } from './testing/scripted-platform';
import { openCredentials } from './vault';

const MIN = 60_000;

describe.each(testDatabases())('pulling a connector on $name', (target) => {
  const fx = aSeededAppPerFile(target);
  let clock: TestClock;
  beforeAll(() => {
    clock = new TestClock();
  });
  const storedOrders = async (ids: readonly string[]) =>
    queryRows<{ channelOrderId: string; status: string; n: number }>(
      fx.database.db,
      sql`select channel_order_id as "channelOrderId", min(status) as status, count(*)::int as n
          from orders where channel = 'taobao' and channel_order_id in
            (select jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb))
          group by channel_order_id order by channel_order_id`,
    );

  it('stores each paid order once, its 19-digit id as text, though the overlap shows it again', async () => {
    const { platform, connector, runtime, shopId } = await aScriptedConnector(
      fx.database.db,
      clock,
      {
        since: new Date(clock.now().getTime() - 5 * MIN),
      },
    );
    const placed = [1, 2, 3].map((k) =>
      aPlatformOrder(new Date(clock.now().getTime() - k * MIN), { shopId }),
    );
    placed.forEach((o) => platform.place(o));
    platform.place(aPlatformOrder(clock.now(), { shopId, status: 'unpaid' }));
    clock.advance(1_000);
    const first = await pullConnector(runtime, connector.id);
    clock.advance(10_000);
    const second = await pullConnector(runtime, connector.id);
    expect([
      first.outcome,
      first.taken.accepted,
      second.taken.accepted,
      second.taken.unchanged,
    ]).toEqual(['stored', 3, 0, 1]);
    const ids = placed.map((o) => o.platformOrderId);
    expect(ids.every((id) => id.length === 19)).toBe(true);
    expect(await storedOrders(ids)).toEqual(
      [...ids].sort().map((channelOrderId) => ({ channelOrderId, status: 'received', n: 1 })),
    );
    const after = await loadConnector(fx.database.db, connector.id);
    expect([after?.status, after?.ordersPulled, after?.cursor.getTime()]).toEqual([
      'active',
      3,
      clock.now().getTime(),
    ]);
  });

  it('cuts a long gap into the platform’s widest windows and pages through each', async () => {
    const start = new Date(clock.now().getTime() - 3 * 60 * MIN);
    const { platform, connector, runtime, shopId } = await aScriptedConnector(
      fx.database.db,
      clock,
      {
        since: start,
        platform: new ScriptedPlatform(clock.now, { pageSize: 8 }),
      },
    );
    const placed = Array.from({ length: 120 }, (_, k) =>
      aPlatformOrder(new Date(start.getTime() + k * 90_000), { shopId }),
    );
    placed.forEach((o) => platform.place(o));
    const report = await pullConnector(runtime, connector.id);
    expect([report.outcome, report.taken.accepted, report.windows]).toEqual(['stored', 120, 7]);
    const widths = platform.calls
      .filter((c) => c.startsWith('list'))
      .map((c) => /list (\S+)\.\.(\S+) @/.exec(c)!)
      .map(([, from, to]) => Date.parse(to!) - Date.parse(from!));
    expect(Math.max(...widths)).toBe(30 * MIN);
    expect(platform.calls.some((c) => c.endsWith('@16'))).toBe(true);
    expect((await storedOrders(placed.map((o) => o.platformOrderId))).every((r) => r.n === 1)).toBe(
      true,
    );
  });

  it('keeps the cursor through a 10-minute outage and stores the whole gap, none twice, after it', async () => {
    const { platform, connector, runtime, shopId } = await aScriptedConnector(
      fx.database.db,
      clock,
    );
    const cursor = connector.cursor.getTime();
    platform.down = true;
    const gap = Array.from({ length: 20 }, (_, k) =>
      aPlatformOrder(new Date(cursor + k * 30_000), { shopId }),
    );
    gap.forEach((o) => platform.place(o));
    clock.advance(10 * MIN);
    const during = await pullConnector(runtime, connector.id);
    const failing = await loadConnector(fx.database.db, connector.id);
    expect([
      during.outcome,
      failing?.status,
      failing?.cursor.getTime(),
      failing?.lastError,
    ]).toEqual(['failed', 'failing', cursor, 'unavailable: platform answered 503']);
    platform.down = false;
    clock.advance(5_000);
    const after = await pullConnector(runtime, connector.id);
    expect([after.outcome, after.taken.accepted]).toEqual(['stored', 20]);
    expect((await storedOrders(gap.map((o) => o.platformOrderId))).map((r) => r.n)).toEqual(
      gap.map(() => 1),
    );
    const healed = await loadConnector(fx.database.db, connector.id);
    expect([healed?.status, healed?.failures, healed?.failuresTotal]).toEqual(['active', 0, 1]);
  });

  it('refreshes a token that expires in the middle of a pull, stores it sealed, and goes on', async () => {
    const { platform, connector, runtime, shopId } = await aScriptedConnector(
      fx.database.db,
      clock,
    );
    const orders = Array.from({ length: 80 }, (_, k) =>
      aPlatformOrder(new Date(connector.cursor.getTime() + k * 1_000), { shopId }),
    );
    orders.forEach((o) => platform.place(o));
    clock.advance(2 * MIN);
    platform.expireTokenAfter(1);
    const report = await pullConnector(runtime, connector.id);
    expect([report.outcome, report.taken.accepted]).toEqual(['stored', 80]);
    expect(platform.calls.filter((c) => !c.includes(' @'))).toEqual([
      'list → token expired',
      'refresh → access-2',
    ]);
    const stored = await loadConnector(fx.database.db, connector.id);
    expect(stored?.credentials).not.toContain('access-2');
    expect(openCredentials(TEST_CONNECTOR_KEY, stored!.credentials)).toMatchObject({
      accessToken: 'access-2',
      refreshToken: 'refresh-2',
    });
  });

  it('refreshes ahead of expiry when less than 10 minutes are left', async () => {
    const { platform, connector, runtime } = await aScriptedConnector(fx.database.db, clock);
    platform.setTokenExpiry(new Date(clock.now().getTime() + 5 * MIN));
    await fx.database.db.execute(
      sql`update connectors set credentials = ${(await import('./vault')).sealCredentials(
        TEST_CONNECTOR_KEY,
        platform.credentials(),
      )} where id = ${connector.id}`,
    );
    clock.advance(1_000);
    await pullConnector(runtime, connector.id);
    expect(platform.calls[0]).toBe('refresh → access-2');
    expect(platform.calls.some((c) => c.includes('token expired'))).toBe(false);
  });

  it('waits out rate-limit answers for as long as the platform says, then goes on', async () => {
    const { platform, connector, runtime, shopId } = await aScriptedConnector(
      fx.database.db,
      clock,
    );
    platform.place(aPlatformOrder(connector.cursor, { shopId }));
    clock.advance(1_000);
    platform.rateLimit(2, 1_500);
    const waitsBefore = clock.waits.length;
    const report = await pullConnector(runtime, connector.id);
    expect([report.outcome, report.taken.accepted, clock.waits.slice(waitsBefore)]).toEqual([
      'stored',
      1,
      [1_500, 1_500],
    ]);
  });

  it('stops a connector whose authorisation the shop withdrew, with a red alert', async () => {
    const { platform, connector, runtime } = await aScriptedConnector(fx.database.db, clock, {
      shopId: 'shop-revoked',
    });
    platform.revoke();
    clock.advance(1_000);
    const report = await pullConnector(runtime, connector.id);
    const again = await pullConnector(runtime, connector.id);
    const stored = await loadConnector(fx.database.db, connector.id);
    const alerts = await queryRows<{ kind: string; message: string }>(
      fx.database.db,
      sql`select kind, message from alerts where kind = 'connector-revoked' and message like '淘宝 shop-revoked:%'`,
    );
    expect([report.outcome, again.outcome, stored?.status]).toEqual([
      'revoked',
      'skipped',
      'revoked',
    ]);
    expect(alerts).toEqual([
      {
        kind: 'connector-revoked',
        message:
          '淘宝 shop-revoked: the shop withdrew our authorisation, no orders are pulled until it is authorised again (revoked (27): authorisation withdrawn) · 店铺授权已失效,请重新授权',
      },
    ]);
  });
});

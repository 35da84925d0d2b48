import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  PlatformError,
  type PlatformAdapter,
  type PlatformCredentials,
  type PlatformOrder,
} from '../platform';
import { FakeTop } from './fake-top';
import { taobaoAdapter, type TaobaoAdapterOptions } from './taobao-adapter';
import { aTopTrade, SHOP } from './top-fixtures';
import type { TopSignMethod } from './top-sign';

const APP = { appKey: '34567812', appSecret: '6c1f2a9be0d84e4f9b6d3c2a1e0f9d8c' };
const HOUR = 3600_000;

let fake: FakeTop;
let creds: PlatformCredentials;
const now = Date.now();
const window = { from: new Date(now - 2 * HOUR), to: new Date(now - 60_000) };

/** A 19-digit trade id, as TOP numbers them. */
const tidOf = (n: number) => `41728819932188${String(29_000 + n).padStart(5, '0')}`;

function adapter(options: TaobaoAdapterOptions = {}): PlatformAdapter {
  return taobaoAdapter({ routerUrl: fake.routerUrl, tokenUrl: fake.tokenUrl, ...options });
}

function addTrades(count: number): string[] {
  return Array.from({ length: count }, (_, i) => {
    const tid = tidOf(i + 1);
    fake.addTrade(aTopTrade(tid, new Date(now - HOUR + i * 60_000)));
    return tid;
  });
}

async function pullAll(top: PlatformAdapter, auth = creds, between = window) {
  const orders: PlatformOrder[] = [];
  let page: string | null = null;
  do {
    const answer = await top.listModified(auth, between, page);
    orders.push(...answer.orders);
    page = answer.next;
  } while (page !== null);
  return orders;
}

async function failureOf(promise: Promise<unknown>): Promise<PlatformError> {
  const error = await promise.then(
    () => null,
    (reason: unknown) => reason,
  );
  if (!(error instanceof PlatformError))
    throw new Error(`expected a PlatformError, got ${String(error)}`);
  return error;
}

beforeEach(async () => {
  fake = await FakeTop.start({ apps: [APP] });
  creds = { ...APP, ...fake.authorise(SHOP, { accessMs: 24 * HOUR, refreshMs: 30 * 24 * HOUR }) };
});

afterEach(async () => {
  await fake.close();
});

describe('淘宝/天猫 adapter against the local TOP', () => {
  it('pulls seven trades in pages of three: page 1, then back from the last page, none lost', async () => {
    const tids = addTrades(7);
    const orders = await pullAll(adapter({ pageSize: 3 }));
    expect(new Set(orders.map((order) => order.platformOrderId))).toEqual(new Set(tids));
    expect(orders[0]?.platformOrderId).toBe(tidOf(7));
    expect(
      fake.calls.map((call) => [
        call.params.page_no,
        call.params.page_size,
        call.params.use_has_next,
      ]),
    ).toEqual([
      ['1', '3', 'true'],
      ['1', '1', undefined],
      ['3', '3', 'true'],
      ['2', '3', 'true'],
      ['1', '3', 'true'],
    ]);
  });

  it('still pulls every trade when one on page 1 changes (leaves the window) mid-pull', async () => {
    const tids = addTrades(7);
    const top = adapter({ pageSize: 3 });
    const first = await top.listModified(creds, window, null);
    // The buyer changes the newest trade: its modified time moves past the window's end,
    // shifting every older trade one place forward. A forward walk would skip one.
    fake.touch(tidOf(7), new Date(), { receiver_address: '科技园南区**号' });
    const seen = new Set(first.orders.map((order) => order.platformOrderId));
    let page = first.next;
    while (page !== null) {
      const answer = await top.listModified(creds, window, page);
      for (const order of answer.orders) seen.add(order.platformOrderId);
      page = answer.next;
    }
    expect(seen).toEqual(new Set(tids));
  });

  it('answers a window that fits one page with one call', async () => {
    addTrades(2);
    const page = await adapter().listModified(creds, window, null);
    expect(page.orders.map((order) => order.platformOrderId)).toEqual([tidOf(2), tidOf(1)]);
    expect(page.next).toBeNull();
    expect(fake.calls).toHaveLength(1);
    expect(fake.calls[0]?.params).toMatchObject({
      method: 'taobao.trades.sold.increment.get',
      v: '2.0',
      format: 'json',
      sign_method: 'hmac-sha256',
      session: creds.accessToken,
    });
  });

  it('asks for at most one day: TOP refuses a longer window', async () => {
    const top = adapter();
    expect(top.maxWindowMs).toBe(86_400_000);
    const day = { from: new Date(now - 24 * HOUR - 60_000), to: new Date(now - 60_000) };
    await expect(top.listModified(creds, day, null)).resolves.toEqual({ orders: [], next: null });
    const longer = { from: new Date(day.from.getTime() - 1000), to: day.to };
    const error = await failureOf(top.listModified(creds, longer, null));
    expect([error.kind, error.platformCode]).toEqual(['refused', 'isv.invalid-parameter']);
  });

  it('meets an expired session in the middle of a pull, refreshes, and finishes the pull', async () => {
    const tids = addTrades(7);
    const top = adapter({ pageSize: 3 });
    const first = await top.listModified(creds, window, null);
    fake.expireSession(creds.accessToken ?? '');
    const expired = await failureOf(top.listModified(creds, window, first.next));
    expect([expired.kind, expired.platformCode]).toEqual(['token-expired', 'invalid-sessionkey']);

    const before = Date.now();
    const grant = await top.refreshAccessToken(creds);
    expect(grant.accessToken).not.toBe(creds.accessToken);
    expect(grant.refreshToken).not.toBe(creds.refreshToken);
    expect(grant.accessTokenExpiresAt).toBeGreaterThanOrEqual(before + 24 * HOUR - 1000);
    expect(grant.refreshTokenExpiresAt).toBeGreaterThan(before + 29 * 24 * HOUR);

    const renewed = { ...creds, ...grant };
    const seen = new Set(first.orders.map((order) => order.platformOrderId));
    let page = first.next;
    while (page !== null) {
      const answer = await top.listModified(renewed, window, page);
      for (const order of answer.orders) seen.add(order.platformOrderId);
      page = answer.next;
    }
    expect(seen).toEqual(new Set(tids));
    // The old refresh token was used up by the refresh.
    expect((await failureOf(top.refreshAccessToken(creds))).kind).toBe('revoked');
  });

  it('reports a withdrawn authorisation as revoked once the refresh is refused', async () => {
    fake.revoke(SHOP);
    const top = adapter();
    expect((await failureOf(top.listModified(creds, window, null))).kind).toBe('token-expired');
    const refused = await failureOf(top.refreshAccessToken(creds));
    expect([refused.kind, refused.platformCode]).toEqual(['revoked', 'invalid_grant']);
  });

  it("backs off on TOP's rate limit for as long as the ban says", async () => {
    await fake.close();
    let clock = now;
    fake = await FakeTop.start({ apps: [APP], now: () => new Date(clock) });
    creds = { ...APP, ...fake.authorise(SHOP, { accessMs: 24 * HOUR, refreshMs: 30 * 24 * HOUR }) };
    addTrades(1);
    const top = adapter({ now: () => new Date(clock) });
    fake.banAfter(1, 3);
    expect((await top.listModified(creds, window, null)).orders).toHaveLength(1);
    const limited = await failureOf(top.listModified(creds, window, null));
    expect([limited.kind, limited.retryAfterMs, limited.platformCode]).toEqual([
      'rate-limited',
      3000,
      'accesscontrol.limited-by-app-access-count',
    ]);
    clock += 2000;
    expect((await failureOf(top.listModified(creds, window, null))).retryAfterMs).toBe(1000);
    clock += 1000;
    expect((await top.listModified(creds, window, null)).orders).toHaveLength(1);
  });

  it('reports an outage (502, or no answer at all) as unavailable', async () => {
    addTrades(1);
    fake.outage = 'down';
    const down = await failureOf(adapter().listModified(creds, window, null));
    expect([down.kind, down.platformCode]).toEqual(['unavailable', '502']);
    fake.outage = 'hang';
    const started = Date.now();
    const hung = await failureOf(adapter({ timeoutMs: 300 }).listModified(creds, window, null));
    expect(hung.kind).toBe('unavailable');
    expect(Date.now() - started).toBeLessThan(3000);
    fake.outage = null;
    expect((await adapter().getOrder(creds, tidOf(1))).platformOrderId).toBe(tidOf(1));
  });

  it('accepts every documented sign method and refuses a wrong secret', async () => {
    addTrades(1);
    for (const signMethod of ['md5', 'hmac', 'hmac-sha256'] as TopSignMethod[])
      expect((await adapter({ signMethod }).getOrder(creds, tidOf(1))).status).toBe(
        'awaiting-shipment',
      );
    const forged = await failureOf(
      adapter().getOrder({ ...creds, appSecret: 'not-the-secret' }, tidOf(1)),
    );
    expect([forged.kind, forged.platformCode]).toEqual(['refused', '25']);
  });

  it("finds the fake from a connector's baseUrl alone (router and token endpoint)", async () => {
    addTrades(1);
    const top = taobaoAdapter();
    const local = { ...creds, baseUrl: fake.routerUrl };
    expect((await top.getOrder(local, tidOf(1))).platformOrderId).toBe(tidOf(1));
    const grant = await top.refreshAccessToken(local);
    expect((await top.getOrder({ ...local, ...grant }, tidOf(1))).status).toBe('awaiting-shipment');
  });

  it("refreshes at oauth.taobao.com when the connector's baseUrl is one of TOP's routers", async () => {
    const asked: string[] = [];
    const top = taobaoAdapter({
      fetch: (input) => {
        asked.push(input instanceof Request ? input.url : input.toString());
        return Promise.resolve(
          Response.json({ access_token: '6200abc', expires_in: 86400, re_expires_in: 0 }),
        );
      },
    });
    const grant = await top.refreshAccessToken({
      ...creds,
      baseUrl: 'https://gw.api.taobao.com/router/rest',
    });
    expect(asked).toEqual(['https://oauth.taobao.com/token']);
    expect([grant.accessToken, grant.refreshTokenExpiresAt]).toEqual(['6200abc', undefined]);
  });

  it('is refused with a clock more than ten minutes off (TOP checks the GMT+8 timestamp)', async () => {
    addTrades(1);
    const skewed = adapter({ now: () => new Date(Date.now() - 11 * 60_000) });
    const error = await failureOf(skewed.getOrder(creds, tidOf(1)));
    expect([error.kind, error.platformCode]).toEqual(['refused', '31']);
  });

  it('reads one trade in full, and refuses one that is not the shop’s', async () => {
    addTrades(1);
    const order = await adapter().getOrder(creds, tidOf(1));
    expect(order).toMatchObject({
      platformOrderId: '4172881993218829001',
      shopId: SHOP,
      paidFen: 41050,
      freightFen: 1250,
      lines: [{ code: 'MILK-900G', qty: 2, unitPriceFen: 19900 }],
      receiver: { masked: true, receiverToken: expect.stringMatching(/^1sMVYD/) as unknown },
    });
    const missing = await failureOf(adapter().getOrder(creds, '4172881993218899999'));
    expect([missing.kind, missing.platformCode]).toEqual(['refused', 'isv.trade-not-exist']);
  });

  it('confirms a shipment with the company code and tracking number; a replay is not sent twice', async () => {
    addTrades(1);
    const top = adapter();
    const shipment = {
      platformOrderId: tidOf(1),
      carrierCode: top.carrierCode('SF') ?? '',
      trackingNumber: 'SF1409877012345',
    };
    await top.confirmShipment(creds, shipment);
    expect(fake.shipments).toEqual([
      { tid: '4172881993218829001', outSid: 'SF1409877012345', companyCode: 'SF' },
    ]);
    expect((await top.getOrder(creds, tidOf(1))).status).toBe('shipped');
    await top.confirmShipment(creds, shipment);
    expect(fake.shipments).toHaveLength(1);
  });

  it('ships a trade parcel by parcel with sub_tid, and refuses shipping a closed trade', async () => {
    const tid = tidOf(1);
    const trade = aTopTrade(tid, new Date(now - HOUR));
    const milk = trade.orders[0]!;
    trade.orders.push({ ...milk, oid: `${tid.slice(0, -1)}8`, outer_sku_id: 'WIPES-80', num: 3 });
    fake.addTrade(trade);
    const top = adapter();
    const first = {
      platformOrderId: tid,
      carrierCode: 'YTO',
      trackingNumber: 'YT7512345678901',
      lines: [{ code: 'WIPES-80', qty: 3 }],
    };
    await top.confirmShipment(creds, first);
    expect(fake.shipments.at(-1)).toEqual({
      tid,
      outSid: 'YT7512345678901',
      companyCode: 'YTO',
      subTid: `${tid.slice(0, -1)}8`,
    });
    expect((await top.getOrder(creds, tid)).status).toBe('awaiting-shipment');
    await top.confirmShipment(creds, first);
    await top.confirmShipment(creds, {
      ...first,
      trackingNumber: 'YT7512345678902',
      lines: [{ code: 'MILK-900G', qty: 2 }],
    });
    expect(fake.shipments.map((s) => s.subTid)).toEqual([
      `${tid.slice(0, -1)}8`,
      `${tid.slice(0, -1)}9`,
    ]);
    expect((await top.getOrder(creds, tid)).status).toBe('shipped');

    fake.addTrade(aTopTrade(tidOf(3), new Date(now - HOUR)));
    await top.confirmShipment(creds, {
      platformOrderId: tidOf(3),
      carrierCode: 'SF',
      trackingNumber: 'SF1409877012399',
      lines: [{ code: 'MILK-900G', qty: 2 }],
    });
    // Every line in one parcel is the whole trade: TOP wants no sub_tid then (a proper subset).
    expect(fake.shipments.at(-1)).toEqual({
      tid: tidOf(3),
      outSid: 'SF1409877012399',
      companyCode: 'SF',
    });

    fake.addTrade(aTopTrade(tidOf(2), new Date(now - HOUR), { status: 'TRADE_CLOSED' }));
    const closed = await failureOf(
      top.confirmShipment(creds, {
        platformOrderId: tidOf(2),
        carrierCode: 'SF',
        trackingNumber: 'SF1',
      }),
    );
    expect([closed.kind, closed.platformCode]).toEqual([
      'refused',
      'isv.logistics-offline-service-error:B04',
    ]);
  });

  it('sets sellable quantities per SKU code, batched per item', async () => {
    fake.skus.push(
      { nick: SHOP, numIid: '612345678901', skuId: '4950001', outerId: 'MILK-900G', quantity: 80 },
      { nick: SHOP, numIid: '612345678901', skuId: '4950002', outerId: 'MILK-400G', quantity: 15 },
      { nick: SHOP, numIid: '612345678902', skuId: '4950003', outerId: 'WIPES-80', quantity: 9 },
    );
    const top = adapter();
    await top.pushStock(creds, [
      { code: 'MILK-900G', qty: 42 },
      { code: 'MILK-400G', qty: 0 },
      { code: 'WIPES-80', qty: 120 },
    ]);
    expect(fake.skus.map((sku) => [sku.outerId, sku.quantity])).toEqual([
      ['MILK-900G', 42],
      ['MILK-400G', 0],
      ['WIPES-80', 120],
    ]);
    const updates = fake.calls.filter((call) => call.method === 'taobao.skus.quantity.update');
    expect(
      updates.map((call) => [
        call.params.num_iid,
        call.params.outerid_quantities,
        call.params.type,
      ]),
    ).toEqual([
      ['612345678901', 'MILK-900G:42;MILK-400G:0', '1'],
      ['612345678902', 'WIPES-80:120', '1'],
    ]);
    const unknown = await failureOf(top.pushStock(creds, [{ code: 'BIB-01', qty: 3 }]));
    expect([unknown.kind, unknown.message]).toEqual([
      'refused',
      'No SKU on the shop with code BIB-01',
    ]);
  });

  it('refuses every HTTP push (TOP pushes only over TMC) and names the channel by shop', () => {
    const top = adapter({ tmallShops: ['良品母婴天猫旗舰店'] });
    expect(() =>
      top.verifyPush(creds, {
        url: new URL('https://wms.example.cn/api/connectors/7/push'),
        headers: new Headers(),
        body: '{"tid":4172881993218829001}',
      }),
    ).toThrow(PlatformError);
    expect(top.channelOf('良品母婴天猫旗舰店')).toBe('tmall');
    expect(top.channelOf(SHOP)).toBe('taobao');
  });
});

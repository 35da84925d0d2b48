import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PlatformError, type PlatformCredentials } from '../platform';
import { wechatShopAdapter } from './adapter';
import { FakeWechatShop } from './fake-wechat-shop';
import { aLine, anOrderId, aWechatOrder } from './wechat-fixtures';

const APP_ID = 'wx5f1c2d3e4a5b6c7d';
const SECRET = '3f8e2a9c1b7d4e6f0a5c8b2d9e1f4a7c';
const T0 = 1_767_225_600; // 2026-01-01 00:00 UTC (08:00 China time), in seconds
const DAY = 86_400;

let fake: FakeWechatShop;
let creds: PlatformCredentials;
const adapter = wechatShopAdapter();

beforeEach(async () => {
  fake = await FakeWechatShop.start({ appId: APP_ID, appSecret: SECRET });
  creds = { appKey: APP_ID, appSecret: SECRET, baseUrl: fake.baseUrl };
  creds = { ...creds, ...(await adapter.refreshAccessToken(creds)) };
});

afterEach(async () => {
  await fake.close();
});

function windowOf(fromSeconds: number, toSeconds: number): { from: Date; to: Date } {
  return { from: new Date(fromSeconds * 1000), to: new Date(toSeconds * 1000) };
}

async function failureOf(run: () => Promise<unknown>): Promise<PlatformError> {
  try {
    await run();
  } catch (error) {
    if (error instanceof PlatformError) return error;
    throw error;
  }
  throw new Error('expected a PlatformError');
}

function listCalls(): Record<string, unknown>[] {
  return fake.calls.filter((c) => c.path === '/channels/ec/order/list/get').map((c) => c.body);
}

describe('pulling 微信小店 orders', () => {
  it('pages through 250 changed orders, 100 a page, with 19-digit ids exact', async () => {
    for (let n = 0; n < 250; n += 1) fake.addOrder(aWechatOrder(anOrderId(n), T0 + 60 + n));
    const ids: string[] = [];
    let page: string | null = null;
    let pages = 0;
    do {
      const answer = await adapter.listModified(creds, windowOf(T0, T0 + DAY), page);
      ids.push(...answer.orders.map((o) => o.platformOrderId));
      page = answer.next;
      pages += 1;
    } while (page !== null);
    expect(pages).toBe(3);
    expect(ids).toHaveLength(250);
    expect(new Set(ids).size).toBe(250);
    expect(ids[0]).toBe('3705115058471208000');
    expect(ids[249]).toBe('3705115058471208249');
    expect(listCalls().map((b) => b.page_size)).toEqual([100, 100, 100]);
  });

  it('asks for the window in seconds within the 7-day limit, and refuses a wider one unasked', async () => {
    await adapter.listModified(
      creds,
      { from: new Date(T0 * 1000 + 500), to: new Date(T0 * 1000 + adapter.maxWindowMs + 500) },
      null,
    );
    const range = listCalls()[0]?.update_time_range as { start_time: number; end_time: number };
    expect(range).toEqual({ start_time: T0, end_time: T0 + 7 * DAY });
    const wider = await failureOf(() =>
      adapter.listModified(creds, windowOf(T0, T0 + 8 * DAY), null),
    );
    expect(wider.kind).toBe('refused');
    expect(listCalls()).toHaveLength(1);
  });

  it('surfaces a token that expires between pages as token-expired, and goes on after a refresh', async () => {
    for (let n = 0; n < 150; n += 1) fake.addOrder(aWechatOrder(anOrderId(n), T0 + 60 + n));
    const first = await adapter.listModified(creds, windowOf(T0, T0 + DAY), null);
    expect(first.orders).toHaveLength(100);
    fake.expireTokens();
    const expired = await failureOf(() =>
      adapter.listModified(creds, windowOf(T0, T0 + DAY), first.next),
    );
    expect([expired.kind, expired.platformCode]).toEqual(['token-expired', '42001']);
    const grant = await adapter.refreshAccessToken(creds);
    expect(grant.accessToken).not.toBe(creds.accessToken);
    expect(grant.accessTokenExpiresAt).toBeGreaterThan(Date.now() + 7_000_000);
    const second = await adapter.listModified(
      { ...creds, ...grant },
      windowOf(T0, T0 + DAY),
      first.next,
    );
    expect(second.orders).toHaveLength(50);
    expect(second.next).toBeNull();
  });

  it('surfaces a token that expires while the orders of a page are read, and reads the whole page after a refresh', async () => {
    for (let n = 0; n < 150; n += 1) fake.addOrder(aWechatOrder(anOrderId(n), T0 + 60 + n));
    fake.expireTokensAfter(1 + 40); // the list call and 40 order details
    const expired = await failureOf(() =>
      adapter.listModified(creds, windowOf(T0, T0 + DAY), null),
    );
    expect([expired.kind, expired.platformCode]).toEqual(['token-expired', '42001']);
    // It stops reading at the first refusal (at most the 8 reads in flight besides the 40).
    expect(fake.calls.filter((c) => c.path === '/channels/ec/order/get').length).toBeLessThan(49);
    const fresh = { ...creds, ...(await adapter.refreshAccessToken(creds)) };
    const page = await adapter.listModified(fresh, windowOf(T0, T0 + DAY), null);
    expect(page.orders.map((o) => o.platformOrderId)).toEqual(
      Array.from({ length: 100 }, (_, n) => anOrderId(n)),
    );
  });

  it('calls a token the platform never issued token-expired (40001)', async () => {
    const failure = await failureOf(() =>
      adapter.getOrder({ ...creds, accessToken: 'ACCESS_TOKEN_forged' }, anOrderId(1)),
    );
    expect([failure.kind, failure.platformCode]).toEqual(['token-expired', '40001']);
  });

  it('reports the minute quota (45011) as rate-limited with a minute to wait', async () => {
    fake.addOrder(aWechatOrder(anOrderId(1), T0 + 60));
    fake.failNext(1, 'rate-limit');
    const failure = await failureOf(() =>
      adapter.listModified(creds, windowOf(T0, T0 + DAY), null),
    );
    expect([failure.kind, failure.retryAfterMs, failure.platformCode]).toEqual([
      'rate-limited',
      60_000,
      '45011',
    ]);
    const after = await adapter.listModified(creds, windowOf(T0, T0 + DAY), null);
    expect(after.orders.map((o) => o.platformOrderId)).toEqual([anOrderId(1)]);
  });

  it('waits for midnight China time when the daily quota (45009) is used up', async () => {
    fake.failNext(1, 'daily-quota');
    // 2026-01-01 22:30 China time: the quota comes back in 1 h 30 min.
    const late = wechatShopAdapter({ now: () => (T0 + 14.5 * 3600) * 1000 });
    const failure = await failureOf(() => late.getOrder(creds, anOrderId(1)));
    expect([failure.kind, failure.retryAfterMs, failure.platformCode]).toEqual([
      'rate-limited',
      90 * 60_000,
      '45009',
    ]);
  });

  it('reports HTTP 500 and a call that never answers as unavailable', async () => {
    fake.failNext(1, 'http-500');
    expect((await failureOf(() => adapter.getOrder(creds, anOrderId(1)))).kind).toBe('unavailable');
    fake.failNext(1, 'hang');
    const impatient = wechatShopAdapter({ timeoutMs: 300 });
    const started = Date.now();
    expect((await failureOf(() => impatient.getOrder(creds, anOrderId(1)))).kind).toBe(
      'unavailable',
    );
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('stops with revoked when the AppSecret is no longer accepted (40125)', async () => {
    const failure = await failureOf(() =>
      adapter.refreshAccessToken({ ...creds, appSecret: 'reset-in-the-shop-backend' }),
    );
    expect([failure.kind, failure.platformCode]).toEqual(['revoked', '40125']);
  });
});

describe('reading one 微信小店 order', () => {
  it('keeps fen, the masked receiver with its hash_code, and the address parts', async () => {
    fake.addOrder(
      aWechatOrder(anOrderId(7), T0 + 600, {
        freight: 800,
        lines: [
          aLine({ sku_cnt: 2, sale_price: 3990, real_price: 7380, sku_code: 'C0013Z1' }),
          aLine({
            sku_id: '3095702975',
            sku_cnt: 1,
            sale_price: 1290,
            real_price: 1290,
            sku_code: 'C0013Z2',
          }),
        ],
      }),
    );
    const order = await adapter.getOrder(creds, anOrderId(7));
    expect(order).toEqual({
      platformOrderId: '3705115058471208007',
      shopId: APP_ID,
      status: 'awaiting-shipment',
      createdAt: new Date((T0 + 540) * 1000),
      modifiedAt: new Date((T0 + 600) * 1000),
      buyerId: 'o9AgO5Kd5ggOC-bXrbNODIiE3bGY',
      receiver: {
        name: '陈**',
        phone: '156****1234',
        province: '广东省',
        city: '广州市',
        district: '海珠区',
        detail: '新港中路****号',
        masked: true,
        receiverToken: 'b4e9d6c2a1f04c7e9b1f0a77d3c5e812',
      },
      lines: [
        { code: 'C0013Z1', qty: 2, unitPriceFen: 3690 },
        { code: 'C0013Z2', qty: 1, unitPriceFen: 1290 },
      ],
      paidFen: 9470,
      freightFen: 800,
      discountFen: 600,
    });
  });

  it("keeps the confirmed address while a buyer's change waits for review", async () => {
    const order = aWechatOrder(anOrderId(8), T0 + 600);
    order.order_detail.delivery_info.address_under_review = {
      ...order.order_detail.delivery_info.address_info,
      city_name: '深圳市',
      county_name: '南山区',
      detail_info: '科技园****栋',
    };
    fake.addOrder(order);
    const mapped = await adapter.getOrder(creds, anOrderId(8));
    expect([mapped.receiver.city, mapped.receiver.district, mapped.receiver.detail]).toEqual([
      '广州市',
      '海珠区',
      '新港中路****号',
    ]);
  });

  it('maps the platform statuses: unpaid, shipped, completed and both cancellations', async () => {
    const statuses: [number, string][] = [
      [10, 'unpaid'],
      [21, 'awaiting-shipment'],
      [30, 'shipped'],
      [100, 'completed'],
      [200, 'cancelled'],
      [250, 'cancelled'],
    ];
    for (const [n, [status]] of statuses.entries())
      fake.addOrder(aWechatOrder(anOrderId(n), T0 + 60, { status }));
    const mapped = await Promise.all(statuses.map((_, n) => adapter.getOrder(creds, anOrderId(n))));
    expect(mapped.map((o) => o.status)).toEqual(statuses.map(([, s]) => s));
  });
});

describe('writing back to 微信小店', () => {
  it('confirms a parcel with the mapped carrier, tracking number and SKUs, once', async () => {
    fake.addOrder(
      aWechatOrder(anOrderId(3), T0 + 60, { lines: [aLine({ sku_cnt: 2, real_price: 7980 })] }),
    );
    const carrier = adapter.carrierCode('YD');
    expect(carrier).toBe('YUNDA');
    const shipment = {
      platformOrderId: anOrderId(3),
      carrierCode: carrier ?? '',
      trackingNumber: '4312345678901',
    };
    await adapter.confirmShipment(creds, shipment);
    await adapter.confirmShipment(creds, shipment); // a retry after a lost answer
    expect(fake.deliveries).toEqual([
      {
        order_id: '3705115058471208003',
        delivery_list: [
          {
            delivery_id: 'YUNDA',
            waybill_id: '4312345678901',
            deliver_type: 1,
            product_infos: [{ product_id: '10000200857718', sku_id: '3095702974', product_cnt: 2 }],
          },
        ],
      },
    ]);
    expect(fake.orders.get(anOrderId(3))?.status).toBe(30);
  });

  it('ships line by line: the first of two parcels leaves the order partly shipped (21)', async () => {
    fake.addOrder(
      aWechatOrder(anOrderId(4), T0 + 60, {
        lines: [aLine(), aLine({ sku_id: '3095702975', sku_code: 'C0013Z2' })],
      }),
    );
    await adapter.confirmShipment(creds, {
      platformOrderId: anOrderId(4),
      carrierCode: 'SF',
      trackingNumber: 'SF1402369817321',
      lines: [{ code: 'C0013Z2', qty: 1 }],
    });
    expect(fake.orders.get(anOrderId(4))?.status).toBe(21);
    const unknown = await failureOf(() =>
      adapter.confirmShipment(creds, {
        platformOrderId: anOrderId(4),
        carrierCode: 'SF',
        trackingNumber: 'SF1402369817322',
        lines: [{ code: 'NOT-ON-ORDER', qty: 1 }],
      }),
    );
    expect(unknown.kind).toBe('refused');
  });

  it('has no 微信小店 code for a carrier it does not list', () => {
    expect(adapter.carrierCode('sf')).toBe('SF');
    expect(adapter.carrierCode('DBL')).toBe('DBKD');
    expect(adapter.carrierCode('UNKNOWN-EXPRESS')).toBeNull();
  });

  it('sets stock per SKU code through the catalogue ids, skipping codes the shop does not sell', async () => {
    fake.catalogue.skus.push(
      { productId: '10000200857718', skuId: '3095702974', skuCode: 'C0013Z1', stock: 40 },
      { productId: '10000200857718', skuId: '3095702975', skuCode: 'C0013Z2', stock: 12 },
    );
    await adapter.pushStock(creds, [
      { code: 'C0013Z1', qty: 17 },
      { code: 'C0013Z2', qty: 0 },
      { code: 'NOT-LISTED', qty: 5 },
    ]);
    expect(fake.catalogue.updates).toEqual([
      { product_id: '10000200857718', sku_id: '3095702974', diff_type: 3, num: 17 },
      { product_id: '10000200857718', sku_id: '3095702975', diff_type: 3, num: 0 },
    ]);
    expect(fake.catalogue.skus.map((s) => s.stock)).toEqual([17, 0]);
  });
});

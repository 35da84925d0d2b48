import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FakeCatalogue } from './fake-wechat-catalogue';
import { rawJson, readBody, seal, send, sha1 } from './fake-wechat-wire';

/**
 * A local 微信小店 on 127.0.0.1 (port 0) following the documented contract (addresses in
 * adapter.ts): stable_token with appid + secret (7200 s, the same token while more than
 * 5 minutes remain, 40013/40125 for a wrong appid/secret), 40001 for an unknown token and 42001
 * for an expired one, order list/get by update_time_range (≤ 7 days, page_size ≤ 100, opaque
 * next_key + has_more, ids written as bare JSON numbers as the doc types them), order/get,
 * delivery/send, product list/get and stock/update. Faults on demand: 45011 minute-quota and
 * 45009 daily-quota answers, HTTP 500, and calls that never answer.
 * Codes the docs do not name are this fake's choice: 40097 (the global "invalid args") for a
 * window over 7 days, a page over 100 or a bad delivery.
 */
export interface FakeOrder {
  order_id: string;
  status: number;
  create_time: number;
  update_time: number;
  openid: string;
  order_detail: {
    product_infos: FakeProductInfo[];
    price_info: {
      product_price: number;
      order_price: number;
      freight: number;
      discounted_price: number;
    };
    delivery_info: {
      address_info: Record<string, string | number>;
      address_under_review?: Record<string, string | number>;
      ewaybill_order_code?: string;
      delivery_product_info: FakeDelivery[];
    };
  };
}

export interface FakeProductInfo {
  product_id: string;
  sku_id: string;
  sku_cnt: number;
  sale_price: number;
  real_price: number;
  sku_code: string;
  title: string;
}

export interface FakeDelivery {
  waybill_id: string;
  delivery_id: string;
  deliver_type: number;
  product_infos: { product_id: string; sku_id: string; product_cnt: number }[];
}

type Fault = 'rate-limit' | 'daily-quota' | 'http-500' | 'hang';

const TOKEN_SECONDS = 7200;
const DELIVERY_IDS = new Set(['SF', 'ZTO', 'YTO', 'YUNDA', 'STO', 'JTSD', 'JD', 'EMS', 'DBKD']);

export class FakeWechatShop {
  readonly orders = new Map<string, FakeOrder>();
  readonly catalogue = new FakeCatalogue();
  readonly calls: { path: string; body: Record<string, unknown> }[] = [];
  readonly deliveries: Record<string, unknown>[] = [];
  private readonly tokens = new Map<string, { expiresAt: number; revoked: boolean }>();
  private readonly faults: Fault[] = [];
  private serial = 0;
  private callsBeforeExpiry: number | null = null;
  baseUrl = '';

  private constructor(
    readonly appId: string,
    readonly appSecret: string,
    private readonly server: Server,
    readonly now: () => number,
  ) {}

  static async start(options: {
    appId: string;
    appSecret: string;
    now?: () => number;
  }): Promise<FakeWechatShop> {
    const server = createServer();
    const fake = new FakeWechatShop(
      options.appId,
      options.appSecret,
      server,
      options.now ?? Date.now,
    );
    server.on('request', (req, res) => void fake.handle(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    fake.baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return fake;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  addOrder(order: FakeOrder): void {
    this.orders.set(order.order_id, order);
  }

  /** Every token issued so far stops working (42001), as after its 7200 s. */
  /** The tokens expire after `calls` more API calls have been answered (mid-pull). */
  expireTokensAfter(calls: number): void {
    this.callsBeforeExpiry = calls;
  }

  expireTokens(): void {
    for (const token of this.tokens.values()) token.revoked = true;
  }

  /** The next `count` API calls (not the token call) meet `fault`. */
  failNext(count: number, fault: Fault): void {
    for (let i = 0; i < count; i += 1) this.faults.push(fault);
  }

  /** An encrypted order event as WeChat would POST it to the push URL. */
  orderPush(
    pushUrl: string,
    push: { token: string; aesKey: string; event: string; orderId: string; appId?: string },
  ): { url: URL; body: string } {
    const created = Math.floor(this.now() / 1000);
    const plain =
      `{"ToUserName":"gh_5b2a8d3e4f10","FromUserName":"o9AgO5Kd5ggOC-bXrbNODIiE3bGY",` +
      `"CreateTime":${created},"MsgType":"event","Event":"${push.event}",` +
      `"order_info":{"order_id":${push.orderId}}}`;
    const encrypt = seal(push.aesKey, push.appId ?? this.appId, plain);
    const timestamp = String(created);
    const nonce = String(100_000_000 + (this.serial += 1));
    const url = new URL(pushUrl);
    url.searchParams.set('signature', sha1([push.token, timestamp, nonce]));
    url.searchParams.set('timestamp', timestamp);
    url.searchParams.set('nonce', nonce);
    url.searchParams.set('openid', 'o9AgO5Kd5ggOC-bXrbNODIiE3bGY');
    url.searchParams.set('encrypt_type', 'aes');
    url.searchParams.set('msg_signature', sha1([push.token, timestamp, nonce, encrypt]));
    return { url, body: JSON.stringify({ ToUserName: 'gh_5b2a8d3e4f10', Encrypt: encrypt }) };
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.baseUrl);
    const text = await readBody(req);
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(text || '{}') as Record<string, unknown>;
    } catch {
      return send(res, { errcode: 47001, errmsg: 'data format error' });
    }
    this.calls.push({ path: url.pathname, body });
    if (url.pathname === '/cgi-bin/stable_token') return send(res, this.stableToken(body));
    const fault = this.faults.shift();
    if (fault === 'hang') return; // never answers; close() ends the socket
    if (fault === 'http-500') {
      res.writeHead(500, { 'content-type': 'text/html' }).end('<html>502 Bad Gateway</html>');
      return;
    }
    if (fault === 'rate-limit')
      return send(res, {
        errcode: 45011,
        errmsg: 'api minute-quota reach limit  mustslower  retry next minute',
      });
    if (fault === 'daily-quota')
      return send(res, { errcode: 45009, errmsg: 'reach max api daily quota limit' });
    if (this.callsBeforeExpiry === 0) {
      this.callsBeforeExpiry = null;
      this.expireTokens();
    }
    const tokenError = this.checkToken(url.searchParams.get('access_token'));
    if (tokenError) return send(res, tokenError);
    if (this.callsBeforeExpiry !== null) this.callsBeforeExpiry -= 1;
    send(res, this.route(url.pathname, body));
  }

  private route(path: string, body: Record<string, unknown>): unknown {
    switch (path) {
      case '/channels/ec/order/list/get':
        return this.listOrders(body);
      case '/channels/ec/order/get':
        return this.getOrder(body);
      case '/channels/ec/order/delivery/send':
        return this.sendDelivery(body);
      case '/channels/ec/product/list/get':
        return this.catalogue.listProducts(body);
      case '/channels/ec/product/get':
        return this.catalogue.getProduct(body);
      case '/channels/ec/product/stock/update':
        return this.catalogue.updateStock(body);
      default:
        return { errcode: 48001, errmsg: 'api unauthorized' };
    }
  }

  private stableToken(body: Record<string, unknown>): unknown {
    if (body.grant_type !== 'client_credential')
      return { errcode: 40002, errmsg: 'invalid grant_type' };
    if (body.appid !== this.appId) return { errcode: 40013, errmsg: 'invalid appid' };
    if (body.secret !== this.appSecret) return { errcode: 40125, errmsg: 'invalid appsecret' };
    const now = this.now();
    for (const [token, state] of this.tokens)
      if (!state.revoked && state.expiresAt - now > 300_000)
        return { access_token: token, expires_in: Math.floor((state.expiresAt - now) / 1000) };
    const token = `ACCESS_TOKEN_${(this.serial += 1)}_${randomBytes(6).toString('hex')}`;
    this.tokens.set(token, { expiresAt: now + TOKEN_SECONDS * 1000, revoked: false });
    return { access_token: token, expires_in: TOKEN_SECONDS };
  }

  private checkToken(token: string | null): unknown {
    const state = token ? this.tokens.get(token) : undefined;
    if (!state)
      return {
        errcode: 40001,
        errmsg: 'invalid credential, access_token is invalid or not latest',
      };
    if (state.revoked || state.expiresAt <= this.now())
      return { errcode: 42001, errmsg: 'access_token expired' };
    return null;
  }

  private listOrders(body: Record<string, unknown>): unknown {
    const range = body.update_time_range as
      { start_time?: unknown; end_time?: unknown } | undefined;
    const start = Number(range?.start_time);
    const end = Number(range?.end_time);
    const pageSize = Number(body.page_size ?? 10);
    if (!Number.isInteger(start) || !Number.isInteger(end) || end < start)
      return { errcode: 40097, errmsg: 'invalid args: update_time_range' };
    if (end - start > 7 * 86_400)
      return { errcode: 40097, errmsg: 'invalid args: time range exceeds 7 days' };
    if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 100)
      return { errcode: 40097, errmsg: 'invalid args: page_size' };
    const matching = [...this.orders.values()]
      .filter((order) => order.update_time >= start && order.update_time <= end)
      .sort((a, b) => a.update_time - b.update_time || a.order_id.localeCompare(b.order_id));
    const offset =
      typeof body.next_key === 'string' && body.next_key !== ''
        ? Number(Buffer.from(body.next_key, 'base64').toString())
        : 0;
    const page = matching.slice(offset, offset + pageSize);
    const hasMore = offset + pageSize < matching.length;
    const nextKey = Buffer.from(String(offset + page.length)).toString('base64');
    // The doc types the ids as numbers: write them bare, as the platform does.
    return rawJson(
      `{"errcode":0,"errmsg":"ok","order_id_list":[${page.map((o) => o.order_id).join(',')}],` +
        `"next_key":${JSON.stringify(nextKey)},"has_more":${hasMore}}`,
    );
  }

  private getOrder(body: Record<string, unknown>): unknown {
    const order = this.orders.get(String(body.order_id));
    if (!order) return { errcode: 100002, errmsg: 'order not exist' };
    return rawJson(
      JSON.stringify({ errcode: 0, errmsg: 'ok', order }).replace(
        /"order_id":"(\d+)"/g,
        '"order_id":$1',
      ),
    );
  }

  private sendDelivery(body: Record<string, unknown>): unknown {
    const order = this.orders.get(String(body.order_id));
    if (!order) return { errcode: 100002, errmsg: 'order not exist' };
    if (order.status !== 20 && order.status !== 21)
      return { errcode: 40097, errmsg: `invalid args: order status ${order.status} cannot ship` };
    const parcels = body.delivery_list as FakeDelivery[] | undefined;
    if (!Array.isArray(parcels) || parcels.length === 0)
      return { errcode: 40097, errmsg: 'invalid args: delivery_list' };
    for (const parcel of parcels) {
      const problem = this.parcelProblem(order, parcel);
      if (problem) return { errcode: 40097, errmsg: `invalid args: ${problem}` };
    }
    this.deliveries.push(body);
    order.order_detail.delivery_info.delivery_product_info.push(...parcels);
    order.status = this.shippedCount(order) >= totalCount(order) ? 30 : 21;
    order.update_time = Math.floor(this.now() / 1000);
    return { errcode: 0, errmsg: 'ok' };
  }

  private parcelProblem(order: FakeOrder, parcel: FakeDelivery): string | null {
    if (!DELIVERY_IDS.has(parcel.delivery_id)) return `delivery_id ${parcel.delivery_id}`;
    if (!parcel.waybill_id) return 'waybill_id';
    if (parcel.deliver_type !== 1) return 'deliver_type';
    if (!Array.isArray(parcel.product_infos) || parcel.product_infos.length === 0)
      return 'product_infos';
    for (const item of parcel.product_infos) {
      const line = order.order_detail.product_infos.find(
        (p) => p.product_id === item.product_id && p.sku_id === item.sku_id,
      );
      if (!line || !Number.isInteger(item.product_cnt) || item.product_cnt < 1)
        return `product ${item.product_id}/${item.sku_id}`;
      if (item.product_cnt > line.sku_cnt) return `product_cnt of ${item.sku_id}`;
    }
    return null;
  }

  private shippedCount(order: FakeOrder): number {
    return order.order_detail.delivery_info.delivery_product_info
      .flatMap((d) => d.product_infos)
      .reduce((sum, item) => sum + item.product_cnt, 0);
  }
}

function totalCount(order: FakeOrder): number {
  return order.order_detail.product_infos.reduce((sum, p) => sum + p.sku_cnt, 0);
}

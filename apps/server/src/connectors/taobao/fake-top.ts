import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseTopTime, topSign, topTime, TOP_SIGN_METHODS, type TopSignMethod } from './top-sign';

/**
 * A local TOP (淘宝开放平台) for the tests: a real HTTP server on 127.0.0.1 that keeps the
 * documented contract (addresses in top-client.ts, taobao-adapter.ts, top-stock.ts):
 * - `/router/rest`: app_key, v=2.0, format=json, timestamp (GMT+8, 10 minutes' tolerance),
 *   sign_method md5/hmac/hmac-sha256 and the uppercase-hex sign checked on every call; session
 *   checked for the seller's calls; errors as `error_response` {code, msg, sub_code, sub_msg}.
 * - taobao.trades.sold.increment.get (a window of at most one day, newest-modified first,
 *   page_no/page_size ≤ 100, has_next with use_has_next else total_results),
 *   taobao.trade.fullinfo.get, taobao.logistics.offline.send (B04 for a trade not awaiting
 *   shipment), taobao.skus.custom.get, taobao.skus.quantity.update.
 * - `/token`: grant_type=refresh_token → access_token, expires_in, refresh_token, re_expires_in.
 * - Trouble on demand: a rate limit (code 7), an expired session (27), a 502 outage, a hang.
 * Ids go out as JSON numbers, as TOP sends them (`tid_str` beside), so precision loss shows.
 * Sub-codes and messages the docs do not give (the window error) are this fake's own.
 */
export interface FakeTopTrade {
  tid: string;
  status: string;
  created: string;
  modified: string;
  payment: string;
  post_fee: string;
  discount_fee: string;
  seller_nick: string;
  buyer_open_uid: string;
  receiver_name: string;
  receiver_mobile: string;
  receiver_state: string;
  receiver_city: string;
  receiver_district: string;
  receiver_town?: string;
  receiver_address: string;
  oaid: string;
  orders: {
    oid: string;
    num: number;
    price: string;
    payment: string;
    outer_sku_id: string;
    title: string;
    status: string;
    refund_status: string;
  }[];
}

export interface FakeTopSku {
  nick: string;
  numIid: string;
  skuId: string;
  outerId: string;
  quantity: number;
}

interface Session {
  nick: string;
  expiresAt: number;
}

type Params = Record<string, string>;
type TopError = { code: number; msg: string; sub_code?: string; sub_msg?: string };

const ID_KEYS = new Set(['tid', 'oid', 'num_iid', 'sku_id']);
const DAY_MS = 86_400_000;

/** JSON with id strings written as number literals, the way TOP writes them. */
function topJson(value: unknown): string {
  const marked = JSON.stringify(value, (key, field: unknown) =>
    ID_KEYS.has(key) && typeof field === 'string' && /^\d+$/.test(field)
      ? `\u0000N${field}`
      : field,
  );
  return marked.replace(/"\\u0000N(\d+)"/g, '$1');
}

function fail(code: number, msg: string, subCode?: string, subMsg?: string): TopError {
  return {
    code,
    msg,
    ...(subCode ? { sub_code: subCode } : {}),
    ...(subMsg ? { sub_msg: subMsg } : {}),
  };
}

export class FakeTop {
  readonly calls: { method: string; params: Params }[] = [];
  readonly trades = new Map<string, FakeTopTrade>();
  readonly skus: FakeTopSku[] = [];
  readonly shipments: { tid: string; outSid: string; companyCode: string; subTid?: string }[] = [];
  /** 'down': 502 to everything; 'hang': accept and never answer. */
  outage: 'down' | 'hang' | null = null;
  private readonly sessions = new Map<string, Session>();
  private readonly refreshTokens = new Map<string, Session>();
  private ban: { afterCalls: number; seconds: number } | null = null;
  private readonly hanging = new Set<ServerResponse>();

  private constructor(
    private readonly server: Server,
    readonly url: string,
    private readonly apps: Map<string, string>,
    private readonly now: () => Date,
  ) {}

  get routerUrl(): string {
    return `${this.url}/router/rest`;
  }

  get tokenUrl(): string {
    return `${this.url}/token`;
  }

  static async start(options: {
    apps: { appKey: string; appSecret: string }[];
    now?: () => Date;
  }): Promise<FakeTop> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const fake = new FakeTop(
      server,
      `http://127.0.0.1:${port}`,
      new Map(options.apps.map((app) => [app.appKey, app.appSecret])),
      options.now ?? (() => new Date()),
    );
    server.on('request', (req, res) => void fake.handle(req, res));
    return fake;
  }

  async close(): Promise<void> {
    for (const res of this.hanging) res.destroy();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** A shop authorises the app: its session key (access token) and refresh token. */
  authorise(nick: string, ttl: { accessMs: number; refreshMs: number }) {
    const now = this.now().getTime();
    const accessToken = `6100${randomBytes(12).toString('hex')}`;
    const refreshToken = `6101${randomBytes(12).toString('hex')}`;
    this.sessions.set(accessToken, { nick, expiresAt: now + ttl.accessMs });
    this.refreshTokens.set(refreshToken, { nick, expiresAt: now + ttl.refreshMs });
    return {
      accessToken,
      refreshToken,
      accessTokenExpiresAt: now + ttl.accessMs,
      refreshTokenExpiresAt: now + ttl.refreshMs,
    };
  }

  /** The session key stops working (its expiry came), as TOP does without warning. */
  expireSession(accessToken: string): void {
    this.sessions.delete(accessToken);
  }

  /** The shop withdraws the authorisation: sessions and refresh tokens die. */
  revoke(nick: string): void {
    for (const [token, session] of this.sessions)
      if (session.nick === nick) this.sessions.delete(token);
    for (const [token, session] of this.refreshTokens)
      if (session.nick === nick) this.refreshTokens.delete(token);
  }

  /** After `afterCalls` more router calls, the app is banned (code 7) for `seconds`. */
  banAfter(afterCalls: number, seconds: number): void {
    this.ban = { afterCalls, seconds };
  }

  liftBan(): void {
    this.ban = null;
  }

  /** A trade changes on the platform (status, address…): its `modified` moves to `at`. */
  touch(tid: string, at: Date, change: Partial<FakeTopTrade> = {}): void {
    const trade = this.trades.get(tid);
    if (!trade) throw new Error(`No trade ${tid}`);
    Object.assign(trade, change, { modified: topTime(at) });
  }

  addTrade(trade: FakeTopTrade): void {
    this.trades.set(trade.tid, trade);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    if (this.outage === 'hang') {
      this.hanging.add(res);
      return;
    }
    if (this.outage === 'down') {
      res.writeHead(502, { 'content-type': 'text/html' }).end('<html>502 Bad Gateway</html>');
      return;
    }
    const url = new URL(req.url ?? '/', this.url);
    const params: Params = Object.fromEntries(url.searchParams);
    Object.assign(
      params,
      Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString('utf8'))),
    );
    if (url.pathname === '/token') return this.token(params, res);
    if (url.pathname !== '/router/rest') {
      res.writeHead(404).end();
      return;
    }
    this.calls.push({ method: params.method ?? '', params });
    const answer = this.route(params);
    res.writeHead(200, { 'content-type': 'application/json;charset=UTF-8' });
    res.end('error' in answer ? topJson({ error_response: answer.error }) : topJson(answer.ok));
  }

  private route(params: Params): { error: TopError } | { ok: unknown } {
    const refused = this.checkCall(params);
    if (refused) return { error: refused };
    const session = this.sessions.get(params.session ?? '');
    if (!params.session) return { error: fail(26, 'Missing session') };
    if (!session || session.expiresAt <= this.now().getTime())
      return { error: fail(27, 'Invalid session', 'invalid-sessionkey', 'SessionKey非法') };
    const result = this.dispatch(params.method ?? '', params, session.nick);
    return 'code' in result ? { error: result } : { ok: result };
  }

  /** The system-parameter checks every call gets, in the order the gateway reports them. */
  private checkCall(params: Params): TopError | null {
    if (!params.app_key) return fail(28, 'Missing App Key');
    const secret = this.apps.get(params.app_key);
    if (secret === undefined) return fail(29, 'Invalid app Key');
    if (!params.sign) return fail(24, 'Missing signature');
    const method = params.sign_method as TopSignMethod;
    if (!TOP_SIGN_METHODS.includes(method)) return fail(25, 'Invalid signature');
    if (params.sign !== topSign(params, secret, method)) return fail(25, 'Invalid signature');
    if (params.v !== '2.0') return fail(33, 'Invalid version');
    if (params.format !== 'json') return fail(23, 'Invalid format');
    const at = parseTopTime(params.timestamp ?? '');
    if (!at || Math.abs(at.getTime() - this.now().getTime()) > 10 * 60_000)
      return fail(31, 'Invalid timestamp');
    if (this.ban) {
      if (this.ban.afterCalls <= 0)
        return fail(
          7,
          'App Call Limited',
          'accesscontrol.limited-by-app-access-count',
          `This ban will last for ${this.ban.seconds} more seconds`,
        );
      this.ban.afterCalls -= 1;
    }
    return null;
  }

  private dispatch(method: string, params: Params, nick: string): TopError | object {
    switch (method) {
      case 'taobao.trades.sold.increment.get':
        return this.incrementGet(params, nick);
      case 'taobao.trade.fullinfo.get':
        return this.fullinfo(params, nick);
      case 'taobao.logistics.offline.send':
        return this.offlineSend(params, nick);
      case 'taobao.skus.custom.get':
        return this.skusCustomGet(params, nick);
      case 'taobao.skus.quantity.update':
        return this.skusQuantityUpdate(params, nick);
      default:
        return fail(22, 'Invalid method');
    }
  }

  private incrementGet(params: Params, nick: string): TopError | object {
    if (!params.fields) return fail(40, 'Missing required arguments:fields');
    const start = parseTopTime(params.start_modified ?? '');
    const end = parseTopTime(params.end_modified ?? '');
    if (!start || !end) return fail(40, 'Missing required arguments:start_modified,end_modified');
    if (end <= start || end.getTime() - start.getTime() > DAY_MS)
      return fail(41, 'Invalid arguments', 'isv.invalid-parameter', '查询时间跨度不能大于一天');
    const pageNo = Number(params.page_no ?? '1');
    const pageSize = Number(params.page_size ?? '40');
    if (!(pageNo >= 1) || !(pageSize >= 1) || pageSize > 100)
      return fail(41, 'Invalid arguments', 'isv.invalid-parameter', 'page_size 最大 100');
    const matching = [...this.trades.values()]
      .filter((trade) => trade.seller_nick === nick)
      .filter((trade) => {
        const modified = parseTopTime(trade.modified)?.getTime() ?? 0;
        return modified >= start.getTime() && modified <= end.getTime();
      })
      .sort((a, b) => b.modified.localeCompare(a.modified) || b.tid.localeCompare(a.tid));
    const page = matching.slice((pageNo - 1) * pageSize, pageNo * pageSize);
    const useHasNext = params.use_has_next === 'true';
    return {
      trades_sold_increment_get_response: {
        ...(useHasNext
          ? { has_next: pageNo * pageSize < matching.length }
          : { total_results: matching.length }),
        ...(page.length > 0 ? { trades: { trade: page.map(toTopTrade) } } : {}),
      },
    };
  }

  private fullinfo(params: Params, nick: string): TopError | object {
    const trade = this.trades.get(params.tid ?? '');
    if (!trade || trade.seller_nick !== nick)
      return fail(15, 'Remote service error', 'isv.trade-not-exist', '交易不存在');
    return { trade_fullinfo_get_response: { trade: toTopTrade(trade) } };
  }

  private offlineSend(params: Params, nick: string): TopError | object {
    if (!params.tid || !params.out_sid || !params.company_code)
      return fail(40, 'Missing required arguments:tid,out_sid,company_code');
    const trade = this.trades.get(params.tid);
    if (!trade || trade.seller_nick !== nick)
      return fail(
        15,
        'Remote service error',
        'isv.logistics-offline-service-error:B01',
        '订单不存在',
      );
    const split = params.is_split === '1';
    const subTids = split ? (params.sub_tid ?? '').split(',') : trade.orders.map((o) => o.oid);
    const lines = trade.orders.filter((order) => subTids.includes(order.oid));
    const awaiting = ['WAIT_SELLER_SEND_GOODS', 'SELLER_CONSIGNED_PART'];
    if (
      !awaiting.includes(trade.status) ||
      lines.length !== subTids.length ||
      lines.some((order) => order.status !== 'WAIT_SELLER_SEND_GOODS')
    )
      return fail(
        15,
        'Remote service error',
        'isv.logistics-offline-service-error:B04',
        '订单状态不对该物流订单已经发货或者已关闭，不能重复发货',
      );
    for (const order of lines) order.status = 'WAIT_BUYER_CONFIRM_GOODS';
    const open = trade.orders.some((order) => order.status === 'WAIT_SELLER_SEND_GOODS');
    trade.status = open ? 'SELLER_CONSIGNED_PART' : 'WAIT_BUYER_CONFIRM_GOODS';
    trade.modified = topTime(this.now());
    this.shipments.push({
      tid: params.tid,
      outSid: params.out_sid,
      companyCode: params.company_code,
      ...(split ? { subTid: params.sub_tid ?? '' } : {}),
    });
    return { logistics_offline_send_response: { shipping: { is_success: true } } };
  }

  private skusCustomGet(params: Params, nick: string): TopError | object {
    if (!params.outer_id || !params.fields) return fail(40, 'Missing required arguments:outer_id');
    const found = this.skus.filter((sku) => sku.nick === nick && sku.outerId === params.outer_id);
    return {
      skus_custom_get_response:
        found.length === 0
          ? {}
          : {
              skus: {
                sku: found.map((sku) => ({
                  sku_id: sku.skuId,
                  num_iid: sku.numIid,
                  outer_id: sku.outerId,
                  quantity: sku.quantity,
                })),
              },
            },
    };
  }

  private skusQuantityUpdate(params: Params, nick: string): TopError | object {
    const pairs = (params.outerid_quantities ?? '').split(';').filter(Boolean);
    if (!params.num_iid || pairs.length === 0)
      return fail(40, 'Missing required arguments:num_iid');
    if (pairs.length > 20)
      return fail(41, 'Invalid arguments', 'isv.invalid-parameter', '最多支持20个SKU同时修改');
    const updates = pairs.map((pair) => pair.split(':') as [string, string]);
    for (const [outerId] of updates)
      if (
        !this.skus.some(
          (s) => s.nick === nick && s.numIid === params.num_iid && s.outerId === outerId,
        )
      )
        return fail(
          15,
          'Remote service error',
          'isv.item-sku-not-exist',
          `商家编码 ${outerId} 不存在`,
        );
    for (const [outerId, qty] of updates)
      for (const sku of this.skus)
        if (sku.numIid === params.num_iid && sku.outerId === outerId) sku.quantity = Number(qty);
    return {
      skus_quantity_update_response: {
        item: { num_iid: params.num_iid, modified: topTime(this.now()) },
      },
    };
  }

  private token(params: Params, res: ServerResponse): void {
    const reply = (status: number, body: object) =>
      res
        .writeHead(status, { 'content-type': 'application/json;charset=UTF-8' })
        .end(JSON.stringify(body));
    if (params.grant_type !== 'refresh_token')
      return void reply(400, { error: 'unsupported_grant_type', error_description: 'grant_type' });
    if (this.apps.get(params.client_id ?? '') !== params.client_secret)
      return void reply(401, {
        error: 'invalid_client',
        error_description: 'client_secret is wrong',
      });
    const old = this.refreshTokens.get(params.refresh_token ?? '');
    const now = this.now().getTime();
    if (!old || old.expiresAt <= now)
      return void reply(400, {
        error: 'invalid_grant',
        error_description: 'refresh token is invalid or expired',
      });
    this.refreshTokens.delete(params.refresh_token ?? '');
    for (const [token, session] of this.sessions)
      if (session.nick === old.nick) this.sessions.delete(token);
    const grant = this.authorise(old.nick, { accessMs: DAY_MS, refreshMs: old.expiresAt - now });
    reply(200, {
      access_token: grant.accessToken,
      token_type: 'Bearer',
      expires_in: DAY_MS / 1000,
      refresh_token: grant.refreshToken,
      re_expires_in: Math.floor((old.expiresAt - now) / 1000),
      r1_expires_in: DAY_MS / 1000,
      r2_expires_in: DAY_MS / 1000,
      w1_expires_in: DAY_MS / 1000,
      w2_expires_in: DAY_MS / 1000,
      taobao_user_nick: encodeURIComponent(old.nick),
      taobao_user_id: '2206612345678',
    });
  }
}

/** The trade as TOP writes it: ids as numbers with the _str twins, orders wrapped in `order`. */
function toTopTrade(trade: FakeTopTrade): object {
  const { orders, ...rest } = trade;
  return {
    ...rest,
    tid_str: trade.tid,
    orders: { order: orders.map((order) => ({ ...order, oid_str: order.oid })) },
  };
}

import type { Channel } from '@wms/protocol';
import {
  PlatformError,
  type PlatformAdapter,
  type PlatformCredentials,
  type PlatformOrder,
  type PlatformPage,
  type ShipmentConfirmation,
} from '../platform';
import {
  callTop,
  refreshTopToken,
  TOP_ROUTER_URL,
  TOP_TOKEN_URL,
  type TopClientOptions,
} from './top-client';
import { topTime, type TopSignMethod } from './top-sign';
import { pushTopStock } from './top-stock';
import {
  lineCodeOf,
  orderIdOf,
  toPlatformOrder,
  topCarrierCode,
  topTradeSchema,
  type TopTrade,
} from './trade-mapping';

export interface TaobaoAdapterOptions {
  /** The router endpoint (default TOP's https one); a connector's `baseUrl` overrides it. */
  routerUrl?: string;
  /** The OAuth token endpoint (default oauth.taobao.com; `<baseUrl origin>/token` with a baseUrl). */
  tokenUrl?: string;
  signMethod?: TopSignMethod;
  timeoutMs?: number;
  /** Trades per list page: TOP's maximum is 100. */
  pageSize?: number;
  /** Seller nicks of Tmall shops (their orders are taken in as channel `tmall`). */
  tmallShops?: string[];
  fetch?: typeof fetch;
  now?: () => Date;
}

/** The Trade fields we read (the list call takes the same ones, so no detail call per trade). */
export const TRADE_FIELDS = [
  'tid',
  'tid_str',
  'status',
  'created',
  'modified',
  'payment',
  'post_fee',
  'discount_fee',
  'seller_nick',
  'buyer_open_uid',
  'receiver_name',
  'receiver_mobile',
  'receiver_phone',
  'receiver_state',
  'receiver_city',
  'receiver_district',
  'receiver_town',
  'receiver_address',
  'oaid',
  'orders.oid',
  'orders.oid_str',
  'orders.num',
  'orders.payment',
  'orders.outer_sku_id',
  'orders.outer_iid',
  'orders.num_iid',
  'orders.sku_id',
  'orders.status',
  'orders.refund_status',
].join(',');

const DAY_MS = 86_400_000;

function tradesOf(answer: Record<string, unknown>): TopTrade[] {
  const trades = (answer.trades as { trade?: unknown[] } | undefined)?.trade ?? [];
  return trades.map((trade) => parseTrade(trade));
}

function parseTrade(raw: unknown): TopTrade {
  const parsed = topTradeSchema.safeParse(raw);
  if (!parsed.success)
    throw new PlatformError('refused', `TOP sent a trade we cannot read: ${parsed.error.message}`);
  return parsed.data;
}

/**
 * 淘宝/天猫 through TOP (issue 27).
 *
 * Incremental pull: taobao.trades.sold.increment.get
 * (https://open.taobao.com/api.htm?docId=128&docType=2) takes a modified-time window of at most
 * one day and answers newest-modified first; its doc says to page from the last page back
 * ("通过从后往前翻页的方式可以避免漏单问题"): a trade modified while we page leaves the window and
 * shifts the later ones forward, so a forward walk skips one and a backward walk only repeats one.
 * So: page 1 with use_has_next; when has_next says there is more, the total (a count call) gives
 * the last page, and the pull walks back from it to page 1 (page 1 read again: cheap, idempotent).
 */
export function taobaoAdapter(options: TaobaoAdapterOptions = {}): PlatformAdapter {
  const client: TopClientOptions = {
    routerUrl: options.routerUrl ?? TOP_ROUTER_URL,
    tokenUrl: options.tokenUrl ?? TOP_TOKEN_URL,
    signMethod: options.signMethod ?? 'hmac-sha256',
    timeoutMs: options.timeoutMs ?? 15_000,
    fetch: options.fetch ?? ((input, init) => fetch(input, init)),
    now: options.now ?? (() => new Date()),
  };
  const pageSize = Math.min(100, Math.max(1, options.pageSize ?? 100));
  const tmallShops = new Set(options.tmallShops ?? []);

  async function listPage(
    creds: PlatformCredentials,
    window: { from: Date; to: Date },
    pageNo: number,
    extra: Record<string, string>,
  ): Promise<Record<string, unknown>> {
    return callTop(client, creds, 'taobao.trades.sold.increment.get', {
      fields: TRADE_FIELDS,
      start_modified: topTime(window.from),
      end_modified: topTime(window.to),
      page_no: String(pageNo),
      page_size: String(pageSize),
      ...extra,
    });
  }

  async function firstPage(
    creds: PlatformCredentials,
    window: { from: Date; to: Date },
  ): Promise<PlatformPage> {
    const first = await listPage(creds, window, 1, { use_has_next: 'true' });
    const orders = tradesOf(first).map(toPlatformOrder);
    if (first.has_next !== true) return { orders, next: null };
    const count = await callTop(client, creds, 'taobao.trades.sold.increment.get', {
      fields: 'tid',
      start_modified: topTime(window.from),
      end_modified: topTime(window.to),
      page_no: '1',
      page_size: '1',
    });
    const lastPage = Math.ceil(Number(count.total_results ?? 0) / pageSize);
    return { orders, next: lastPage >= 1 ? String(lastPage) : null };
  }

  async function fetchTrade(creds: PlatformCredentials, tid: string): Promise<TopTrade> {
    const answer = await callTop(client, creds, 'taobao.trade.fullinfo.get', {
      fields: TRADE_FIELDS,
      tid,
    });
    return parseTrade(answer.trade);
  }

  async function confirmShipment(
    creds: PlatformCredentials,
    shipment: ShipmentConfirmation,
  ): Promise<void> {
    const params: Record<string, string> = {
      tid: shipment.platformOrderId,
      out_sid: shipment.trackingNumber,
      company_code: shipment.carrierCode,
    };
    let subOrders: string[] | null = null;
    if (shipment.lines?.length) {
      const trade = await fetchTrade(creds, shipment.platformOrderId);
      const codes = new Set(shipment.lines.map((line) => line.code));
      const all = trade.orders?.order ?? [];
      subOrders = all.filter((order) => codes.has(lineCodeOf(order))).map(orderIdOf);
      if (subOrders.length === 0)
        throw new PlatformError(
          'refused',
          `Trade ${shipment.platformOrderId} has no line with code ${[...codes].join(', ')}`,
        );
      // sub_tid must be a proper subset of the trade's sub-orders: a parcel with every line is
      // the whole trade.
      if (subOrders.length < all.length)
        Object.assign(params, { is_split: '1', sub_tid: subOrders.join(',') });
      else subOrders = null;
    }
    try {
      await callTop(client, creds, 'taobao.logistics.offline.send', params);
    } catch (error) {
      if (await isAlreadyShipped(creds, error, shipment.platformOrderId, subOrders)) return;
      throw error;
    }
  }

  /**
   * logistics.offline.send answers B04 ("订单状态不对…已经发货或者已关闭") to a repeated
   * confirmation: a retry after a lost answer is done when those lines are shipped on TOP.
   */
  async function isAlreadyShipped(
    creds: PlatformCredentials,
    error: unknown,
    tid: string,
    subOrders: string[] | null,
  ): Promise<boolean> {
    if (!(error instanceof PlatformError) || !error.platformCode?.endsWith(':B04')) return false;
    const trade = await fetchTrade(creds, tid);
    const shipped = ['WAIT_BUYER_CONFIRM_GOODS', 'TRADE_BUYER_SIGNED', 'TRADE_FINISHED'];
    if (subOrders === null) return shipped.includes(trade.status);
    return (trade.orders?.order ?? [])
      .filter((order) => subOrders.includes(orderIdOf(order)))
      .every((order) => shipped.includes(order.status ?? ''));
  }

  return {
    platform: 'taobao',
    channelOf: (shopId: string): Channel => (tmallShops.has(shopId) ? 'tmall' : 'taobao'),
    maxWindowMs: DAY_MS,
    // TOP indexes a change a little after its `modified` time; three minutes of re-reading.
    overlapMs: 3 * 60_000,

    async listModified(creds, window, page): Promise<PlatformPage> {
      if (page === null) return firstPage(creds, window);
      const pageNo = Number(page);
      if (!Number.isInteger(pageNo) || pageNo < 1)
        throw new PlatformError('refused', `Not a TOP page: ${page}`);
      const answer = await listPage(creds, window, pageNo, { use_has_next: 'true' });
      return {
        orders: tradesOf(answer).map(toPlatformOrder),
        next: pageNo > 1 ? String(pageNo - 1) : null,
      };
    },

    async getOrder(creds, platformOrderId): Promise<PlatformOrder> {
      return toPlatformOrder(await fetchTrade(creds, platformOrderId));
    },

    refreshAccessToken: (creds) => refreshTopToken(client, creds),
    confirmShipment,
    pushStock: (creds, items) => pushTopStock(client, creds, items),
    carrierCode: topCarrierCode,

    /**
     * TOP has no signed HTTP push for ordinary apps: its order messages (TMC, 消息服务) come over
     * a long-lived WebSocket the app opens, not to an endpoint of ours. Nothing that arrives over
     * HTTP is TOP's, so every push is refused; the pulls (every few seconds) carry the orders.
     */
    verifyPush() {
      throw new PlatformError(
        'bad-signature',
        'TOP does not push over HTTP (its messages come over TMC, a connection the app opens): refused',
      );
    },
  };
}

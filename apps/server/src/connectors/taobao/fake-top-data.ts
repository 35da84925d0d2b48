import { parseTopTime, topTime } from './top-sign';

/**
 * The seller side of the local TOP (see fake-top.ts): trades, SKUs and shipments, and the answers
 * of the business APIs the adapter calls, as their docs describe them (addresses in
 * taobao-adapter.ts, top-stock.ts). logistics.offline.send's sub-codes (B01 no such trade, B04
 * already shipped or closed, P38 split check failed) are as integrators' public code handles
 * them, not from a TOP page; the window and SKU errors' sub-codes and texts are this fake's own.
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

export type TopParams = Record<string, string>;
export type TopError = { code: number; msg: string; sub_code?: string; sub_msg?: string };

const DAY_MS = 86_400_000;

export function fail(code: number, msg: string, subCode?: string, subMsg?: string): TopError {
  return {
    code,
    msg,
    ...(subCode ? { sub_code: subCode } : {}),
    ...(subMsg ? { sub_msg: subMsg } : {}),
  };
}

export class FakeTopData {
  readonly trades = new Map<string, FakeTopTrade>();
  readonly skus: FakeTopSku[] = [];
  readonly shipments: { tid: string; outSid: string; companyCode: string; subTid?: string }[] = [];

  constructor(protected readonly now: () => Date) {}

  /** A trade changes on the platform (status, address…): its `modified` moves to `at`. */
  touch(tid: string, at: Date, change: Partial<FakeTopTrade> = {}): void {
    const trade = this.trades.get(tid);
    if (!trade) throw new Error(`No trade ${tid}`);
    Object.assign(trade, change, { modified: topTime(at) });
  }

  addTrade(trade: FakeTopTrade): void {
    this.trades.set(trade.tid, trade);
  }

  protected dispatch(method: string, params: TopParams, nick: string): TopError | object {
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

  private incrementGet(params: TopParams, nick: string): TopError | object {
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

  private fullinfo(params: TopParams, nick: string): TopError | object {
    const trade = this.trades.get(params.tid ?? '');
    if (!trade || trade.seller_nick !== nick)
      return fail(15, 'Remote service error', 'isv.trade-not-exist', '交易不存在');
    return { trade_fullinfo_get_response: { trade: toTopTrade(trade) } };
  }

  private offlineSend(params: TopParams, nick: string): TopError | object {
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
    const subTids = (params.sub_tid ?? '').split(',').filter(Boolean);
    // sub_tid: "子订单必须是操作的物流订单的子订单的真子集" (a proper subset of the sub-orders).
    if (split && (subTids.length === 0 || subTids.length >= trade.orders.length))
      return fail(
        15,
        'Remote service error',
        'isv.logistics-offline-service-error:P38',
        '拆单校验未通过',
      );
    const lines = split
      ? trade.orders.filter((order) => subTids.includes(order.oid))
      : trade.orders.filter((order) => order.status === 'WAIT_SELLER_SEND_GOODS');
    const awaiting = ['WAIT_SELLER_SEND_GOODS', 'SELLER_CONSIGNED_PART'];
    if (
      !awaiting.includes(trade.status) ||
      lines.length === 0 ||
      (split && lines.length !== subTids.length) ||
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

  private skusCustomGet(params: TopParams, nick: string): TopError | object {
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

  private skusQuantityUpdate(params: TopParams, nick: string): TopError | object {
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

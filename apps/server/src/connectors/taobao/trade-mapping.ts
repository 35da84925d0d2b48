import { z } from 'zod';
import {
  PlatformError,
  type PlatformOrder,
  type PlatformOrderLine,
  type PlatformOrderStatus,
} from '../platform';
import { yuanToFen } from './yuan';
import { parseTopTime } from './top-sign';

/**
 * A TOP `Trade` (taobao.trade.fullinfo.get, https://open.taobao.com/api.htm?docId=54&docType=2;
 * the same structure in taobao.trades.sold.increment.get, docId=128) as our order. Ids arrive as
 * strings (see ../exact-json.ts) or short numbers; amounts as yuan strings; receiver fields masked
 * since TOP's 订单隐私保护 (张**, 138****0000), with `oaid` the stable receiver id. TOP derives
 * the oaid from the receiver, the shop, the app and the order's week (隐私字段名词解释,
 * https://open.taobao.com/doc.htm?docId=120397&docType=1): a receiver token per shop and week.
 */
const id = z.union([z.string(), z.number()]).transform(String);
const yuan = z.union([z.string(), z.number()]).optional();

const topOrderSchema = z.object({
  oid: id,
  oid_str: z.string().optional(),
  num: z.number().int(),
  payment: yuan,
  outer_sku_id: z.string().optional(),
  outer_iid: z.string().optional(),
  num_iid: id.optional(),
  sku_id: id.optional(),
  status: z.string().optional(),
  refund_status: z.string().optional(),
});

export const topTradeSchema = z.object({
  tid: id,
  tid_str: z.string().optional(),
  status: z.string(),
  created: z.string(),
  modified: z.string(),
  payment: yuan,
  post_fee: yuan,
  discount_fee: yuan,
  seller_nick: z.string().optional(),
  buyer_open_uid: z.string().optional(),
  buyer_nick: z.string().optional(),
  receiver_name: z.string().optional(),
  receiver_mobile: z.string().optional(),
  receiver_phone: z.string().optional(),
  receiver_state: z.string().optional(),
  receiver_city: z.string().optional(),
  receiver_district: z.string().optional(),
  receiver_town: z.string().optional(),
  receiver_address: z.string().optional(),
  oaid: z.string().optional(),
  orders: z.object({ order: z.array(topOrderSchema) }).optional(),
});

export type TopTrade = z.infer<typeof topTradeSchema>;
export type TopOrder = z.infer<typeof topOrderSchema>;

/**
 * TOP trade statuses (Trade.status in the docs above) → ours. Only WAIT_SELLER_SEND_GOODS and
 * SELLER_CONSIGNED_PART (some lines shipped, the rest still to ship) are awaiting shipment.
 * TRADE_CLOSED is a paid trade refunded in full; TRADE_CLOSED_BY_TAOBAO one closed before payment.
 * PAID_FORBID_CONSIGN (paid, group buy not complete, shipping forbidden) is not ours to ship yet.
 */
const STATUS: Record<string, PlatformOrderStatus> = {
  TRADE_NO_CREATE_PAY: 'unpaid',
  WAIT_BUYER_PAY: 'unpaid',
  PAY_PENDING: 'unpaid',
  WAIT_PRE_AUTH_CONFIRM: 'unpaid',
  PAID_FORBID_CONSIGN: 'unpaid',
  WAIT_SELLER_SEND_GOODS: 'awaiting-shipment',
  SELLER_CONSIGNED_PART: 'awaiting-shipment',
  WAIT_BUYER_CONFIRM_GOODS: 'shipped',
  TRADE_BUYER_SIGNED: 'shipped',
  TRADE_FINISHED: 'completed',
  TRADE_CLOSED: 'cancelled',
  TRADE_CLOSED_BY_TAOBAO: 'cancelled',
};

/** A status TOP adds later is not shipped by us until someone maps it: taken as not yet paid. */
export function orderStatusOf(topStatus: string): PlatformOrderStatus {
  return STATUS[topStatus] ?? 'unpaid';
}

/** A line refunded or closed on its own no longer ships. */
function isLineLive(order: TopOrder): boolean {
  if (order.status === 'TRADE_CLOSED' || order.status === 'TRADE_CLOSED_BY_TAOBAO') return false;
  return order.refund_status !== 'SUCCESS';
}

export function tradeIdOf(trade: TopTrade): string {
  return trade.tid_str ?? trade.tid;
}

export function orderIdOf(order: TopOrder): string {
  return order.oid_str ?? order.oid;
}

/**
 * The seller's code of a line (商家编码): the SKU's outer id, else the item's. A listing without
 * one falls back to TOP's own ids, `num_iid:sku_id` (or `num_iid`), which the shop's channel SKU
 * codes can name instead.
 */
export function lineCodeOf(order: TopOrder): string {
  if (order.outer_sku_id) return order.outer_sku_id;
  if (order.outer_iid) return order.outer_iid;
  if (!order.num_iid) return '';
  return order.sku_id ? `${order.num_iid}:${order.sku_id}` : order.num_iid;
}

function fen(amount: string | number | undefined, field: string, tid: string): number {
  if (amount === undefined || amount === '') return 0;
  const value = yuanToFen(amount);
  if (value === null)
    throw new PlatformError(
      'refused',
      `Trade ${tid}: ${field} "${String(amount)}" is not a yuan amount`,
    );
  return value;
}

function lines(trade: TopTrade, tid: string): PlatformOrderLine[] {
  const orders = trade.orders?.order ?? [];
  const freight = fen(trade.post_fee, 'post_fee', tid);
  return orders.filter(isLineLive).map((order) => {
    // The fullinfo doc: a lone sub-order's payment includes the freight, several do not.
    const paid = fen(order.payment, 'orders.payment', tid) - (orders.length === 1 ? freight : 0);
    return {
      code: lineCodeOf(order),
      qty: order.num,
      // A total that does not divide by the quantity leaves at most half a fen per unit.
      unitPriceFen: order.num > 0 ? Math.round(Math.max(0, paid) / order.num) : 0,
    };
  });
}

function isMasked(...fields: (string | undefined)[]): boolean {
  return fields.some((field) => field?.includes('*') ?? false);
}

function time(text: string, field: string, tid: string): Date {
  const at = parseTopTime(text);
  if (!at) throw new PlatformError('refused', `Trade ${tid}: ${field} "${text}" is not a TOP time`);
  return at;
}

/** One TOP trade as a platform order. `shopId` is the seller's nick (one nick per shop). */
export function toPlatformOrder(trade: TopTrade): PlatformOrder {
  const tid = tradeIdOf(trade);
  const phone = trade.receiver_mobile || trade.receiver_phone || '';
  const detail = [trade.receiver_town, trade.receiver_address].filter(Boolean).join(' ');
  return {
    platformOrderId: tid,
    shopId: trade.seller_nick ?? '',
    status: orderStatusOf(trade.status),
    createdAt: time(trade.created, 'created', tid),
    modifiedAt: time(trade.modified, 'modified', tid),
    buyerId: trade.buyer_open_uid ?? trade.buyer_nick ?? '',
    receiver: {
      name: trade.receiver_name ?? '',
      phone,
      province: trade.receiver_state ?? '',
      city: trade.receiver_city ?? '',
      district: trade.receiver_district ?? '',
      detail,
      masked: isMasked(trade.receiver_name, phone, detail),
      ...(trade.oaid ? { receiverToken: trade.oaid } : {}),
    },
    lines: lines(trade, tid),
    paidFen: fen(trade.payment, 'payment', tid),
    freightFen: fen(trade.post_fee, 'post_fee', tid),
    discountFen: fen(trade.discount_fee, 'discount_fee', tid),
  };
}

/**
 * Our carrier codes (the waybill providers', KDNiao's) → TOP's logistics company codes
 * (the `code` that taobao.logistics.companies.get lists, which logistics.offline.send takes as
 * company_code). Check a new carrier against that call before adding it here.
 */
const CARRIERS: Record<string, string> = {
  SF: 'SF',
  YTO: 'YTO',
  ZTO: 'ZTO',
  STO: 'STO',
  YD: 'YUNDA',
  YUNDA: 'YUNDA',
  EMS: 'EMS',
  YZPY: 'POSTB',
  POSTB: 'POSTB',
  JD: 'JD',
  HTKY: 'HTKY',
  DBL: 'DBKD',
  DBKD: 'DBKD',
  JTSD: 'JTSD',
  ZJS: 'ZJS',
};

export function topCarrierCode(ourCarrier: string): string | null {
  return CARRIERS[ourCarrier.trim().toUpperCase()] ?? null;
}

import {
  PlatformError,
  type PlatformOrder,
  type PlatformOrderLine,
  type PlatformOrderStatus,
  type PlatformReceiver,
} from '../platform';

/**
 * A 微信小店 order as `channels/ec/order/get` returns it
 * (https://developers.weixin.qq.com/doc/store/API/order/get.html).
 * Amounts are integer fen; times are Unix seconds; ids may come as numbers or strings (read
 * through `parseExactJson`, a 19-digit one is a string either way).
 */
export interface WechatOrder {
  order_id: string | number;
  status: number;
  create_time: number;
  update_time: number;
  openid?: string;
  order_detail?: {
    product_infos?: WechatProductInfo[];
    price_info?: {
      product_price?: number;
      order_price?: number;
      freight?: number;
      discounted_price?: number;
    };
    delivery_info?: {
      /**
       * The receiver as confirmed. A buyer's change made 6 hours or more after ordering waits for
       * the seller in `address_under_review` and replaces `address_info` once approved
       * (channels_ec_order_ext_info_update types 4 and 16/19), so only this one is taken.
       */
      address_info?: WechatAddress;
      /** The encrypted receiver for the platform's e-waybill (电子面单) service. */
      ewaybill_order_code?: string;
      /** The parcels already shipped, each with its tracking number. */
      delivery_product_info?: { waybill_id?: string; delivery_id?: string }[];
    };
  };
}

export interface WechatProductInfo {
  product_id: string | number;
  sku_id: string | number;
  sku_cnt: number;
  /** Unit price before discounts, fen. */
  sale_price?: number;
  /** What the buyer pays for this line (all its units) after discounts, fen. */
  real_price?: number;
  /** The seller's own SKU code (商家编码), which our channel SKU codes map. */
  sku_code?: string;
  out_sku_id?: string;
}

export interface WechatAddress {
  user_name?: string;
  tel_number?: string;
  province_name?: string;
  city_name?: string;
  county_name?: string;
  detail_info?: string;
  house_number?: string;
  /** 1 when `tel_number` is a virtual number (虚拟号) standing in for the buyer's. */
  use_tel_number?: number;
  /** Stable per shop for one receiver address: our dedup key when the rest is masked. */
  hash_code?: string;
}

/**
 * 微信小店 order statuses (same page, 枚举值 of `status`): 10 待付款, 12 礼物待收下,
 * 13 凑单买凑团中, 20 待发货, 21 部分发货, 30 待收货, 100 完成, 200 全部商品售后之后订单取消,
 * 250 未付款用户主动取消或超时未付款订单自动取消.
 */
const STATUSES: Record<number, PlatformOrderStatus> = {
  10: 'unpaid',
  12: 'unpaid',
  13: 'unpaid',
  20: 'awaiting-shipment',
  21: 'awaiting-shipment',
  30: 'shipped',
  100: 'completed',
  200: 'cancelled',
  250: 'cancelled',
};

export function mapStatus(status: number): PlatformOrderStatus {
  const mapped = STATUSES[status];
  if (!mapped)
    throw new PlatformError('refused', `微信小店 order status ${status} is not one we know`);
  return mapped;
}

export function idText(id: string | number | undefined, field: string): string {
  if (typeof id === 'string' && /^\d+$/.test(id)) return id;
  if (typeof id === 'number' && Number.isSafeInteger(id) && id >= 0) return String(id);
  throw new PlatformError('refused', `微信小店 sent ${field} as ${String(id)}, not an id`);
}

export function mapOrder(raw: WechatOrder, shopId: string): PlatformOrder {
  const detail = raw.order_detail ?? {};
  const price = detail.price_info ?? {};
  const lines = (detail.product_infos ?? []).map(mapLine);
  const productFen = price.product_price ?? lines.reduce((s, l) => s + l.unitPriceFen * l.qty, 0);
  const freightFen = fen(price.freight ?? 0, 'freight');
  const paidFen = fen(price.order_price ?? productFen + freightFen, 'order_price');
  return {
    platformOrderId: idText(raw.order_id, 'order_id'),
    shopId,
    status: mapStatus(raw.status),
    createdAt: new Date(raw.create_time * 1000),
    modifiedAt: new Date(raw.update_time * 1000),
    buyerId: raw.openid ?? '',
    receiver: mapReceiver(detail.delivery_info),
    lines,
    paidFen,
    freightFen,
    discountFen: fen(
      price.discounted_price ?? Math.max(0, productFen + freightFen - paidFen),
      'discounted_price',
    ),
  };
}

/** The code a line is known by: the seller's 商家编码, else their own SKU id, else WeChat's. */
export function lineCode(line: WechatProductInfo): string {
  if (line.sku_code) return line.sku_code;
  if (line.out_sku_id) return line.out_sku_id;
  return idText(line.sku_id, 'sku_id');
}

function mapLine(line: WechatProductInfo): PlatformOrderLine {
  const qty = line.sku_cnt;
  if (!Number.isInteger(qty) || qty < 1)
    throw new PlatformError('refused', `微信小店 sent a line with sku_cnt ${String(qty)}`);
  const paid = line.real_price ?? (line.sale_price ?? 0) * qty;
  return { code: lineCode(line), qty, unitPriceFen: fen(Math.round(paid / qty), 'real_price') };
}

const MASK = /\*/;

function mapReceiver(
  delivery: { address_info?: WechatAddress; ewaybill_order_code?: string } | undefined,
): PlatformReceiver {
  const address = delivery?.address_info ?? {};
  const name = address.user_name ?? '';
  const phone = address.tel_number ?? '';
  const detail = [address.detail_info, address.house_number].filter(Boolean).join(' ');
  const masked =
    address.use_tel_number === 1 || MASK.test(name) || MASK.test(phone) || MASK.test(detail);
  const receiverToken = address.hash_code ?? delivery?.ewaybill_order_code;
  return {
    name,
    phone,
    province: address.province_name ?? '',
    city: address.city_name ?? '',
    district: address.county_name ?? '',
    detail,
    masked,
    ...(receiverToken ? { receiverToken } : {}),
  };
}

function fen(value: number, field: string): number {
  if (!Number.isInteger(value) || value < 0)
    throw new PlatformError('refused', `微信小店 sent ${field} = ${value}, not whole fen`);
  return value;
}

import { createHash } from 'node:crypto';
import type { OrderInput } from '@wms/protocol';
import type { PlatformAdapter, PlatformOrder, PlatformReceiver } from './platform';

/**
 * A platform order as our intake takes it (issue 27): lines carry the platform's SKU codes (the
 * channel SKU codes map them), money stays fen, the shop is kept for its codes. Where the
 * platform masks the receiver, intake still needs a phone it can clean and dedup on: see
 * `standInPhone`.
 */
export function toOrderInput(adapter: PlatformAdapter, order: PlatformOrder): OrderInput {
  const r = order.receiver;
  const whole = [r.province, r.city, r.district, r.detail].join('');
  return {
    channel: adapter.channelOf(order.shopId),
    channelOrderId: order.platformOrderId,
    shopId: order.shopId,
    orderType: 'sale',
    placedAt: order.createdAt.toISOString(),
    customerId: order.buyerId,
    vip: false,
    consignee: { name: r.name, phone: r.masked ? standInPhone(adapter, order) : r.phone },
    address:
      r.city && r.district && r.detail
        ? { province: r.province, city: r.city, district: r.district, detail: r.detail }
        : { province: '', city: '', district: '', detail: '', text: whole },
    paidCents: order.paidFen,
    couponCents: order.discountFen,
    freightCents: order.freightFen,
    lines: order.lines.map((l) => ({
      skuId: l.code,
      qty: l.qty,
      unitPriceCents: l.unitPriceFen,
    })),
  };
}

/**
 * A masked phone (138****0000) is no phone intake can clean, and two buyers share a masked form:
 * the hidden digits are filled from the platform's stable receiver token, so one receiver always
 * gets the same number (duplicate checks and counted holds work per receiver) and two receivers
 * do not collide. Without a token, from the order id: never merged with another order. The
 * visible digits stay, so a packer still recognises them; the waybill comes from the platform's
 * own e-waybill service, which has the real number.
 */
export function standInPhone(adapter: PlatformAdapter, order: PlatformOrder): string {
  const seed = order.receiver.receiverToken ?? `${adapter.platform}:${order.platformOrderId}`;
  const digits = hashDigits(seed);
  let k = 0;
  const filled = order.receiver.phone.replace(/\D/g, (c) => (c === '*' ? digits[k++]! : ''));
  return /^1[3-9]\d{9}$/.test(filled) ? filled : `19${digits.slice(0, 9)}`;
}

function hashDigits(seed: string): string {
  const hash = createHash('sha256').update(seed).digest();
  return [...hash].map((b) => String(b % 10)).join('');
}

/**
 * The lines and amounts, which a later version may only change by a split or merge on the
 * platform (an exception). Status and receiver are compared on their own (`platformStatus`,
 * `addressHash`): a status that moved on (our own shipment read back as shipped) or a new
 * address is not a change of lines.
 */
export function contentHash(order: PlatformOrder): string {
  const { lines, paidFen, freightFen, discountFen } = order;
  return digest({ lines, paidFen, freightFen, discountFen });
}

/** The receiver alone: a change here is an address change. */
export function addressHash(order: PlatformOrder): string {
  return digest(receiverKey(order));
}

function receiverKey(order: PlatformOrder) {
  const r: PlatformReceiver = order.receiver;
  return [r.name, r.phone, r.province, r.city, r.district, r.detail, r.receiverToken ?? ''];
}

function digest(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('base64url').slice(0, 22);
}

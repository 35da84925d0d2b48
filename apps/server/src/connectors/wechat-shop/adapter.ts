import type { Channel } from '@wms/protocol';
import {
  PlatformError,
  type PlatformAdapter,
  type PlatformCredentials,
  type PlatformPage,
  type ShipmentConfirmation,
  type TokenGrant,
} from '../platform';
import { wechatDeliveryId } from './carriers';
import { callWechat, type WechatClientOptions } from './client';
import { idText, lineCode, mapOrder, type WechatOrder } from './order-mapping';
import { verifyWechatPush } from './push';
import { SkuDirectory } from './sku-directory';

export interface WechatShopAdapterOptions extends WechatClientOptions {
  /** Our channel its orders are taken in as: 'wechat-shop' unless told otherwise. */
  channel?: Channel;
  /** How many order details are read at once while a page is pulled. */
  detailConcurrency?: number;
}

const DAY = 86_400_000;
/** list/get: a time range "距离end_time不可超过7天"; in seconds on the wire, so 1 s is kept spare. */
const MAX_WINDOW_MS = 7 * DAY - 1_000;
/** list/get: "page_size 每页数量(不超过100)". */
const PAGE_SIZE = 100;

/**
 * 微信小店 (WeChat Channels shop) as a `PlatformAdapter`. API addresses and limits:
 * - token: POST /cgi-bin/stable_token {grant_type: client_credential, appid, secret}, 7200 s
 *   (https://developers.weixin.qq.com/doc/channels/api/basic/api_getstableaccesstoken.html);
 * - order list: POST /channels/ec/order/list/get, update_time_range at most 7 days, page_size
 *   ≤ 100, next_key paging; it answers ids only
 *   (https://developers.weixin.qq.com/doc/store/shop/API/channels-shop-order/api_getorderlist.html);
 * - order detail: POST /channels/ec/order/get {order_id}
 *   (https://developers.weixin.qq.com/doc/store/API/order/get.html);
 * - ship: POST /channels/ec/order/delivery/send
 *   (https://developers.weixin.qq.com/doc/store/shop/API/channels-shop-delivery/delivery/api_senddelivery.html);
 * - stock: POST /channels/ec/product/stock/update
 *   (https://developers.weixin.qq.com/doc/store/shop/API/product/stock_update.html).
 * `appKey` is the shop's AppID and `appSecret` its AppSecret; the shop id is the AppID.
 */
export function wechatShopAdapter(options: WechatShopAdapterOptions = {}): PlatformAdapter {
  const skus = new SkuDirectory(options);
  const now = options.now ?? Date.now;

  async function readOrder(creds: PlatformCredentials, orderId: string): Promise<WechatOrder> {
    const answer = await callWechat(
      creds,
      '/channels/ec/order/get',
      { order_id: orderId },
      options,
    );
    const order = answer.order as WechatOrder | undefined;
    if (!order) throw new PlatformError('refused', `微信小店 returned no order ${orderId}`);
    skus.learnFromLines(creds.appKey, order.order_detail?.product_infos ?? []);
    return order;
  }

  return {
    platform: 'wechat-shop',
    channelOf: () => options.channel ?? 'wechat-shop',
    maxWindowMs: MAX_WINDOW_MS,
    // Our margin for an order whose update_time moves while a window is read (and for clock
    // differences); the docs give no figure for how soon list/get sees a change.
    overlapMs: 5 * 60_000,

    async listModified(creds, window, page): Promise<PlatformPage> {
      const startTime = Math.floor(window.from.getTime() / 1000);
      const endTime = Math.ceil(window.to.getTime() / 1000);
      if (window.to.getTime() - window.from.getTime() > MAX_WINDOW_MS)
        throw new PlatformError('refused', '微信小店 lists at most 7 days of changes at a time');
      const answer = await callWechat(
        creds,
        '/channels/ec/order/list/get',
        {
          update_time_range: { start_time: startTime, end_time: endTime },
          page_size: PAGE_SIZE,
          ...(page ? { next_key: page } : {}),
        },
        options,
      );
      const ids = ((answer.order_id_list as (string | number)[] | undefined) ?? []).map((id) =>
        idText(id, 'order_id_list'),
      );
      const raws = await mapLimited(ids, options.detailConcurrency ?? 8, (id) =>
        readOrder(creds, id),
      );
      const more = answer.has_more === true && typeof answer.next_key === 'string';
      return {
        orders: raws.map((raw) => mapOrder(raw, creds.appKey)),
        next: more ? (answer.next_key as string) : null,
      };
    },

    async getOrder(creds, platformOrderId) {
      return mapOrder(await readOrder(creds, platformOrderId), creds.appKey);
    },

    async refreshAccessToken(creds): Promise<TokenGrant> {
      const answer = await callWechat(
        creds,
        '/cgi-bin/stable_token',
        { grant_type: 'client_credential', appid: creds.appKey, secret: creds.appSecret },
        options,
        false,
      );
      const token = answer.access_token;
      const seconds = answer.expires_in;
      if (typeof token !== 'string' || typeof seconds !== 'number')
        throw new PlatformError('unavailable', '微信小店 stable_token answered without a token');
      return { accessToken: token, accessTokenExpiresAt: now() + seconds * 1000 };
    },

    async confirmShipment(creds, shipment) {
      const order = await readOrder(creds, shipment.platformOrderId);
      const parcels = order.order_detail?.delivery_info?.delivery_product_info ?? [];
      // A retry after a lost answer: this parcel is on the platform already.
      if (parcels.some((d) => d.waybill_id === shipment.trackingNumber)) return;
      await callWechat(
        creds,
        '/channels/ec/order/delivery/send',
        deliveryBody(order, shipment),
        options,
      );
    },

    async pushStock(creds, items) {
      const refs = await skus.resolve(
        creds,
        items.map((item) => item.code),
      );
      for (const item of items) {
        const ref = refs.get(item.code);
        if (!ref) continue; // a code this shop does not sell on 微信小店
        // diff_type 3 sets the number: we push the available quantity we hold, and a delta
        // would drift from it whenever a push is lost or repeated.
        await callWechat(
          creds,
          '/channels/ec/product/stock/update',
          {
            product_id: ref.productId,
            sku_id: ref.skuId,
            diff_type: 3,
            num: Math.max(0, item.qty),
          },
          options,
        );
      }
    },

    carrierCode: wechatDeliveryId,

    verifyPush: verifyWechatPush,
  };
}

/**
 * delivery/send's body: one parcel (`delivery_list` entry) with deliver_type 1 (自寄快递, the
 * seller's own waybill) and the SKUs in it by WeChat's product and SKU ids.
 */
function deliveryBody(order: WechatOrder, shipment: ShipmentConfirmation): Record<string, unknown> {
  const infos = order.order_detail?.product_infos ?? [];
  const wanted =
    shipment.lines ?? infos.map((info) => ({ code: lineCode(info), qty: info.sku_cnt }));
  const productInfos = wanted.map((line) => {
    const info = infos.find((candidate) => lineCode(candidate) === line.code);
    if (!info)
      throw new PlatformError(
        'refused',
        `微信小店 order ${shipment.platformOrderId} has no SKU ${line.code} to ship`,
      );
    return {
      product_id: idText(info.product_id, 'product_id'),
      sku_id: idText(info.sku_id, 'sku_id'),
      product_cnt: line.qty,
    };
  });
  return {
    order_id: shipment.platformOrderId,
    delivery_list: [
      {
        delivery_id: shipment.carrierCode,
        waybill_id: shipment.trackingNumber,
        deliver_type: 1,
        product_infos: productInfos,
      },
    ],
  };
}

/** `work` over `items`, `limit` at a time; after the first failure no further item is started. */
async function mapLimited<T, R>(
  items: T[],
  limit: number,
  work: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  let failed = false;
  const worker = async (): Promise<void> => {
    while (next < items.length && !failed) {
      const index = next;
      next += 1;
      try {
        results[index] = await work(items[index] as T);
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

import type { PlatformCredentials } from '../platform';
import { callWechat, type WechatClientOptions } from './client';
import { idText, lineCode, type WechatProductInfo } from './order-mapping';

/** WeChat's own ids for one of the seller's SKU codes: what stock/update and delivery/send take. */
export interface WechatSkuRef {
  productId: string;
  skuId: string;
}

interface WechatProduct {
  product_id: string | number;
  skus?: { sku_id: string | number; sku_code?: string; out_sku_id?: string }[];
}

/**
 * Seller SKU code → WeChat product and SKU ids, per shop. Learned from every order read, and on a
 * miss from the catalogue: `channels/ec/product/list/get` (page_size ≤ 30, next_key paging,
 * https://developers.weixin.qq.com/doc/store/API/product/list_get.html) then
 * `channels/ec/product/get` per product (https://developers.weixin.qq.com/doc/store/API/product/get.html).
 * Kept in memory only: after a restart it is learned again.
 */
export class SkuDirectory {
  private readonly byShop = new Map<string, Map<string, WechatSkuRef>>();

  constructor(private readonly options: WechatClientOptions) {}

  learnFromLines(shopId: string, lines: WechatProductInfo[]): void {
    const shop = this.shop(shopId);
    for (const line of lines)
      shop.set(lineCode(line), {
        productId: idText(line.product_id, 'product_id'),
        skuId: idText(line.sku_id, 'sku_id'),
      });
  }

  /** The ids for each code; codes the shop does not sell are left out. */
  async resolve(creds: PlatformCredentials, codes: string[]): Promise<Map<string, WechatSkuRef>> {
    const shop = this.shop(creds.appKey);
    if (codes.some((code) => !shop.has(code))) await this.readCatalogue(creds, shop);
    const found = new Map<string, WechatSkuRef>();
    for (const code of codes) {
      const ref = shop.get(code);
      if (ref) found.set(code, ref);
    }
    return found;
  }

  private async readCatalogue(
    creds: PlatformCredentials,
    shop: Map<string, WechatSkuRef>,
  ): Promise<void> {
    let nextKey: string | undefined;
    do {
      const page = await callWechat(
        creds,
        '/channels/ec/product/list/get',
        { page_size: 30, ...(nextKey ? { next_key: nextKey } : {}) },
        this.options,
      );
      const ids = (page.product_ids as (string | number)[] | undefined) ?? [];
      for (const id of ids) {
        const answer = await callWechat(
          creds,
          '/channels/ec/product/get',
          { product_id: idText(id, 'product_id'), data_type: 1 },
          this.options,
        );
        this.learnProduct(shop, answer.product as WechatProduct | undefined);
      }
      nextKey = ids.length > 0 && typeof page.next_key === 'string' ? page.next_key : undefined;
    } while (nextKey);
  }

  private learnProduct(shop: Map<string, WechatSkuRef>, product: WechatProduct | undefined): void {
    if (!product) return;
    const productId = idText(product.product_id, 'product_id');
    for (const sku of product.skus ?? []) {
      const skuId = idText(sku.sku_id, 'sku_id');
      shop.set(sku.sku_code || sku.out_sku_id || skuId, { productId, skuId });
    }
  }

  private shop(shopId: string): Map<string, WechatSkuRef> {
    let shop = this.byShop.get(shopId);
    if (!shop) {
      shop = new Map();
      this.byShop.set(shopId, shop);
    }
    return shop;
  }
}

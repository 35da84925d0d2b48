/**
 * The fake 微信小店's products: product list/get (page_size ≤ 30, next_key), product/get with its
 * SKUs and their 商家编码 (sku_code), and stock/update (diff_type 1 add, 2 subtract, 3 set).
 */
export interface FakeSku {
  productId: string;
  skuId: string;
  skuCode: string;
  stock: number;
}

export class FakeCatalogue {
  readonly skus: FakeSku[] = [];
  readonly updates: Record<string, unknown>[] = [];

  listProducts(body: Record<string, unknown>): unknown {
    const pageSize = Number(body.page_size ?? 10);
    if (pageSize > 30) return { errcode: 40097, errmsg: 'invalid args: page_size' };
    const ids = [...new Set(this.skus.map((s) => s.productId))];
    const offset = typeof body.next_key === 'string' ? Number(body.next_key) : 0;
    return {
      errcode: 0,
      errmsg: 'ok',
      product_ids: ids.slice(offset, offset + pageSize),
      next_key: String(offset + pageSize),
      total_num: ids.length,
    };
  }

  getProduct(body: Record<string, unknown>): unknown {
    const skus = this.skus.filter((s) => s.productId === String(body.product_id));
    if (skus.length === 0) return { errcode: 10020052, errmsg: '商品不存在' };
    return {
      errcode: 0,
      errmsg: 'ok',
      product: {
        product_id: skus[0]?.productId,
        title: '测试商品',
        skus: skus.map((s) => ({ sku_id: s.skuId, sku_code: s.skuCode, stock_num: s.stock })),
      },
    };
  }

  updateStock(body: Record<string, unknown>): unknown {
    const sku = this.skus.find(
      (s) => s.productId === String(body.product_id) && s.skuId === String(body.sku_id),
    );
    if (!sku) return { errcode: 10020052, errmsg: '商品不存在' };
    const num = Number(body.num);
    if (!Number.isInteger(num) || num < 0) return { errcode: 10020051, errmsg: '参数错误' };
    if (body.diff_type === 1) sku.stock += num;
    else if (body.diff_type === 2) sku.stock -= num;
    else if (body.diff_type === 3) sku.stock = num;
    else return { errcode: 10020051, errmsg: '参数错误' };
    this.updates.push(body);
    return { errcode: 0, errmsg: 'ok' };
  }
}

import type { FakeOrder, FakeProductInfo } from './fake-wechat-shop';

/** A 19-digit 微信小店 order id (the doc's examples are 3705115058471208928-like). */
export function anOrderId(n: number): string {
  return (3_705_115_058_471_208_000n + BigInt(n)).toString();
}

export function aLine(overrides: Partial<FakeProductInfo> = {}): FakeProductInfo {
  return {
    product_id: '10000200857718',
    sku_id: '3095702974',
    sku_cnt: 1,
    sale_price: 3990,
    real_price: 3990,
    sku_code: 'C0013Z1',
    title: '内衣清洗液除菌抑菌 500g*2瓶',
    ...overrides,
  };
}

/**
 * An order shaped as order/get returns it: fen amounts, Unix seconds, the receiver masked with a
 * virtual number (use_tel_number 1) and the address in parts.
 */
export function aWechatOrder(
  id: string,
  updateTime: number,
  overrides: { status?: number; lines?: FakeProductInfo[]; freight?: number } = {},
): FakeOrder {
  const lines = overrides.lines ?? [aLine()];
  const productPrice = lines.reduce((sum, l) => sum + l.sale_price * l.sku_cnt, 0);
  const paidLines = lines.reduce((sum, l) => sum + l.real_price, 0);
  const freight = overrides.freight ?? 0;
  return {
    order_id: id,
    status: overrides.status ?? 20,
    create_time: updateTime - 60,
    update_time: updateTime,
    openid: 'o9AgO5Kd5ggOC-bXrbNODIiE3bGY',
    order_detail: {
      product_infos: lines,
      price_info: {
        product_price: productPrice,
        order_price: paidLines + freight,
        freight,
        discounted_price: productPrice - paidLines,
      },
      delivery_info: {
        address_info: {
          user_name: '陈**',
          postal_code: '510000',
          province_name: '广东省',
          city_name: '广州市',
          county_name: '海珠区',
          detail_info: '新港中路****号',
          house_number: '',
          national_code: '440105',
          tel_number: '156****1234',
          use_tel_number: 1,
          hash_code: 'b4e9d6c2a1f04c7e9b1f0a77d3c5e812',
        },
        ewaybill_order_code: 'EWB-ENC-2f9c6a1d7b',
        delivery_product_info: [],
      },
    },
  };
}

import type { FakeTopTrade } from './fake-top';
import { topTime } from './top-sign';

export const SHOP = '良品母婴旗舰店';

/**
 * A paid trade as TOP sends it since its 订单隐私保护: masked receiver, `oaid`, an 19-digit tid,
 * yuan strings; one line of two tins (¥398.00) with ¥12.50 freight folded into the lone line's
 * payment, as the fullinfo doc describes.
 */
export function aTopTrade(
  tid: string,
  modified: Date,
  change: Partial<FakeTopTrade> = {},
): FakeTopTrade {
  return {
    tid,
    status: 'WAIT_SELLER_SEND_GOODS',
    created: topTime(new Date(modified.getTime() - 60_000)),
    modified: topTime(modified),
    payment: '410.50',
    post_fee: '12.50',
    discount_fee: '20.00',
    seller_nick: SHOP,
    buyer_open_uid: 'AAHm5d-EAAeGwJedwSHpg8bT',
    receiver_name: '陈**',
    receiver_mobile: '*******5678',
    receiver_state: '广东省',
    receiver_city: '深圳市',
    receiver_district: '南山区',
    receiver_town: '粤海街道',
    receiver_address: '科技园科苑路**号',
    oaid: '1sMVYDzxrfDkYcibTZQtpHibicv3cVyZd5ibELh4xLaPUk1Xu4VxNPWia5JFjD',
    orders: [
      {
        oid: `${tid.slice(0, -1)}9`,
        num: 2,
        price: '209.00',
        payment: '410.50',
        outer_sku_id: 'MILK-900G',
        title: '婴儿配方奶粉 900g 罐装',
        status: 'WAIT_SELLER_SEND_GOODS',
        refund_status: 'NO_REFUND',
      },
    ],
    ...change,
  };
}

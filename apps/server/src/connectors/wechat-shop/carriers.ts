/**
 * Our carrier codes (the e-waybill provider's: SF, YTO, ZTO, YD, JTSD, DBL…) to 微信小店's
 * `delivery_id`, from the table in
 * https://developers.weixin.qq.com/doc/store/shop/API/ewaybill/deliverycompanylist_get_new.html.
 * Where the two agree the code maps to itself; the differences are 韵达 (YD → YUNDA) and
 * 德邦 (DBL → DBKD).
 */
const WECHAT_DELIVERY_IDS: Record<string, string> = {
  SF: 'SF',
  ZTO: 'ZTO',
  YTO: 'YTO',
  YD: 'YUNDA',
  YUNDA: 'YUNDA',
  STO: 'STO',
  JTSD: 'JTSD',
  JD: 'JD',
  EMS: 'EMS',
  CNSD: 'CNSD',
  DBL: 'DBKD',
  DBKD: 'DBKD',
  ZJS: 'ZJS',
  KYSY: 'KYSY',
  ZTOKY: 'ZTOKY',
  YDKY: 'YDKY',
  ANEKY: 'ANEKY',
  SXJD: 'SXJD',
};

export function wechatDeliveryId(ourCarrier: string): string | null {
  return WECHAT_DELIVERY_IDS[ourCarrier.trim().toUpperCase()] ?? null;
}

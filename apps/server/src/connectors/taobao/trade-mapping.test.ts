import { describe, expect, it } from 'vitest';
import { PlatformError } from '../platform';
import { parseExactJson } from '../exact-json';
import { yuanToFen } from './yuan';
import { orderStatusOf, toPlatformOrder, topCarrierCode, topTradeSchema } from './trade-mapping';

// A fullinfo answer as TOP writes it: tid and oid as bare 19-digit JSON numbers.
const FULLINFO = `{"trade_fullinfo_get_response":{"trade":{
  "tid":4172881993218829457,"tid_str":"4172881993218829457","status":"WAIT_SELLER_SEND_GOODS",
  "created":"2026-12-06 20:59:12","modified":"2026-12-06 21:00:03",
  "payment":"257.80","post_fee":"0.00","discount_fee":"30.00","seller_nick":"良品母婴旗舰店",
  "buyer_open_uid":"AAHm5d-EAAeGwJedwSHpg8bT","receiver_name":"陈**","receiver_mobile":"*******5678",
  "receiver_state":"广东省","receiver_city":"深圳市","receiver_district":"南山区",
  "receiver_town":"粤海街道","receiver_address":"科技园科苑路**号","oaid":"1sMVYDzxrfDk",
  "orders":{"order":[
    {"oid":4172881993219829457,"oid_str":"4172881993219829457","num":2,"payment":"199.00",
     "outer_sku_id":"MILK-900G","outer_iid":"MILK","status":"WAIT_SELLER_SEND_GOODS","refund_status":"NO_REFUND"},
    {"oid":4172881993220829457,"num":3,"payment":"58.80","outer_iid":"WIPES-80",
     "status":"WAIT_SELLER_SEND_GOODS","refund_status":"NO_REFUND"},
    {"oid":4172881993221829457,"num":1,"payment":"45.00","outer_sku_id":"BIB-01",
     "status":"TRADE_CLOSED","refund_status":"SUCCESS"}]}}}}`;

function trade() {
  const body = parseExactJson(FULLINFO) as {
    trade_fullinfo_get_response: { trade: unknown };
  };
  return topTradeSchema.parse(body.trade_fullinfo_get_response.trade);
}

describe('TOP trades as our orders', () => {
  it('keeps 19-digit ids exact where a plain JSON.parse rounds them', () => {
    const rounded = JSON.parse(FULLINFO) as {
      trade_fullinfo_get_response: { trade: { tid: number } };
    };
    expect(String(rounded.trade_fullinfo_get_response.trade.tid)).not.toBe('4172881993218829457');
    const parsed = trade();
    expect(parsed.tid).toBe('4172881993218829457');
    expect(parsed.orders?.order[1]?.oid).toBe('4172881993220829457');
  });

  it('leaves numbers inside strings and short numbers alone', () => {
    expect(
      parseExactJson('{"a":"x 12345678901234567890 y","b":40,"c":-1.5e3,"d":[12345678901234567]}'),
    ).toEqual({
      a: 'x 12345678901234567890 y',
      b: 40,
      c: -1500,
      d: ['12345678901234567'],
    });
  });

  it('turns yuan strings into fen exactly', () => {
    expect(yuanToFen('12.50')).toBe(1250);
    expect(yuanToFen('0.1')).toBe(10);
    expect(yuanToFen('19.99')).toBe(1999);
    expect(yuanToFen('1234567.89')).toBe(123456789);
    expect(yuanToFen('199')).toBe(19900);
    expect(yuanToFen('1.005')).toBeNull();
    expect(yuanToFen('-3.00')).toBeNull();
  });

  it('maps the trade: masked receiver with its oaid, lines by seller code, refunded line dropped', () => {
    expect(toPlatformOrder(trade())).toEqual({
      platformOrderId: '4172881993218829457',
      shopId: '良品母婴旗舰店',
      status: 'awaiting-shipment',
      createdAt: new Date('2026-12-06T12:59:12Z'),
      modifiedAt: new Date('2026-12-06T13:00:03Z'),
      buyerId: 'AAHm5d-EAAeGwJedwSHpg8bT',
      receiver: {
        name: '陈**',
        phone: '*******5678',
        province: '广东省',
        city: '深圳市',
        district: '南山区',
        detail: '粤海街道 科技园科苑路**号',
        masked: true,
        receiverToken: '1sMVYDzxrfDk',
      },
      lines: [
        { code: 'MILK-900G', qty: 2, unitPriceFen: 9950 },
        { code: 'WIPES-80', qty: 3, unitPriceFen: 1960 },
      ],
      paidFen: 25780,
      freightFen: 0,
      discountFen: 3000,
    });
  });

  it("takes the freight out of a lone line's payment (the fullinfo doc's rule)", () => {
    const lone = topTradeSchema.parse({
      ...trade(),
      post_fee: '12.50',
      payment: '410.50',
      orders: { order: [{ oid: '1', num: 2, payment: '410.50', outer_sku_id: 'MILK-900G' }] },
    });
    expect(toPlatformOrder(lone).lines).toEqual([
      { code: 'MILK-900G', qty: 2, unitPriceFen: 19900 },
    ]);
  });

  it("names a line without a seller's code by TOP's item and SKU ids", () => {
    const uncoded = topTradeSchema.parse({
      ...trade(),
      orders: {
        order: [
          { oid: '1', num: 1, payment: '99.00', num_iid: 612345678901, sku_id: 4950001 },
          { oid: '2', num: 1, payment: '59.00', num_iid: 612345678902 },
        ],
      },
    });
    expect(toPlatformOrder(uncoded).lines.map((line) => line.code)).toEqual([
      '612345678901:4950001',
      '612345678902',
    ]);
  });

  it('refuses a trade whose amount is not yuan, naming the field', () => {
    const bad = topTradeSchema.parse({ ...trade(), payment: '12,50' });
    expect(() => toPlatformOrder(bad)).toThrow(
      new PlatformError(
        'refused',
        'Trade 4172881993218829457: payment "12,50" is not a yuan amount',
      ),
    );
  });

  it.each([
    ['WAIT_BUYER_PAY', 'unpaid'],
    ['TRADE_NO_CREATE_PAY', 'unpaid'],
    ['PAID_FORBID_CONSIGN', 'unpaid'],
    ['WAIT_SELLER_SEND_GOODS', 'awaiting-shipment'],
    ['SELLER_CONSIGNED_PART', 'awaiting-shipment'],
    ['WAIT_BUYER_CONFIRM_GOODS', 'shipped'],
    ['TRADE_BUYER_SIGNED', 'shipped'],
    ['TRADE_FINISHED', 'completed'],
    ['TRADE_CLOSED', 'cancelled'],
    ['TRADE_CLOSED_BY_TAOBAO', 'cancelled'],
    ['SOME_NEW_STATUS', 'unpaid'],
  ])('status %s is %s', (top, ours) => {
    expect(orderStatusOf(top)).toBe(ours);
  });

  it('maps our carrier codes to TOP company codes', () => {
    expect(topCarrierCode('sf')).toBe('SF');
    expect(topCarrierCode('YD')).toBe('YUNDA');
    expect(topCarrierCode('YZPY')).toBe('POSTB');
    expect(topCarrierCode('DBL')).toBe('DBKD');
    expect(topCarrierCode('UNKNOWN')).toBeNull();
  });
});
